"""Lấy đơn vị từ danh mục đơn vị hành chính: the official list, its loader, the API and the page."""

import pytest

from kehoach.org import official
from kehoach.org.models import Unit, UnitKind

# --- the list and the loader (no database) ---


def test_the_list_has_34_provinces_and_3321_communes_wards_and_special_zones():
    provinces = official.provinces()
    assert len(provinces) == 34
    units = [u for p in provinces.values() for u in p.units]
    assert len(units) == 3321
    kinds = [kind for _code, _name, kind in units]
    assert (kinds.count("xã"), kinds.count("phường"), kinds.count("đặc khu")) == (2621, 687, 13)


def test_official_codes_are_unique_and_well_formed():
    provinces = official.provinces()
    assert all(len(code) == 2 and code.isdigit() for code in provinces)
    codes = [code for p in provinces.values() for code, _n, _k in p.units]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == 5 and code.isdigit() for code in codes)


def test_province_codes_are_those_of_cong_van_915():
    # Công văn 915/CTK-CSCL: the 34 codes after 01/07/2025.
    assert list(official.provinces()) == [
        "01",
        "04",
        "08",
        "11",
        "12",
        "14",
        "15",
        "19",
        "20",
        "22",
        "24",
        "25",
        "31",
        "33",
        "37",
        "38",
        "40",
        "42",
        "44",
        "46",
        "48",
        "51",
        "52",
        "56",
        "66",
        "68",
        "75",
        "79",
        "80",
        "82",
        "86",
        "91",
        "92",
        "96",
    ]


def test_cao_bang_rows_match_the_official_appendix():
    rows = official.rows("4")  # "4" and "04" name the same province
    top, *communes = rows
    assert (top.code, top.name, top.kind, top.parent) == (
        "04",
        "Ủy ban nhân dân tỉnh Cao Bằng",
        UnitKind.PEOPLES_COMMITTEE,
        "",
    )
    assert len(communes) == 56
    assert {r.kind for r in communes} == {UnitKind.COMMUNE, UnitKind.WARD}
    assert all(r.parent == "04" for r in communes)
    # Công văn 1027/CTK-CSCL, Phụ lục I, row 128.
    ward = next(r for r in communes if r.code == "01279")
    assert ward.name == "Ủy ban nhân dân phường Nùng Trí Cao"
    assert ward.kind == UnitKind.WARD
    assert "Phường Nùng Trí Cao" in ward.aliases
    assert ward.valid_from.isoformat() == "2025-07-01"
    assert [r.line for r in rows] == list(range(1, len(rows) + 1))


def test_special_zones_are_their_own_kind():
    rows = {r.code: r for r in official.rows("91")}  # An Giang
    assert rows["31078"].name == "Ủy ban nhân dân đặc khu Phú Quốc"
    assert rows["31078"].kind == UnitKind.SPECIAL_ZONE
    assert sum(r.kind == UnitKind.SPECIAL_ZONE for r in rows.values()) == 3


def test_departments_are_optional_and_named_for_the_province():
    plain = official.rows("04")
    assert not any(r.kind == UnitKind.PROVINCE_DEPARTMENT for r in plain)
    rows = official.rows("04", departments=True)
    departments = [r for r in rows if r.kind == UnitKind.PROVINCE_DEPARTMENT]
    assert len(departments) == len(official.DEFAULT_DEPARTMENTS) == 12
    assert {r.name for r in departments} >= {
        "Sở Nội vụ tỉnh Cao Bằng",
        "Văn phòng Ủy ban nhân dân tỉnh Cao Bằng",
    }
    assert all(r.parent == "04" and r.code.startswith("04-") for r in departments)
    two = official.rows("01", departments=["so-noi-vu", "so-ngoai-vu"])
    assert [r.name for r in two if r.kind == UnitKind.PROVINCE_DEPARTMENT] == [
        "Sở Nội vụ thành phố Hà Nội",
        "Sở Ngoại vụ thành phố Hà Nội",
    ]


def test_an_unknown_province_or_department_is_a_clear_error():
    from kehoach.core.errors import DomainError

    with pytest.raises(DomainError, match="Không có tỉnh"):
        official.rows("99")
    with pytest.raises(DomainError, match="Không có cơ quan"):
        official.rows("04", departments=["so-khong-co"])


# --- the API ---


def post(client, **body):
    return client.post("/api/v1/units/import-official", body, content_type="application/json")


@pytest.mark.django_db
def test_api_creates_a_province_and_redoing_changes_nothing(api, org):
    before = Unit.objects.count()
    r = post(api("noivu"), province_code="04", departments=True)
    assert r.status_code == 200, r.content
    assert r.json() == {"created": 1 + 12 + 56, "updated": 0, "errors": []}
    assert Unit.objects.count() == before + 69
    assert Unit.objects.get(code="01279").parent.code == "04"
    assert Unit.objects.filter(parent__code="04").commune_level().count() == 56
    again = post(api("noivu"), province_code="04", departments=True)
    assert again.json() == {"created": 0, "updated": 0, "errors": []}
    assert Unit.objects.count() == before + 69


