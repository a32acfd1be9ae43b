"""Services and selectors: unit summaries, dashboards' groupings, compliance rules, weekly reminders."""

import datetime

import pytest
from django.utils import timezone

from kehoach.core.errors import Forbidden
from kehoach.outputs import selectors, services
from kehoach.outputs.models import Broadcast, Output, WeekReminder

pytestmark = pytest.mark.django_db


def user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def aired(unit, plan, y, m, d, minutes, hour=18):
    tz = timezone.get_current_timezone()
    return Broadcast.objects.create(
        unit=unit,
        plan=plan,
        aired_at=datetime.datetime(y, m, d, hour, 30, tzinfo=tz),
        minutes=minutes,
        title="CCHC",
    )


@pytest.fixture
def some_outputs(org):
    u = org["phuocdan"]
    rows = [
        dict(form="leaflet", quantity=500, quantity_unit="copies"),
        dict(form="leaflet", quantity=300, quantity_unit="copies"),
        dict(form="training", quantity=2, quantity_unit="sessions", participants=80),
        dict(form="conference", quantity=1, quantity_unit="sessions", participants=150),
        dict(form="loudspeaker", quantity=30, quantity_unit="minutes"),
        dict(form="website_article", quantity=3),
        dict(form="website_article", quantity=1, date=datetime.date(2021, 8, 1)),  # outside H1
    ]
    for r in rows:
        Output.objects.create(
            unit=u, date=r.pop("date", datetime.date(2021, 3, 1)), title="x", topics=["procedures"], **r
        )
    return u


def test_summary_for_unit_counts_forms_copies_classes_and_people(
    some_outputs, org, kh_plan, django_assert_max_num_queries
):
    aired(org["vhtt"], kh_plan, 2021, 3, 3, 12)
    with django_assert_max_num_queries(2):
        s = selectors.summary_for_unit(some_outputs.pk, datetime.date(2021, 1, 1), datetime.date(2021, 6, 30))
    assert s["outputs"] == 6
    assert s["by_form"] == {
        "leaflet": 2,
        "training": 1,
        "conference": 1,
        "loudspeaker": 1,
        "website_article": 1,
    }
    assert s["quantity_by_form"]["leaflet"] == 800
    assert s["copies"] == 800
    assert (s["trainings"], s["training_participants"]) == (2, 80)
    assert (s["conferences"], s["conference_participants"]) == (1, 150)
    assert s["radio_minutes"] == 30
    assert (s["broadcasts"], s["broadcast_minutes"]) == (0, 0)


