"""In Chromium: the first run takes a province from the official list, previews it and saves it."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.shots import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def org_loaded(db):
    from kehoach.demo.org import load_accounts, load_org

    load_accounts(load_org())


def _shots() -> Path:
    out = Path(os.environ.get("KEHOACH_SCREENSHOTS", "/tmp/kehoach-screenshots"))
    out.mkdir(exist_ok=True)
    return out


def _sign_in(page, url):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill("kehoach-demo")
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("width", [1280, 360])
def test_pick_a_province_preview_and_save(page, live_server, org_loaded, width):
    from kehoach.org.models import Unit

    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/units/setup/")
    page.get_by_role("link", name="Lấy từ danh mục đơn vị hành chính").click()
    page.get_by_label("Tỉnh, thành phố").select_option("11")  # Điện Biên
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_text("Tỉnh Điện Biên: 42 xã, 3 phường, 0 đặc khu.")).to_be_visible()
    expect(page.get_by_role("cell", name="Ủy ban nhân dân phường Điện Biên Phủ")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    screenshot(page, _shots() / f"setup-official-{width}.png", full_page=False)
    page.get_by_role("button", name="Lưu danh sách đơn vị").click()
    expect(page.get_by_text("Đã lưu: 58 đơn vị mới, 0 đơn vị cập nhật.")).to_be_visible()
    assert Unit.objects.filter(parent__code="11").count() == 57
