"""In Chromium: upload the seed plan, correct the title on the review page, save, see the plan."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.shots import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED = "/work/main/src/kehoach/data/seed_19_KH-UBND_2021.txt"


@pytest.fixture
def org_loaded(db):
    from kehoach.demo.org import load_accounts, load_org

    load_accounts(load_org())


def seed_path():
    from importlib.resources import files
    from pathlib import Path

    path = Path(SEED)
    return path if path.exists() else files("kehoach").joinpath("data", "seed_19_KH-UBND_2021.txt")


def test_upload_review_edit_title_and_save(page, live_server, org_loaded):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill("kehoach-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Việc của tôi"))).to_be_visible()

    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.get_by_label("Tệp văn bản kế hoạch").set_input_files(str(seed_path()))
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.get_by_role("heading", name=re.compile("Kiểm tra kế hoạch trước khi lưu"))).to_be_visible()
    expect(page.get_by_role("heading", name="Văn bản gốc")).to_be_visible()
    expect(page.locator("details.import-item[id^=act-]")).to_have_count(7)
    title = page.get_by_label("Trích yếu")
    expect(title).to_have_value("Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021")
    screenshot(page, _shots() / "import-review.png", full_page=True)
    title.fill("Tuyên truyền cải cách hành chính năm 2021 (bản đã soát)")
    page.get_by_role("button", name="Lưu kế hoạch").click()

    expect(page.locator("h1")).to_contain_text("19/KH-UBND")
    expect(page.get_by_text("Tuyên truyền cải cách hành chính năm 2021 (bản đã soát)").first).to_be_visible()
    expect(page.get_by_text(re.compile("Đã lưu kế hoạch"))).to_be_visible()


def test_review_stacks_on_a_phone(page, live_server, org_loaded):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill("kehoach-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("Tệp văn bản kế hoạch").set_input_files(str(seed_path()))
    page.get_by_role("button", name="Đọc văn bản").click()
    form_box = page.locator("form.import-form").bounding_box()
    source_box = page.locator("aside.import-source").bounding_box()
    assert source_box["y"] >= form_box["y"] + form_box["height"] - 1  # the source comes after the form
    assert form_box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    screenshot(page, _shots() / "import-review-phone.png", full_page=False)


def _shots():
    from pathlib import Path

    out = Path(os.environ.get("KEHOACH_SCREENSHOTS", "/tmp/kehoach-screenshots"))
    out.mkdir(exist_ok=True)
    return out
