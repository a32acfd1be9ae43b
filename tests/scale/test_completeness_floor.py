"""Issue 11, completeness and the follow-up pages at national scale: the same figures, honestly timed.

- ``kehoach bench`` times the completeness endpoint against the very statement it sends
  (``tracking.selectors.completeness_sql``), not against a count of stored statuses.
- The follow-up page reads its late items' count and periods in one pass and plans its ``as_of``
  passes without hash joins on PostgreSQL, leaving the connection's planner as it was.
- The inspections page above ``UNITS_IN_A_LIST`` units takes the unit typed, not a list of options.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.org import fields as unit_fields
from kehoach.plans.models import DutyKind
from kehoach.scale import bench
from kehoach.tracking import selectors
from kehoach.tracking.models import Deliverable, Inspection

pytestmark = pytest.mark.django_db

DAY = datetime.date(2021, 7, 20)


def _fetch(sql: str, params) -> list[dict]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        while cur.description is None and cur.nextset():
            pass
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@pytest.mark.parametrize("kind", [None, DutyKind.SUBPLAN])
def test_the_bench_floor_is_the_statement_completeness_sends(demo, kind):
    with CaptureQueriesContext(connection) as ctx:
        figures = selectors.completeness(demo, "2021-H1", kind=kind, as_of=DAY)
    assert len(ctx.captured_queries) == 1
    sql, params = selectors.completeness_sql(demo, "2021-H1", kind=kind, as_of=DAY)
    rows = _fetch(sql, params)
    assert [
        {
            "unit_id": r["unit_id"],
            "expected": r["expected"],
            "submitted": r["submitted"],
            "on_time": r["on_time"],
            "overdue": r["overdue_n"],
        }
        for r in rows
    ] == [
        {k: u[k] for k in ("unit_id", "expected", "submitted", "on_time", "overdue")}
        for u in figures["by_unit"]
    ]
    assert sum(r["expected"] for r in rows) == figures["expected"] > 0


def test_the_bench_times_completeness_against_that_statement(demo):
    row = next(t for t in bench.targets(demo, "2021-H1") if t[0] == "GET …/completeness")
    assert (row[2], row[3]) == selectors.completeness_sql(demo, "2021-H1")
    assert bench._time_sql(row[2], row[3], 1) >= 0  # runs as given, past a leading SET LOCAL


def test_the_bench_times_broadcast_compliance_against_the_airings_it_reads(demo):
    from kehoach.outputs.models import Broadcast
    from kehoach.outputs.services import broadcast_compliance

    row = next(t for t in bench.targets(demo, "2021-H1") if t[0] == "GET …/broadcast-compliance")
    assert '"outputs_broadcast"' in row[2] and row[3] == []
    with connection.cursor() as cur:
        cur.execute(row[2], row[3])
        airings = cur.fetchall()
    unit_id = broadcast_compliance(demo)["unit_id"]
    assert unit_id is not None

    # Every airing the floor reads is the judged unit's, for this plan or none.
    def utc(t):  # SQLite's raw cursor gives naive UTC, PostgreSQL's aware
        return t.astimezone(datetime.UTC).replace(tzinfo=None) if t.tzinfo else t

    mine = {utc(t) for t in Broadcast.objects.filter(unit_id=unit_id).values_list("aired_at", flat=True)}
    assert airings and {utc(a[0]) for a in airings} <= mine


def test_per_unit_counts_equal_each_deliverable_counted_by_the_rule(demo):
    """The outer count over the inner ``as_of`` query equals counting the annotated rows one by one."""
    figures = selectors.completeness(demo, "2021-H1", as_of=DAY)
    scoped = list(selectors.scoped(demo, "2021-H1", "report", DAY))
    for u in figures["by_unit"]:
        mine = [d for d in scoped if d.unit_id == u["unit_id"]]
        assert u["expected"] == len(mine)
        assert u["submitted"] == sum(d.state in ("submitted", "late", "accepted", "returned") for d in mine)
        assert u["on_time"] == sum(bool(d.on_time) for d in mine)
        assert u["overdue"] == sum(bool(d.overdue) for d in mine)


def test_followup_reads_its_counts_late_list_and_periods_in_one_pass(demo, web):
    url = f"/tracking/followup/?plan={demo.pk}&as_of={DAY.isoformat()}"
    client = web("noivu")
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    late = selectors.overdue(demo, DAY)
    assert late.count() > 0
    assert r.context["overdue"].paginator.count == late.count()
    periods = list(dict.fromkeys(late.order_by("period_start", "period").values_list("period", flat=True)))
    assert [code for code, _label in r.context["periods"]] == periods
    for u in r.context["rows"].paginator.object_list:
        assert u.overdue == late.filter(unit_id=u.pk).count(), u.name
    # Session, user, memberships, plan, the page's one pass over the plan, the units, the lock
    # periods, the unread notices, the page of late items, the urging notices (+ their units), the
    # owing units as the form's boxes (twice: initial value and choices; above UNITS_IN_A_LIST one
    # box for all, not read), and on PostgreSQL BEGIN, SET LOCAL, RESET, COMMIT around them.
    # However many units and late items.
    extra = 4 if connection.vendor == "postgresql" else 0
    assert len(ctx.captured_queries) <= 13 + extra, "\n".join(q["sql"][:90] for q in ctx.captured_queries)


def test_followup_leaves_the_planner_as_it_was(demo, web):
    assert web("noivu").get(f"/tracking/followup/?plan={demo.pk}").status_code == 200
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SHOW enable_hashjoin")
            assert cur.fetchone()[0] == "on"


def test_without_hash_joins_is_undone_with_an_error(demo):
    with pytest.raises(RuntimeError), selectors.without_hash_joins(connection.alias):
        assert Deliverable.objects.filter(plan=demo).exists()
        raise RuntimeError("the page failed half-way")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SHOW enable_hashjoin")
            assert cur.fetchone()[0] == "on"


def test_many_units_record_an_inspection_by_typed_code_or_name(deliverables, web, org, monkeypatch):
    monkeypatch.setattr(unit_fields, "UNITS_IN_A_LIST", 2)
    client = web("noivu")
    url = f"/tracking/inspections/?plan={deliverables.pk}"
    html = client.get(url).content.decode()
    assert '<select name="unit"' not in html and 'name="unit"' in html
    body = {"plan": deliverables.pk, "date": "2021-09-15", "status": "done", "findings": "Thiếu niêm yết"}
    r = client.post(url, {**body, "unit": "không có đơn vị này"})
    assert r.status_code == 400 and "Không tìm thấy đúng một đơn vị" in r.content.decode()
    assert not Inspection.objects.exists()
    assert client.post(url, {**body, "unit": org["phuocdan"].code}).status_code == 302
    assert client.post(url, {**body, "unit": org["phuochau"].name}).status_code == 302
    assert sorted(Inspection.objects.values_list("unit_id", flat=True)) == sorted(
        [org["phuocdan"].pk, org["phuochau"].pk]
    )


def test_few_units_keep_the_inspection_list(deliverables, web):
    html = web("noivu").get(f"/tracking/inspections/?plan={deliverables.pk}").content.decode()
    assert '<select name="unit"' in html
