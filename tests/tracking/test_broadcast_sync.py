"""Weekly broadcast deliverables (V.1.đ) are fulfilled from the broadcast log, never typed."""

import datetime

from django.contrib.auth import get_user_model

from kehoach.fulfilment import broadcasts
from kehoach.outputs.services import log_broadcast
from kehoach.tracking import services
from kehoach.tracking.models import Deliverable


def _week(plan, code):
    return Deliverable.objects.get(plan=plan, kind="broadcast", period=code)


def test_week_is_accepted_only_when_an_airing_is_long_enough(plan, org):
    services.generate_deliverables(plan)
    radio = get_user_model().objects.get(username="vhtt")
    broadcasts.sync_broadcast_deliverables(plan, today=datetime.date(2021, 12, 31))
    assert _week(plan, "2021-W10").status == "missed"  # a week with no airing at all

    log_broadcast(
        radio,
        {
            "unit_id": org["vhtt"].pk,
            "aired_at": "2021-03-09T18:00:00+07:00",
            "minutes": 8,
            "title": "Chuyên mục CCHC",
        },
    )
    day = datetime.date(2021, 3, 9)
    assert broadcasts.sync_unit_week(org["vhtt"].pk, day, today=datetime.date(2021, 12, 31)) == 0
    assert _week(plan, "2021-W10").status == "missed"  # 8 minutes is under the 10 the plan requires

    log_broadcast(
        radio,
        {
            "unit_id": org["vhtt"].pk,
            "aired_at": "2021-03-11T18:00:00+07:00",
            "minutes": 12,
            "title": "Chuyên mục CCHC",
        },
    )
    assert broadcasts.sync_unit_week(org["vhtt"].pk, day, today=datetime.date(2021, 12, 31)) == 1
    assert _week(plan, "2021-W10").status == "accepted"


def test_running_week_stays_pending(plan, org):
    services.generate_deliverables(plan)
    broadcasts.sync_broadcast_deliverables(plan, today=datetime.date(2021, 3, 10))
    assert _week(plan, "2021-W10").status == "pending"
    assert _week(plan, "2021-W09").status == "missed"


def test_logging_through_the_api_updates_the_week(api, plan, org):
    import time_machine

    services.generate_deliverables(plan)
    with time_machine.travel(datetime.datetime(2021, 12, 31, 12, 0), tick=False):
        response = api("vhtt").post(
            "/api/v1/broadcasts",
            {
                "unit_id": org["vhtt"].pk,
                "aired_at": "2021-06-15T18:30:00+07:00",
                "minutes": 15,
                "title": "CCHC tuần 24",
            },
            content_type="application/json",
        )
    assert response.status_code == 201
    assert _week(plan, "2021-W24").status == "accepted"


def test_each_commune_is_judged_by_its_own_airings(plan, org):
    """A weekly duty given to several units: one unit's airing says nothing about another's week."""
    from kehoach.plans.models import Duty

    duty = Duty.objects.get(plan=plan, kind="broadcast")
    duty.who_units.add(org["phuocdan"])
    services.generate_deliverables(plan)
    officer = get_user_model().objects.get(username="phuocdan")
    broadcasts.record_broadcast(
        officer,
        {
            "unit_id": org["phuocdan"].pk,
            "aired_at": "2021-03-09T18:00:00+07:00",
            "minutes": 15,
            "title": "CCHC",
        },
    )
    broadcasts.sync_broadcast_deliverables(plan, today=datetime.date(2021, 12, 31))
    week = Deliverable.objects.filter(plan=plan, kind="broadcast", period="2021-W10")
    assert week.get(unit=org["phuocdan"]).status == "accepted"
    assert week.get(unit=org["vhtt"]).status == "missed"