def test_summary_by_unit_is_two_queries_for_many_units(
    some_outputs, org, kh_plan, django_assert_max_num_queries
):
    aired(org["vhtt"], kh_plan, 2021, 3, 3, 12)
    aired(org["vhtt"], kh_plan, 2021, 3, 10, 15)
    ids = [u.pk for u in org.values()]
    with django_assert_max_num_queries(2):
        by_unit = selectors.summary_by_unit(ids, datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    assert by_unit[org["vhtt"].pk]["broadcasts"] == 2 and by_unit[org["vhtt"].pk]["broadcast_minutes"] == 27
    assert by_unit[some_outputs.pk]["outputs"] == 7
    assert by_unit[org["phuochau"].pk]["outputs"] == 0


def test_outputs_by_form_month_and_topic(some_outputs):
    by_form = selectors.outputs_by("form")
    assert by_form[0]["key"] == "website_article" and by_form[0]["count"] == 2
    months = selectors.outputs_by("month")
    assert [m["key"] for m in months] == ["2021-03", "2021-08"]
    topics = selectors.outputs_by("topic")
    assert topics == [
        {"key": "procedures", "label": "Cải cách thủ tục hành chính", "count": 7, "quantity": 837}
    ]
    with pytest.raises(ValueError):
        selectors.outputs_by("colour")


def test_log_output_refuses_another_unit(org):
    with pytest.raises(Forbidden):
        services.log_output(
            user("phuochau"),
            {"unit_id": org["phuocdan"].pk, "date": "2021-01-05", "form": "leaflet", "title": "x"},
        )


def test_log_output_accepts_vietnamese_dates(org):
    o = services.log_output(
        user("phuocdan"),
        {"unit_id": org["phuocdan"].pk, "date": "05/01/2021", "form": "leaflet", "title": "x"},
    )
    assert o.date == datetime.date(2021, 1, 5)


def test_compliance_needs_each_airing_long_enough(org, kh_plan):
    # Two 6-minute airings make 12 minutes but neither is a 10-minute airing.
    aired(org["vhtt"], kh_plan, 2021, 3, 2, 6)
    aired(org["vhtt"], kh_plan, 2021, 3, 4, 6)
    week = services.broadcast_compliance(kh_plan, datetime.date(2021, 3, 1), datetime.date(2021, 3, 7))[
        "weeks"
    ][0]
    assert week["compliant"] is False and week["minutes"] == 12
    assert week["reason"] == "Chỉ có 2 lượt dưới 10 phút"


def test_compliance_stops_at_today(org, kh_plan):
    data = services.broadcast_compliance(kh_plan, today=datetime.date(2021, 2, 10))
    assert data["weeks"][-1]["week"] == "2021-W06"


def test_compliance_uses_the_duty_thresholds(org, kh_plan):
    duty = kh_plan.duties.get()
    duty.recurrence = [{"every": "week", "min_count": 2, "min_minutes": 15}]
    duty.save()
    aired(org["vhtt"], kh_plan, 2021, 3, 2, 16)
    data = services.broadcast_compliance(kh_plan, datetime.date(2021, 3, 1), datetime.date(2021, 3, 7))
    assert (data["min_count"], data["min_minutes"]) == (2, 15)
    assert data["weeks"][0]["reason"] == "Chỉ có 1/2 lượt đạt yêu cầu"


def test_peak_windows_setting_excludes_off_peak_airings(org, kh_plan, settings):
    settings.KEHOACH_PEAK_WINDOWS = [("17:00", "21:00")]
    aired(org["vhtt"], kh_plan, 2021, 3, 2, 15, hour=2)
    week = services.broadcast_compliance(kh_plan, datetime.date(2021, 3, 1), datetime.date(2021, 3, 7))[
        "weeks"
    ][0]
    assert week["compliant"] is False and week["reason"] == "Ngoài khung giờ cao điểm"
    aired(org["vhtt"], kh_plan, 2021, 3, 3, 15, hour=18)
    assert services.broadcast_compliance(kh_plan, datetime.date(2021, 3, 1), datetime.date(2021, 3, 7))[
        "weeks"
    ][0]["compliant"]


def test_plan_without_broadcast_duty_has_no_weeks(org):
    from kehoach.plans.models import Plan

    plan = Plan.objects.create(title="Khác", issuer=org["ubnd"], year=2021, status="issued")
    data = services.broadcast_compliance(plan)
    assert data["weeks"] == [] and data["unit_id"] is None


def test_reminder_sent_on_friday_once_per_week(org, kh_plan, mailoutbox, django_capture_on_commit_callbacks):
    vhtt = org["vhtt"]
    vhtt.email = "vhtt@ninhphuoc.gov.vn"
    vhtt.save()
    assert services.send_week_reminders(datetime.date(2021, 3, 4)) == []  # Thursday: still time
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit
        sent = services.send_week_reminders(datetime.date(2021, 3, 5))  # Friday
    assert len(sent) == 1 and sent[0].week == "2021-W09"
    assert len(mailoutbox) == 1 and "vhtt@ninhphuoc.gov.vn" in mailoutbox[0].to
    assert "Không có lượt phát sóng nào" in mailoutbox[0].body
    assert services.send_week_reminders(datetime.date(2021, 3, 6)) == []  # Saturday: already reminded
    assert WeekReminder.objects.count() == 1


def test_no_reminder_when_week_complies(org, kh_plan, mailoutbox):
    aired(org["vhtt"], kh_plan, 2021, 3, 2, 12)
    assert services.send_week_reminders(datetime.date(2021, 3, 5)) == []
    assert mailoutbox == []


def test_reminder_command_runs(org, kh_plan):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("send_broadcast_reminders", "--date", "2021-03-05", stdout=out)
    assert "1" in out.getvalue()
