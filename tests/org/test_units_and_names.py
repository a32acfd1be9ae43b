"""The unit tree is generic (district or two-tier), keeps history through mergers, and resolves names."""

import datetime

from kehoach.core.models import AuditEntry
from kehoach.org.models import Unit, UnitGroup, UnitKind
from kehoach.org.services import NameIndex, add_alias


def test_aliases_of_the_seed_resolve_to_their_units(org):
    index = NameIndex()
    cases = {
        "VP.HĐND-UBND": "vp",
        "Văn phòng HĐND-UBND": "vp",
        "TT VH TT & truyền thanh huyện": "vhtt",
        "Trung tâm Văn hóa thể thao và Truyền hình huyện": "vhtt",
        "Trung tâm chính trị huyện": "ttct",
        "TT Chính trị huyện": "ttct",
        "Uỷ ban nhân dân xã Phước Hậu": "phuochau",
    }
    for name, code in cases.items():
        res = index.resolve(name)
        assert res.unit == org[code], name
        assert res.score == 100.0


def test_group_names_resolve_to_sets_of_units(org):
    index = NameIndex()
    offices = index.resolve("Các Phòng, ban").group
    communes = index.resolve("UBND các xã, thị trấn").group
    assert offices.code == "phong-ban" and communes.code == "ubnd-xa"
    assert set(communes.resolve().values_list("code", flat=True)) == {
        "phuocdan",
        "anhai",
        "phuochai",
        "phuochau",
        "phuochuu",
        "phuocson",
        "phuocthai",
        "phuocthuan",
        "phuocvinh",
    }
    office_codes = set(offices.resolve().values_list("code", flat=True))
    assert {"nv", "tp", "tckh", "vp", "phong-vhtt"} <= office_codes
    assert "vhtt" not in office_codes and "phuocdan" not in office_codes
    assert index.resolve("các cơ quan, đơn vị liên quan").group.is_open


def test_a_misspelt_name_resolves_fuzzily_with_its_score(org):
    res = NameIndex().resolve("Phòng Tài chính - Kế hoạch huyện")
    assert res.unit == org["tckh"]
    assert res.method in {"alias", "fuzzy"}
    assert NameIndex().resolve("Sở Giao thông vận tải tỉnh Bắc Kạn").found is False


def test_merged_units_keep_history_and_groups_follow_the_merger(org):
    """Two communes merge on 01/07/2025 (two-tier government): the old ones stay, with validity dates."""
    merged_on = datetime.date(2025, 7, 1)
    new = Unit.objects.create(
        code="xa-phuoc-hai-moi",
        name="Ủy ban nhân dân xã Phước Hải (mới)",
        kind=UnitKind.COMMUNE,
        parent=org["ubnd"],
        valid_from=merged_on,
    )
    for code in ("anhai", "phuochai"):
        unit = org[code]
        unit.valid_to = merged_on - datetime.timedelta(days=1)
        unit.successor = new
        unit.save()
    communes = UnitGroup.objects.get(code="ubnd-xa")
    before = set(communes.resolve(on=datetime.date(2021, 6, 30)).values_list("code", flat=True))
    after = set(communes.resolve(on=datetime.date(2025, 8, 1)).values_list("code", flat=True))
    assert {"anhai", "phuochai"} <= before and "xa-phuoc-hai-moi" not in before
    assert "anhai" not in after and "xa-phuoc-hai-moi" in after
    assert len(after) == len(before) - 1
    # The change is audited with what it was before.
    entry = AuditEntry.objects.filter(
        model="org.unit", object_id=str(org["anhai"].pk), action="update"
    ).latest("at")
    assert entry.changes["valid_to"] == [None, "2025-06-30"]


def test_two_tier_province_and_special_zone_work_the_same(db):
    province = Unit.objects.create(
        code="ubnd-tinh-x", name="Ủy ban nhân dân tỉnh Khánh Hòa", kind=UnitKind.PEOPLES_COMMITTEE
    )
    Unit.objects.create(
        code="so-nv-x", name="Sở Nội vụ tỉnh Khánh Hòa", kind=UnitKind.PROVINCE_DEPARTMENT, parent=province
    )
    zone = Unit.objects.create(
        code="dk-truong-sa",
        name="Ủy ban nhân dân đặc khu Trường Sa",
        kind=UnitKind.SPECIAL_ZONE,
        parent=province,
    )
    ward = Unit.objects.create(
        code="p-nha-trang", name="Ủy ban nhân dân phường Nha Trang", kind=UnitKind.WARD, parent=province
    )
    grassroots = UnitGroup.objects.create(
        code="cap-xa",
        name="UBND các xã, phường, đặc khu",
        within=province,
        kinds=[UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE],
    )
    add_alias(grassroots, "Ủy ban nhân dân các xã, phường, đặc khu")
    assert set(grassroots.resolve()) == {zone, ward}
    assert set(Unit.objects.commune_level()) == {zone, ward}
    assert NameIndex().resolve("UBND các xã, phường, đặc khu").group == grassroots


def test_deleting_is_audited(org):
    unit = Unit.objects.create(code="tam", name="Đơn vị tạm", kind=UnitKind.OTHER)
    pk = unit.pk
    unit.delete()
    assert AuditEntry.objects.filter(model="org.unit", object_id=str(pk), action="delete").exists()
    assert AuditEntry.objects.filter(model="org.unit", object_id=str(pk), action="create").exists()


def test_the_units_page_shows_the_tree_100_at_a_time(org, web):
    """A country's 3,400 units made a 470 KB page: 100 a page, the Excel export has them all."""
    from kehoach.org.models import Unit

    Unit.objects.bulk_create(
        Unit(code=f"xa-them-{i:03d}", name=f"Ủy ban nhân dân xã Thêm {i:03d}", kind="commune")
        for i in range(120)
    )
    total = Unit.objects.count()
    c = web("noivu")
    first = c.get("/units/")
    assert first.status_code == 200 and len(first.context["units"]) == 100
    assert f"({total} dòng)" in first.content.decode()
    last = c.get("/units/", {"page": first.context["units"].paginator.num_pages})
    assert len(last.context["units"]) == total - 100 * (last.context["units"].number - 1)
