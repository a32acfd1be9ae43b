"""Nhập cán bộ từ Excel: preview, save all or nothing, initial passwords shown once, redo-safe."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from kehoach.org.models import Membership

pytestmark = pytest.mark.django_db

HEAD = ["username", "full name", "unit code", "role", "email"]


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    book.active.append(HEAD)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "can-bo.xlsx"
    return out


ROWS = [
    ["tranvanb", "Trần Văn B", "phuocdan", "officer", "b@example.gov.vn"],
    ["noivu", "Nguyễn Thị Hồng", "phuochau", "Chỉ xem", ""],
]


def test_preview_then_save_shows_initial_passwords_once_and_they_work(web, org):
    client = web("noivu")
    r = client.post("/units/people/import/", {"file": xlsx(ROWS)})
    html = r.content.decode()
    assert r.status_code == 200 and "1 tài khoản mới, 1 tài khoản cập nhật" in html
    assert not get_user_model().objects.filter(username="tranvanb").exists()
    r = client.post("/units/people/import/", {"confirm": "1"})
    html = r.content.decode()
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    password = re.search(r"<code>([a-z0-9]{12})</code>", html).group(1)
    user = get_user_model().objects.get(username="tranvanb")
    assert user.check_password(password) and user.first_name == "Trần Văn B"
    assert Membership.objects.filter(user=user, unit=org["phuocdan"], role="officer").exists()
    # The existing coordinator keeps their password and gains a viewer membership.
    assert "giữ mật khẩu cũ" in html
    assert Membership.objects.filter(user__username="noivu", unit=org["phuochau"], role="viewer").exists()
    # Redo-safe: the same file again creates nobody and shows no new password.
    client.post("/units/people/import/", {"file": xlsx(ROWS)})
    again = client.post("/units/people/import/", {"confirm": "1"}).content.decode()
    assert "<code>" not in again
    assert get_user_model().objects.filter(username="tranvanb").count() == 1


def test_a_wrong_row_saves_nobody(web, org):
    rows = ROWS + [["x y", "Sai", "khong-co", "vua", "thư"]]
    r = web("noivu").post("/units/people/import/", {"file": xlsx(rows)})
    html = r.content.decode()
    assert r.status_code == 400 and "chưa lưu gì" in html
    for needle in ("không hợp lệ", "khong-co", "vai trò"):
        assert needle in html
    assert "Lưu và in mật khẩu" not in html
    assert not get_user_model().objects.filter(username="tranvanb").exists()


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403), (None, 302)])
def test_people_import_is_for_coordinators_and_admins(web, org, who, status):
    assert web(who).post("/units/people/import/", {"file": xlsx(ROWS)}).status_code == status
    assert web(who).get("/units/people/import/template.xlsx").status_code == status
    assert not get_user_model().objects.filter(username="tranvanb").exists()


def test_template_downloads(web, org):
    r = web("admin").get("/units/people/import/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
