"""Nhập đơn vị từ Excel: API and page, all rows checked before any is saved."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from kehoach.org.models import Alias, Unit

pytestmark = pytest.mark.django_db

HEAD = ["code", "name", "kind", "parent code", "aliases", "valid_from", "email"]


def xlsx(rows, head=HEAD) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, raw, name="don-vi.xlsx"):
    f = io.BytesIO(raw)
    f.name = name
    return client.post("/api/v1/units/import", {"file": f})


GOOD = [
    [
        "xa-moi-1",
        "Ủy ban nhân dân xã Mới Một",
        "commune",
        "tinh-moi",
        "UBND xã Mới Một; Xã Mới 1",
        "01/07/2025",
        "",
    ],
    [
        "tinh-moi",
        "Ủy ban nhân dân tỉnh Mới",
        "Ủy ban nhân dân (cấp trên)",
        "",
        "",
        "01/07/2025",
        "ubnd@tinhmoi.gov.vn",
    ],
]


def test_coordinator_imports_units_with_parents_named_later_in_the_sheet(api):
    r = upload(api("noivu"), xlsx(GOOD))
    assert r.status_code == 200, r.content
    assert r.json() == {"created": 2, "updated": 0, "errors": []}
    commune = Unit.objects.get(code="xa-moi-1")
    assert commune.parent.code == "tinh-moi"
    assert commune.valid_from.isoformat() == "2025-07-01"
    assert Unit.objects.get(code="tinh-moi").kind == "peoples_committee"
    assert set(commune.aliases.values_list("name", flat=True)) == {"UBND xã Mới Một", "Xã Mới 1"}


def test_import_again_updates_existing_units_and_creates_nothing(api, org):
    upload(api("noivu"), xlsx(GOOD))
    changed = [GOOD[0][:1] + ["Ủy ban nhân dân xã Mới Một (đổi tên)"] + GOOD[0][2:], GOOD[1]]
    r = upload(api("noivu"), xlsx(changed))
    assert r.json() == {"created": 0, "updated": 1, "errors": []}
    assert Unit.objects.get(code="xa-moi-1").name.endswith("(đổi tên)")


def test_one_bad_row_saves_nothing_and_names_every_error(api, org):
    before = Unit.objects.count()
    rows = GOOD + [
        ["xa-sai", "Xã Sai", "hành tinh", "", "", "32/13/2025", "không-phải-thư"],
        ["xa-moi-1", "Trùng mã", "commune", "", "", "", ""],
        ["xa-mo-coi", "Xã Mồ Côi", "commune", "khong-co", "", "", ""],
    ]
    r = upload(api("noivu"), xlsx(rows))
    assert r.status_code == 200  # the contract: 200 {created, updated, errors}, nothing saved
    body = r.json()
    assert body["created"] == 0 and body["updated"] == 0
    text = " ".join(body["errors"])
    for needle in ("Dòng 4", "loại “hành tinh”", "dd/mm/yyyy", "thư điện tử", "Dòng 5", "khong-co"):
        assert needle in text
    assert Unit.objects.count() == before
    assert not Alias.objects.filter(name="Xã Mới 1").exists()


def test_a_parent_cycle_is_refused(api, org):
    rows = [
        ["a-1", "Đơn vị A", "office", "b-1", "", "", ""],
        ["b-1", "Đơn vị B", "office", "a-1", "", "", ""],
    ]
    body = upload(api("noivu"), xlsx(rows)).json()
    assert body["created"] == 0 and any("vòng lại" in e for e in body["errors"])


def test_an_alias_owned_by_another_unit_is_refused(api, org):
    Alias.objects.create(name="Xã Cũ Phước Dân", key="xã cũ phước dân", unit=org["phuocdan"])
    body = upload(
        api("noivu"), xlsx([["xa-khac", "Xã Khác", "commune", "", "Xã  cũ Phước Dân", "", ""]])
    ).json()
    assert body["created"] == 0 and any("đã thuộc đơn vị" in e for e in body["errors"])


def test_vietnamese_headers_are_accepted(api, org):
    head = ["Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Tên gọi khác", "Hiệu lực từ", "Thư điện tử"]
    r = upload(api("noivu"), xlsx([["xa-viet", "Xã Việt", "Xã", "", "", "", ""]], head=head))
    assert r.json()["created"] == 1


def test_not_a_workbook_or_missing_columns_is_a_clear_400(api, org):
    r = upload(api("noivu"), b"not a workbook")
    assert r.status_code == 400 and "xlsx" in r.json()["detail"]
    r = upload(api("noivu"), xlsx([["x"]], head=["code"]))
    assert r.status_code == 400 and "thiếu cột" in r.json()["detail"]


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403), ("tckh", 403), (None, 401)])
def test_only_coordinators_and_admins_import(api, org, who, status):
    r = upload(api(who), xlsx(GOOD))
    assert r.status_code == status
    assert not Unit.objects.filter(code="tinh-moi").exists()


def test_admin_may_import(api, org):
    assert upload(api("admin"), xlsx(GOOD)).json()["created"] == 2


# --- the page ---


def test_page_previews_then_saves(web, org):
    client = web("noivu")
    f = io.BytesIO(xlsx(GOOD))
    f.name = "don-vi.xlsx"
    r = client.post("/units/import/", {"file": f})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Những gì sẽ thay đổi" in html and "Thêm mới" in html and "Lưu danh sách đơn vị" in html
    assert not Unit.objects.filter(code="tinh-moi").exists()  # nothing saved by the preview
    r = client.post("/units/import/", {"confirm": "1"})
    assert r.status_code == 302
    assert Unit.objects.filter(code__in=["tinh-moi", "xa-moi-1"]).count() == 2


def test_page_with_errors_offers_no_save(web, org):
    f = io.BytesIO(xlsx([["xa-sai", "Xã Sai", "hành tinh", "", "", "", ""]]))
    f.name = "don-vi.xlsx"
    r = web("noivu").post("/units/import/", {"file": f})
    assert r.status_code == 400
    html = r.content.decode()
    assert "chưa lưu gì" in html and "Lưu danh sách đơn vị" not in html


def test_template_downloads_and_imports_as_is(web, api, org):
    r = web("noivu").get("/units/import/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    assert load_workbook(io.BytesIO(r.content)).worksheets[0]["A1"].value == "code"
    assert upload(api("noivu"), r.content).json() == {"created": 2, "updated": 0, "errors": []}


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403)])
def test_page_is_for_coordinators_only(web, org, who, status):
    assert web(who).get("/units/import/").status_code == status
    assert web(who).get("/units/import/template.xlsx").status_code == status


def test_anonymous_is_sent_to_sign_in(web, org):
    assert web(None).get("/units/import/").status_code == 302


# --- Xuất Excel ---


def _sheet(response):
    body = b"".join(response.streaming_content)
    return [list(r) for r in load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True)]


def test_units_list_exports_xlsx_that_imports_back_unchanged(web, api, org):
    r = web("phuocdan").get("/units/?format=xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    rows = _sheet(r)
    assert rows[0] == HEAD and len(rows) - 1 == Unit.objects.count()
    again = io.BytesIO()
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(again)
    body = upload(api("noivu"), again.getvalue()).json()
    assert body == {"created": 0, "updated": 0, "errors": []}


def test_units_list_page_links_to_export_and_import(web, org):
    html = web("noivu").get("/units/").content.decode()
    assert "format=xlsx" in html and "/units/import/" in html
    assert "/units/import/" not in web("phuocdan").get("/units/").content.decode()


def test_deliverables_and_outputs_lists_export_only_what_the_user_sees(web, plan):
    from kehoach.tracking.models import Deliverable
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    mine = _sheet(web("phuocdan").get(f"/tracking/?plan={plan.pk}&format=xlsx"))
    assert mine[0][0] == "Đơn vị" and len(mine) > 1
    assert {r[0] for r in mine[1:]} == {org_name(plan, "phuocdan")}
    everyone = _sheet(web("noivu").get(f"/tracking/?plan={plan.pk}&kind=all&format=xlsx"))
    assert len(everyone) - 1 == Deliverable.objects.filter(plan=plan).count()
    outputs = web("phuocdan").get("/outputs/?format=xlsx")
    assert outputs.status_code == 200 and _sheet(outputs)[0][0] == "Ngày"


def org_name(plan, code):
    return Unit.objects.get(code=code).name


def test_anonymous_cannot_export(web, org):
    assert web(None).get("/units/?format=xlsx").status_code == 302
