"""Kế hoạch mặc định (issue 13 item 2): with another organisation's newer plan loaded (the Khánh
Hòa demo beside Ninh Phước's), pages without ``?plan=`` open on the user's own plan."""

import datetime

import pytest

from kehoach.org.models import Unit, UnitKind
from kehoach.plans.defaults import default_plan_for
from kehoach.plans.models import Duty, DutyKind, Plan, PlanStatus

pytestmark = pytest.mark.django_db


def _province_plan() -> Plan:
    """A newer issued plan of an unrelated province, with its own weekly broadcast duty."""
    province = Unit.objects.create(
        code="kh-tinh", name="UBND tỉnh Khánh Hòa", kind=UnitKind.PEOPLES_COMMITTEE
    )
    dept = Unit.objects.create(
        code="kh-snv", name="Sở Nội vụ tỉnh Khánh Hòa", kind=UnitKind.PROVINCE_DEPARTMENT, parent=province
    )
    plan = Plan.objects.create(
        number="26/KH-UBND",
        title="Tuyên truyền CCHC tỉnh Khánh Hòa năm 2026",
        issuer=province,
        year=2026,
        issued_on=datetime.date(2026, 1, 20),
        status=PlanStatus.ISSUED,
        coordinator_unit=dept,
    )
    duty = Duty.objects.create(
        plan=plan,
        section="IV.2",
        kind=DutyKind.BROADCAST,
        text="Phát sóng chuyên mục CCHC mỗi tuần một lần, mỗi lần 15 phút.",
        recurrence=[{"every": "week", "min_count": 1, "min_minutes": 15}],
    )
    duty.who_units.add(dept)
    return plan


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_every_own_user_gets_the_own_plan_and_an_outsider_the_newest(org, deliverables):
    other = _province_plan()
    for who in ("noivu", "tckh", "lanhdao", "vhtt", "phuocdan", "phuochau"):
        assert default_plan_for(_user(who)) == deliverables, who
    assert default_plan_for(_user("admin")) == other  # no unit: the newest issued plan overall


def test_commune_tracking_page_opens_on_its_plan(web, org, deliverables):
    _province_plan()
    r = web("phuocdan").get("/tracking/")
    assert r.status_code == 200
    assert r.context["plan"] == deliverables
    assert len(r.context["page"].object_list) > 0


def test_review_without_plan_opens_on_the_coordinated_plan(web, org, deliverables):
    _province_plan()
    r = web("noivu").get("/tracking/review/")
    assert r.status_code == 200
    assert r.context["plan"] == deliverables


def test_broadcasts_page_opens_on_the_own_plan_with_the_form(web, org, kh_plan):
    _province_plan()
    r = web("vhtt").get("/outputs/broadcasts/")
    assert r.status_code == 200
    assert r.context["plan"] == kh_plan
    assert r.context["form"] is not None


def test_leader_home_summary_is_for_the_own_plan(web, org, deliverables):
    _province_plan()
    html = web("lanhdao").get("/").content.decode()
    assert "26/KH-UBND" not in html
