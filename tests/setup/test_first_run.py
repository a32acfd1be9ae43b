"""Thiết lập ban đầu: the guided first run for an administrator without the demo."""

import pytest

from kehoach.core.models import AuditEntry
from kehoach.org.models import Unit
from kehoach.tracking.models import Reminder
from kehoach.tracking.services import generate_deliverables

pytestmark = pytest.mark.django_db


def test_admin_home_offers_the_first_run_while_there_is_no_plan(web, org):
    html = web("admin").get("/").content.decode()
    assert "Thiết lập ban đầu" in html and "/units/setup/" in html
    assert "/units/setup/" not in web("phuocdan").get("/").content.decode()


def test_home_drops_the_first_run_once_a_plan_exists(web, plan):
    assert "/units/setup/" not in web("admin").get("/").content.decode()


def test_checklist_links_every_step(web, org):
    html = web("admin").get("/units/setup/").content.decode()
    for url in (
        "/units/setup/organisation/",
        "/units/import/",
        "/units/people/import/",
        "/plans/import/",
        "/units/setup/reminders/",
    ):
        assert url in html


def test_organisation_step_previews_then_saves_and_can_be_redone(web, org):
    client = web("admin")
    data = {"level": "province", "name": "Ủy ban nhân dân tỉnh Khánh Hòa", "code": "ubnd-kh"}
    r = client.post("/units/setup/organisation/", data | {"preview": "1"})
    assert r.status_code == 200 and "Tạo đơn vị cấp trên cùng" in r.content.decode()
    assert not Unit.objects.filter(code="ubnd-kh").exists()
    assert client.post("/units/setup/organisation/", data | {"confirm": "1"}).status_code == 302
    assert Unit.objects.get(code="ubnd-kh").kind == "peoples_committee"
    renamed = data | {"name": "UBND tỉnh Khánh Hòa (mới)"}
    r = client.post("/units/setup/organisation/", renamed | {"preview": "1"})
    assert "Đổi tên" in r.content.decode()
    client.post("/units/setup/organisation/", renamed | {"confirm": "1"})
    assert Unit.objects.filter(code="ubnd-kh").count() == 1
    assert Unit.objects.get(code="ubnd-kh").name.endswith("(mới)")


def test_organisation_step_refuses_bad_input_and_saves_nothing(web, org):
    r = web("admin").post(
        "/units/setup/organisation/", {"level": "xa", "name": "", "code": "Mã sai", "confirm": "1"}
    )
    assert r.status_code == 400
    assert not Unit.objects.filter(name="").exists()


def test_reminders_step_previews_then_sends_once(web, plan):
    generate_deliverables(plan)
    import datetime

    import time_machine

    focal = Unit.objects.get(code="phuocdan").focal_person
    focal.email = "phuocdan@example.gov.vn"
    focal.save()
    with time_machine.travel(datetime.datetime(2021, 6, 18, 9, 0), tick=False):
        client = web("admin")
        html = client.get("/units/setup/reminders/").content.decode()
        assert "Sẽ xem xét nhắc" in html and "21/06/2021" in html and "phuocdan@example.gov.vn" in html
        assert client.post("/units/setup/reminders/").status_code == 302
        sent = Reminder.objects.count()
        assert sent > 0
        client.post("/units/setup/reminders/")
        assert Reminder.objects.count() == sent  # redo-safe
    assert AuditEntry.objects.exists()


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403), (None, 302)])
def test_first_run_is_for_admins_and_coordinators(web, org, who, status):
    for url in ("/units/setup/", "/units/setup/organisation/", "/units/setup/reminders/"):
        assert web(who).get(url).status_code == status
    assert (
        web(who)
        .post("/units/setup/organisation/", {"level": "province", "name": "X", "code": "x", "confirm": "1"})
        .status_code
        == status
    )
    assert not Unit.objects.filter(code="x").exists()


def test_organisation_step_creates_the_groups_plans_name_once(web, org):
    from kehoach.org.models import UnitGroup

    client = web("admin")
    data = {"level": "province", "name": "Ủy ban nhân dân tỉnh Khánh Hòa", "code": "ubnd-kh"}
    html = client.post("/units/setup/organisation/", data | {"preview": "1"}).content.decode()
    assert "Ủy ban nhân dân các xã, phường" in html  # said before saving
    client.post("/units/setup/organisation/", data | {"confirm": "1"})
    groups = UnitGroup.objects.filter(within__code="ubnd-kh")
    assert groups.count() == 4
    communes = groups.get(name="Ủy ban nhân dân các xã, phường")
    ward = Unit.objects.create(
        code="p-nha-trang", name="UBND phường Nha Trang", kind="ward", parent=communes.within
    )
    assert list(communes.resolve()) == [ward]
    assert groups.get(name="Các cơ quan, đơn vị liên quan").is_open
    html = client.post("/units/setup/organisation/", data | {"preview": "1"}).content.decode()
    assert "Tạo các nhóm" not in html  # redoing the step creates nothing twice
    client.post("/units/setup/organisation/", data | {"confirm": "1"})
    assert groups.count() == 4


def _people_sheet(rows):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Vai trò", "Thư điện tử"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_people_import_reads_roles_as_people_write_them_and_shows_labels(web, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    raw = _people_sheet(
        [
            ["tt-moi", "Lê Thị Ánh", "nv", "Cơ quan thường trực", ""],
            ["cb-moi", "Võ Văn Tâm", "anhai", "Cán bộ đơn vị", "tam@example.gov.vn"],
        ]
    )
    r = web("admin").post("/units/people/import/", {"file": SimpleUploadedFile("cb.xlsx", raw)})
    html = r.content.decode()
    assert r.status_code == 200, html
    assert "Cơ quan thường trực (theo dõi, tổng hợp)" in html and ">coordinator<" not in html


def test_first_officer_of_a_unit_without_one_becomes_its_focal_person(db):
    from kehoach.org import people_import

    top = Unit.objects.create(code="kh", name="UBND tỉnh", kind="peoples_committee")
    ward = Unit.objects.create(code="p-ba-ngoi", name="UBND phường Ba Ngòi", kind="ward", parent=top)
    raw = _people_sheet(
        [
            ["cb-ba-ngoi", "Phạm Thị Hương", "p-ba-ngoi", "cán bộ", "huong@example.gov.vn"],
            ["cb-ba-ngoi-2", "Đỗ Văn Lâm", "p-ba-ngoi", "cán bộ", ""],
            ["ld-kh", "Trần Quốc Bảo", "kh", "lãnh đạo", ""],
        ]
    )
    people_import.save_people(people_import.check_people(raw))
    ward.refresh_from_db()
    top.refresh_from_db()
    assert ward.focal_person.username == "cb-ba-ngoi"  # the first, kept when others follow
    assert top.focal_person is None  # a leader is not the unit's focal person


def seed_bytes() -> bytes:
    """The signed text of Plan 19/KH-UBND (the seed shipped with the package)."""
    from importlib.resources import files

    return files("kehoach").joinpath("data", "seed_19_KH-UBND_2021.txt").read_bytes()
