"""On the demo, at every day from 20/01/2021 to 31/01/2022, the overdue and late counts agree:
the pure rule over each deliverable's history, the SQL twin every surface reads, the follow-up
page, the API, the dashboards' completeness and the documents' list of owing units."""

import datetime
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kehoach.core.models import ApiToken
from kehoach.plans.models import Plan
from kehoach.rules import standing
from kehoach.tracking import selectors
from kehoach.tracking.models import Deliverable, Submission

pytestmark = pytest.mark.django_db

FIRST, LAST = datetime.date(2021, 1, 20), datetime.date(2022, 1, 31)


def _days(step=1):
    day = FIRST
    while day <= LAST:
        yield day
        day += datetime.timedelta(days=step)


def _histories(plan):
    from django.utils import timezone

    facts = defaultdict(list)
    for s in Submission.objects.filter(deliverable__plan=plan).order_by("submitted_at", "number"):
        facts[s.deliverable_id].append(
            standing.SubmissionFact(
                timezone.localtime(s.submitted_at).date(),
                s.is_late,
                timezone.localtime(s.reviewed_at).date() if s.reviewed_at else None,
                s.review_decision or None,
            )
        )
    return facts


def test_overdue_and_late_agree_every_day(demo):
    plan = Plan.objects.get(title="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021")
    rows = list(Deliverable.objects.filter(plan=plan).exclude(kind="broadcast"))
    facts = _histories(plan)
    for day in _days():
        pure = {
            d.pk
            for d in rows
            if standing.is_overdue(
                standing.state_on(
                    d.due, facts[d.pk], day, locked_on=d.locked_on, reopened_until=d.reopened_until
                ),
                d.due,
                day,
            )
        }
        sql = set(selectors.overdue(plan, day).values_list("pk", flat=True))
        assert sql == pure, day
        documents = {i["id"] for e in selectors.owed_by_unit(plan, "2021", day) for i in e["items"]}
        assert documents == pure, day
        late = sum(selectors.completeness(plan, code, as_of=day)["overdue"] for code in ("2021",))
        late += selectors.completeness(plan, "2021", kind="subplan", as_of=day)["overdue"]
        assert late == len(pure), day


def test_pages_and_api_agree_each_week(demo):
    plan = Plan.objects.get(title="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021")
    noivu = get_user_model().objects.get(username="noivu")
    page = Client()
    page.force_login(noivu)
    api = Client(headers={"Authorization": f"Bearer {ApiToken.issue(noivu)}"})
    for day in _days(step=7):
        iso = day.isoformat()
        follow = page.get(f"/tracking/followup/?plan={plan.pk}&as_of={iso}").context
        on_page = {d.pk for d in follow["overdue"].paginator.object_list}  # every page
        by_api = {
            r["id"]
            for kind in ("subplan", "report")
            for r in api.get(
                f"/api/v1/deliverables?plan={plan.pk}&kind={kind}&overdue=true&as_of={iso}"
            ).json()
        }
        assert on_page == by_api, day
        leader = page.get(f"/dashboard/leader/?plan={plan.pk}&period=2021&as_of={iso}").context
        assert {i["id"] for u in leader["late"] for i in u["items"]} == on_page, day
        comp = api.get(f"/api/v1/plans/{plan.pk}/completeness?period=2021&as_of={iso}").json()
        dash = page.get(f"/dashboard/?plan={plan.pk}&period=2021&as_of={iso}").context["matrix"][
            "completeness"
        ]
        assert (
            comp["overdue"]
            == dash["overdue"]
            == sum(1 for _ in selectors.overdue(plan, day).filter(kind="report"))
        )
