"""The same figure is equal on every surface that shows it, for random histories and days.

Histories: units hand in their 2021 unit plan and 2021-H1 report on random days (on time or
late), the coordinator accepts or returns them some days later, lead units record progress.
For several ``as_of`` days (the deadline boundaries among them) the test reads, through the
real pages, API, and files: completeness (API, dashboard, leader view, ranking inputs, XLSX
annex), overdue items (API ``overdue=true``, follow-up page, the documents' list, the urging
letter's table), activity progress (dashboard, public page, API), and the calendar feed.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kehoach.core.models import ApiToken
from kehoach.plans.models import ActivityUpdate
from kehoach.rules.periods import parse_period
from kehoach.tracking import selectors as tracking_selectors
from kehoach.tracking.models import Deliverable, Submission
from tests.tracking.helpers import at

pytestmark = pytest.mark.django_db

H1 = parse_period("2021-H1")
BOUNDARY_DAYS = [
    datetime.date(2021, 1, 25),  # last day on time of "trước ngày 26/01/2021"
    datetime.date(2021, 1, 26),
    datetime.date(2021, 6, 21),  # 2021-H1 reports due (5 working days after 14/06)
    datetime.date(2021, 6, 22),
    datetime.date(2021, 6, 30),
]


class _Rollback(Exception):
    pass


def _clients():
    User = get_user_model()
    noivu = User.objects.get(username="noivu")
    page = Client()
    page.force_login(noivu)
    api = Client(headers={"Authorization": f"Bearer {ApiToken.issue(noivu)}"})
    anon = Client()
    return page, api, anon


def _make_history(plan, events, progress):
    """Write submissions/reviews for the chosen units and dated progress updates."""
    units = list(
        Deliverable.objects.filter(plan=plan, kind__in=["subplan", "report"])
        .order_by("unit__sort_order", "unit_id")
        .values_list("unit_id", flat=True)
        .distinct()
    )
    for unit_index, kind, offset, decision, lag in events:
        unit_id = units[unit_index % len(units)]
        period = "2021" if kind == "subplan" else "2021-H1"
        d = Deliverable.objects.get(plan=plan, unit_id=unit_id, kind=kind, period=period)
        day = datetime.date(2021, 1, 10) + datetime.timedelta(days=offset)
        n = d.submissions.count() + 1
        reviewed = day + datetime.timedelta(days=lag) if decision else None
        Submission.objects.create(
            deliverable=d,
            number=n,
            submitted_at=at(day.year, day.month, day.day),
            is_late=d.due.is_late(day),
            text="x",
            review_decision=decision or "",
            reviewed_at=at(reviewed.year, reviewed.month, reviewed.day, 16) if reviewed else None,
        )
    activities = list(plan.activities.order_by("order", "id"))
    for index, offset, value in progress:
        if not activities:
            break
        a = activities[index % len(activities)]
        day = datetime.date(2021, 2, 1) + datetime.timedelta(days=offset)
        u = ActivityUpdate.objects.create(activity=a, progress=value, note="x")
        ActivityUpdate.objects.filter(pk=u.pk).update(created_at=at(day.year, day.month, day.day))


def _xlsx_rows(content: bytes) -> dict[str, tuple[int, int, int]]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content), data_only=False).active
    out = {}
    for row in ws.iter_rows(min_row=1, values_only=True):
        # The print-ready annex starts each unit row with its STT; the total row is not a unit.
        if row and isinstance(row[0], int) and isinstance(row[1], str):
            row = row[1:]
        if row and isinstance(row[1], int) and isinstance(row[2], int) and isinstance(row[3], int):
            out[str(row[0])] = (row[1], row[2], row[3])
    return out


def _docx_cells(content: bytes) -> list[list[str]]:
    import docx

    doc = docx.Document(io.BytesIO(content))
    return [[c.text.strip() for c in r.cells] for t in doc.tables for r in t.rows]


def _check_day(plan, day, page, api, anon):
    q = f"plan={plan.pk}&period=2021-H1&as_of={day.isoformat()}"
    # --- completeness: API = dashboard = leader view = ranking inputs = XLSX annex ----------
    comp = api.get(f"/api/v1/plans/{plan.pk}/completeness?period=2021-H1&as_of={day.isoformat()}").json()
    dash = page.get(f"/dashboard/?{q}").context["matrix"]["completeness"]
    leader = page.get(f"/dashboard/leader/?{q}").context["comp"]
    for key in ("expected", "submitted", "on_time", "rate", "on_time_rate"):
        assert comp[key] == dash[key] == leader[key], (day, key)
    by_unit = {u["unit_id"]: (u["expected"], u["submitted"], u["on_time"]) for u in comp["by_unit"]}
    facts = {
        f.unit_id: (f.expected, f.submitted, f.on_time)
        for f in tracking_selectors.unit_facts(plan, "2021-H1", as_of=day)
    }
    assert facts == by_unit, day
    # The report of a period never goes past the period's end: its annex is as of min(day, 30/06).
    doc_day = min(day, H1.end).isoformat()
    xlsx = api.get(f"/api/v1/plans/{plan.pk}/report?period=2021-H1&format=xlsx&as_of={day.isoformat()}")
    assert xlsx.status_code == 200
    doc_comp = api.get(f"/api/v1/plans/{plan.pk}/completeness?period=2021-H1&as_of={doc_day}").json()
    doc_rows = {u["unit_name"]: (u["expected"], u["submitted"], u["on_time"]) for u in doc_comp["by_unit"]}
    assert _xlsx_rows(xlsx.content) == doc_rows, day

    # --- overdue: API = follow-up page = documents' list = urging letter table --------------
    api_overdue = {
        (r["unit_id"], r["kind"], r["period"])
        for kind in ("subplan", "report")
        for r in api.get(
            f"/api/v1/deliverables?plan={plan.pk}&kind={kind}&overdue=true&as_of={day.isoformat()}"
        ).json()
    }
    follow = page.get(f"/tracking/followup/?plan={plan.pk}&as_of={day.isoformat()}").context
    page_overdue = {
        (d.unit_id, d.kind, d.period) for d in follow["overdue"].paginator.object_list
    }  # every page
    assert api_overdue == page_overdue, day
    assert sum(u.overdue for u in follow["rows"].paginator.object_list) == len(api_overdue)
    owed = tracking_selectors.owed_by_unit(plan, "2021", day)
    assert {(e["unit_id"], i["kind"], i["period"]) for e in owed for i in e["items"]} == api_overdue
    h1_owed = {
        (u_id, k, p)
        for (u_id, k, p) in api_overdue
        if p in ("2021", "2021-H1") and (k == "subplan" or p == "2021-H1")
    }
    assert comp["overdue"] == len({x for x in h1_owed if x[1] == "report"})
    letter = page.get(
        f"/dashboard/plans/{plan.pk}/urging-letter/?period=2021-H1&format=docx&as_of={day.isoformat()}"
    )
    if letter.status_code == 200:
        listed = {row[1] for row in _docx_cells(letter.content) if len(row) == 5 and row[0].isdigit()}
        from kehoach.org.models import Unit

        expected_names = set(
            Unit.objects.filter(pk__in={u for u, _, _ in h1_owed}).values_list("name", flat=True)
        )
        assert listed == expected_names, day

    # --- activity progress: dashboard = API = public page (live day only) -------------------
    acts = page.get(f"/dashboard/?{q}").context["acts"]
    rows = api.get(f"/api/v1/plans/{plan.pk}/activities?as_of={day.isoformat()}").json()
    assert {r["id"]: (r["status"], r["progress"]) for r in rows} == {
        r["id"]: (r["state"], r["progress"]) for r in acts["rows"]
    }


def _check_live(plan, page, api, anon):
    """Today's figures: the public page and the calendar feed agree with the dashboard and API."""
    from kehoach.plans.models import Plan

    Plan.objects.filter(pk=plan.pk).update(is_public=True)
    today = datetime.date.today().isoformat()
    acts = page.get(f"/dashboard/?plan={plan.pk}&period=2021-H1").context["acts"]
    public = anon.get(f"/public/plans/{plan.pk}/")
    assert public.status_code == 200
    assert public.context["p"]["progress"] == acts["progress"]
    dash_states = {s["code"]: s["count"] for s in acts["states"]}
    assert {s["code"]: s["count"] for s in public.context["p"]["states"]} == dash_states
    ics = api.get(f"/api/v1/plans/{plan.pk}/calendar.ics").content.decode()
    owed_in_feed = sum(
        int(x.split("/")[0]) for x in re.findall(r"Chưa nộp: (\d+/\d+)", ics.replace("\r\n ", ""))
    )
    owed_by_api = sum(
        1
        for r in api.get(f"/api/v1/deliverables?plan={plan.pk}&as_of={today}&limit=1000").json()
        if r["status"] in ("pending", "returned", "missed")
    )
    assert owed_in_feed == owed_by_api


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure prints its example; no slow shrinking
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    events=st.lists(
        st.tuples(
            st.integers(0, 30),
            st.sampled_from(["subplan", "report"]),
            st.integers(0, 180),
            st.sampled_from([None, "accepted", "returned"]),
            st.integers(0, 20),
        ),
        max_size=12,
    ),
    progress=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 300), st.integers(0, 100)), max_size=6),
    extra_day=st.dates(datetime.date(2021, 1, 20), datetime.date(2022, 1, 31)),
)
def test_every_surface_shows_the_same_figures(deliverables, events, progress, extra_day):
    page, api, anon = _clients()
    try:
        with transaction.atomic():
            _make_history(deliverables, events, progress)
            for day in [*BOUNDARY_DAYS, extra_day]:
                _check_day(deliverables, day, page, api, anon)
            _check_live(deliverables, page, api, anon)
            raise _Rollback
    except _Rollback:
        pass
