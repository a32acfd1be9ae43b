"""Notices fixtures: a small hand-built plan whose 2021-H1 reports (due 21/06/2021) are owed by
three communes, so urging and reminders can be exercised without the importer (fast)."""

import datetime

import pytest

OVERDUE_DAY = datetime.date(2021, 6, 25)  # the H1 reports (due 21/06/2021) are overdue


@pytest.fixture
def report_plan(org):
    from kehoach.plans.models import Duty, DutyKind, Plan, PlanStatus
    from kehoach.tracking.services import generate_deliverables

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
        section="V.1.a",
        kind=DutyKind.REPORT,
        text="Định kỳ 06 tháng báo cáo kết quả thực hiện gửi về Phòng Nội vụ",
        recurrence=[{"every": "6 months"}],
    )
    duty.who_units.add(org["phuocdan"], org["phuochau"], org["anhai"])
    generate_deliverables(plan)
    return plan


@pytest.fixture
def addresses(org):
    """phuocdan's focal person and the unit phuochau have an address; anhai has none."""
    person = org["phuocdan"].focal_person
    person.email = "phuocdan@ninhphuoc.example"
    person.save()
    org["phuochau"].email = "phuochau@ninhphuoc.example"
    org["phuochau"].save()
    return org


@pytest.fixture
def second_member(org):
    """A second person in Phước Dân: notices reach every member of an addressed unit."""
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Membership

    person = get_user_model().objects.create_user("pd-2", first_name="Nguyễn Văn B")
    Membership.objects.create(user=person, unit=org["phuocdan"], role="officer")
    return person


def user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def urge(plan, units=None, who="noivu", text="Đề nghị nộp báo cáo 6 tháng", today=OVERDUE_DAY):
    """Send an urging notice through the tracking service; returns the delivered Notice."""
    from kehoach.notices.selectors import urging_notice_for
    from kehoach.tracking.reminders import send_urging

    urging = send_urging(plan, user(who), units, "2021-H1", text, today=today)
    return urging_notice_for(urging.pk)
