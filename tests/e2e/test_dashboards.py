"""In Chromium: every dashboard page opens, shows its numbers, charts and tables, and works with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(db):
    from kehoach.demo.loader import run

    return run(say=lambda *_: None)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "kehoach-demo")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def test_coordinator_opens_every_dashboard(page, live_server, demo_data):
    sign_in(page, live_server, "noivu")
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("h1")).to_contain_text("Bảng điều khiển")
    expect(page.locator(".cards .card")).to_have_count(6)
    assert page.locator("svg[role=img]").count() >= 4
    expect(page.get_by_role("heading", name="Tình hình nộp kế hoạch, báo cáo của các đơn vị")).to_be_visible()
    # Changing a filter (htmx enhancement, or plain GET without script) keeps the page working.
    page.select_option("#f-period", "2021-H1")  # htmx swaps the figures in place and updates the title
    expect(page.locator("#dash-sub")).to_contain_text("6 tháng đầu năm 2021")
    expect(page).to_have_url(re.compile(r"period=2021-H1"))
    page.select_option("#f-period", "2021")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#dash-sub")).to_contain_text("năm 2021")
    # Compiling runs as a job: the button turns into its progress, then a download link.
    page.goto(page.url)
    page.get_by_role("button", name="Phụ lục số liệu (.xlsx)").click()
    with page.expect_download() as download:
        page.locator(".job-done a[download]").first.click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.goto(f"{live_server.url}/dashboard/leader/")
    expect(page.locator("h1")).to_contain_text("Tóm tắt cho lãnh đạo")
    expect(page.get_by_text("Đơn vị chưa nộp đúng hạn")).to_be_visible()

    page.goto(f"{live_server.url}/dashboard/ranking/")
    expect(page.locator("h1")).to_contain_text("xếp hạng thi đua")
    assert page.locator("table.table tbody tr").count() >= 18

    page.goto(f"{live_server.url}/dashboard/calendar/")
    page.get_by_label(re.compile("Tên gợi nhớ")).fill("Điện thoại")
    page.get_by_role("button", name="Tạo đường dẫn").click()
    expect(page.get_by_label("Đường dẫn lịch")).to_have_value(re.compile(r"/dashboard/ics/.+\.ics$"))


def test_commune_officer_lands_on_the_unit_dashboard(page, live_server, demo_data):
    sign_in(page, live_server, "phuocdan")
    page.goto(f"{live_server.url}/dashboard/")
    expect(page).to_have_url(re.compile(r"/dashboard/unit/$"))
    expect(page.get_by_role("heading", name="Việc phải nộp của đơn vị")).to_be_visible()
    expect(page.get_by_role("heading", name="Điểm thi đua của đơn vị")).to_be_visible()