@pytest.mark.django_db
def test_api_dry_run_saves_nothing(api, org):
    before = Unit.objects.count()
    r = post(api("noivu"), province_code="11", dry_run=True)
    assert r.json()["created"] == 1 + len(official.province("11").units)
    assert Unit.objects.count() == before


@pytest.mark.django_db
def test_api_updates_a_renamed_unit_and_keeps_its_email(api, org):
    post(api("noivu"), province_code="04")
    Unit.objects.filter(code="01273").update(name="UBND phường Thục Phán (gõ tay)", email="tp@caobang.gov.vn")
    r = post(api("noivu"), province_code="04")
    assert r.json() == {"created": 0, "updated": 1, "errors": []}
    unit = Unit.objects.get(code="01273")
    assert (unit.name, unit.email) == ("Ủy ban nhân dân phường Thục Phán", "tp@caobang.gov.vn")


@pytest.mark.django_db
def test_api_hangs_the_province_under_an_existing_top_unit(api, org):
    top = Unit.objects.create(
        code="ubnd-cao-bang", name="UBND tỉnh Cao Bằng", kind=UnitKind.PEOPLES_COMMITTEE
    )
    r = post(api("noivu"), province_code="04", top_code="ubnd-cao-bang")
    assert r.json() == {"created": 56, "updated": 1, "errors": []}
    top.refresh_from_db()
    assert top.name == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert top.children.count() == 56
    assert not Unit.objects.filter(code="04").exists()


@pytest.mark.django_db
def test_api_unknown_province_is_a_400_in_vietnamese(api, org):
    r = post(api("noivu"), province_code="99")
    assert r.status_code == 400
    assert "Không có tỉnh" in r.json()["detail"]
    assert post(api("noivu"), province_code="04", departments=["x"]).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403), ("tckh", 403), (None, 401)])
def test_api_is_for_coordinators_only(api, org, who, status):
    assert post(api(who), province_code="04").status_code == status
    assert not Unit.objects.filter(code="04").exists()


@pytest.mark.django_db
def test_saving_is_audited(api, org):
    from kehoach.core.models import AuditEntry

    post(api("noivu"), province_code="04")
    unit = Unit.objects.get(code="01279")
    entry = AuditEntry.objects.filter(object_id=str(unit.pk)).latest("pk")
    assert "danh mục đơn vị hành chính" in entry.verb


# --- the page ---

PAGE = "/units/setup/official/"


@pytest.mark.django_db
def test_page_previews_then_saves_then_redo_changes_nothing(web, org):
    client = web("noivu")
    first = client.get(PAGE)
    assert first.status_code == 200
    html = first.content.decode()
    assert "04 — Tỉnh Cao Bằng" in html and 'value="so-noi-vu" checked' in html
    before = Unit.objects.count()
    form = {"province": "04", "top": "", "departments": ["so-noi-vu", "so-tai-chinh"]}
    preview = client.post(PAGE, form)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "59 đơn vị mới, 0 đơn vị cập nhật, 0 đơn vị không đổi." in text
    assert "Tỉnh Cao Bằng: 53 xã, 3 phường, 0 đặc khu." in text
    assert "Ủy ban nhân dân phường Nùng Trí Cao" in text and "Lưu danh sách đơn vị" in text
    assert Unit.objects.count() == before
    saved = client.post(PAGE, {**form, "confirm": "1"})
    assert saved.status_code == 302 and saved["Location"] == "/units/setup/"
    assert Unit.objects.count() == before + 59
    again = client.post(PAGE, form).content.decode()
    assert "0 đơn vị mới, 0 đơn vị cập nhật, 59 đơn vị không đổi." in again
    client.post(PAGE, {**form, "confirm": "1"})
    assert Unit.objects.count() == before + 59


@pytest.mark.django_db
def test_page_with_no_province_says_so(web, org):
    r = web("noivu").post(PAGE, {"province": ""})
    assert r.status_code == 400
    assert "Không có tỉnh" in r.content.decode()


@pytest.mark.django_db
def test_first_run_and_excel_import_offer_the_official_list(web, org):
    assert PAGE in web("noivu").get("/units/setup/").content.decode()
    assert PAGE in web("noivu").get("/units/import/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("tckh", 403), (None, 302)])
def test_page_is_for_coordinators_only(web, org, who, status):
    assert web(who).get(PAGE).status_code == status
    assert web(who).post(PAGE, {"province": "04", "confirm": "1"}).status_code == status
    assert not Unit.objects.filter(code="04").exists()
