"""A small Plan 19 built by hand (so these tests do not depend on the importer), with its V.1.đ duty."""

import datetime

import pytest


def make_plan(org):
    from kehoach.plans.models import Duty, DutyKind, Plan, PlanStatus

    plan = Plan.objects.create(
        number="19/KH-UBND",
        title="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021",
        issuer=org["ubnd"],
        year=2021,
        issued_on=datetime.date(2021, 1, 25),
        status=PlanStatus.ISSUED,
        coordinator_unit=org["nv"],
        appraiser_unit=org["tckh"],
    )
    duty = Duty.objects.create(
        plan=plan,
        section="V.1.đ",
        kind=DutyKind.BROADCAST,
        text="Duy trì chuyên mục phát sóng định kỳ về CCHC mỗi tuần ít nhất một lần, mỗi lần ít nhất 10 phút.",
        recurrence=[{"every": "week", "min_count": 1, "min_minutes": 10}],
    )
    duty.who_units.add(org["vhtt"])
    return plan


@pytest.fixture
def kh_plan(org):
    return make_plan(org)
