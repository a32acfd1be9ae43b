"""In Chromium: sign in, see my work, open the plan page, update an activity with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.shots import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(db):
    from kehoach.demo.loader import load_plan
    from kehoach.demo.org import load_accounts, load_org

    units = load_org()
    load_accounts(units)
    return load_plan(units)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("kehoach-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Việc của tôi"))).to_be_visible()


def test_sign_in_and_open_the_plan_page(page, live_server, seeded):
    sign_in(page, live_server, "noivu")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021").click()
    expect(page.locator("h1")).to_contain_text("19/KH-UBND")
    expect(page.get_by_text("Xây dựng chuyên mục cải cách hành chính.")).to_be_visible()
    rows = page.locator("#activities ~ .table-wrap tbody tr")
    expect(rows).to_have_count(7)
    screenshot(page, live_server_screenshot_dir() / "plan.png", full_page=True)


def test_lead_updates_progress_from_the_keyboard(page, live_server, seeded):
    sign_in(page, live_server, "tuphap")
    activity = seeded.activities.get(no="3")
    page.goto(f"{live_server.url}/plans/activities/{activity.pk}/")
    page.get_by_label("Tiến độ (%)").fill("60")
    page.get_by_label("Nội dung cập nhật").fill("Đã lồng ghép vào kế hoạch PBGDPL năm 2021")
    page.get_by_label("Nội dung cập nhật").press("Tab")
    page.get_by_role("button", name="Lưu cập nhật").click()
    expect(page.get_by_text("Đã cập nhật tiến độ.")).to_be_visible()
    expect(page.get_by_text("Đã lồng ghép vào kế hoạch PBGDPL năm 2021")).to_be_visible()


def test_wrong_password_is_explained(page, live_server, seeded):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Không đăng nhập được")


def live_server_screenshot_dir():
    from pathlib import Path

    out = Path("test-results")
    out.mkdir(exist_ok=True)
    return out
