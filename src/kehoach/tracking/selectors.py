"""Read-side queries of tracking, for dashboards, reports and ranking (aggregates, no N+1).

Every figure about deliverables is computed here, as of a day, from
``Deliverable.objects.as_of(day)`` (the SQL twin of ``rules.standing``), over the deliverables a
period's documents speak of (``rules.standing.document_scope``): for ``2021-H1`` the 6-month
reports (and, listed apart, the 2021 unit plans); for ``2021`` the annual and 6-month reports.
Unit plans are counted only with ``kind="subplan"``, never as reports.
"""

from __future__ import annotations

import contextlib
import datetime

from django.db import connections, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from kehoach.core.i18n import deliverable_label
from kehoach.org.models import Unit
from kehoach.plans.models import DutyKind, Plan
from kehoach.rules.periods import Period, parse_period
from kehoach.rules.ranking import UnitFacts
from kehoach.rules.rates import reporting_rates
from kehoach.rules.standing import HANDED_IN, document_scope
from kehoach.tracking.models import AWAITING_REVIEW, Deliverable, DeliverableStatus

# Every kind but the weekly broadcasts, named: ``kind IN (…)`` reads the plan's part of the
# (plan, kind, period) index, where ``kind <> 'broadcast'`` scanned every deliverable (issue 11).
NOT_BROADCAST = [k for k in DutyKind.values if k != DutyKind.BROADCAST]


def _plan_id(plan: Plan | int) -> int:
    return plan.pk if isinstance(plan, Plan) else int(plan)


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def scoped(plan: Plan | int, period: Period | str, role: str = "report", as_of: datetime.date | None = None):
    """The deliverables of ``plan`` that figure in ``period``'s documents as ``role``, annotated
    with where they stood at the end of ``as_of`` (default today)."""
    scope = document_scope(_period(period))
    qs = Deliverable.objects.filter(plan_id=_plan_id(plan)).in_scope(scope, role)
    return qs.as_of(as_of or timezone.localdate())


def _fetch(db: str, statement: str, params) -> tuple[list[str], list[tuple]]:
    """The column names and rows of one SELECT worded by :func:`_statement`."""
    with connections[db].cursor() as cur:
        cur.execute(statement, params)
        while cur.description is None and cur.nextset():  # the SET's empty result comes first
            pass
        return [col[0] for col in cur.description], cur.fetchall()


def _rows(db: str, statement: str, params) -> list[dict]:
    """:func:`_fetch` as dicts by column name."""
    names, rows = _fetch(db, statement, params)
    return [dict(zip(names, row, strict=True)) for row in rows]


def _statement(db: str, sql: str, lookups: bool = False) -> str:
    """``sql`` as sent to the database: on PostgreSQL without hash joins for this one statement
    (``SET LOCAL``, reset in the same round trip); with ``lookups``, without merge joins either.

    The planner overestimates a period's deliverables fourfold (its start and end bounds are
    correlated) and hashes every version of every deliverable (200k nationally, ~85 ms), where
    walking the versions' index in deliverable order reads only the plan's (~20 ms). That walk
    starts at the first version of all, though: for the last plan it reads every plan's, and
    grouped per unit in parallel it sorted them all on disk (the first plan's year: 0.28 s).
    ``lookups`` finds each deliverable's version by the index instead: 60-90 ms for any plan and
    period. Same rows either way; one query as counted."""
    if connections[db].vendor != "postgresql":
        return sql
    if lookups:
        return (
            f"SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; {sql}; "
            "RESET enable_hashjoin; RESET enable_mergejoin"
        )
    return f"SET LOCAL enable_hashjoin = off; {sql}; RESET enable_hashjoin"


@contextlib.contextmanager
def without_hash_joins(using: str):
    """The block's queries on database ``using`` planned without hash joins (see :func:`_statement`),
    for pages that run several ``as_of`` queries through the ORM (the follow-up page: 0.6 s
    nationally, 0.15 s without). A transaction (a savepoint inside one) holds the ``SET LOCAL``;
    it is reset on the way out, and undone with the transaction on an error."""
    conn = connections[using]
    if conn.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with conn.cursor() as cur:
            cur.execute("SET LOCAL enable_hashjoin = off")
        yield
        with conn.cursor() as cur:
            cur.execute("RESET enable_hashjoin")


def _grouped_rows(qs) -> list[dict]:
    """The rows of a grouped ``values()`` queryset over deliverables ``as_of`` a day (one query)."""
    sql, params = qs.query.sql_with_params()
    return _rows(qs.db, _statement(qs.db, sql), params)


def _unit_counts_sql(qs) -> tuple[str, list]:
    """SQL and parameters counting, per unit, the deliverables of ``qs`` (annotated ``as_of``):
    expected, handed in, on time, accepted, returned, overdue; units in their order with names.

    Each deliverable's standing is worked out once, in an inner query that is ``qs`` itself (the
    ORM's ``as_of``, one truth), and counted outside it; the units' names are joined to the
    3,400 counts, not to the 10,000 deliverables. Grouping the annotated queryset directly
    repeated the ``state`` expression in every count and sorted the deliverables by unit name
    (issue 11: 27 ms of SQL and 8 ms of query building nationally, against 18 ms and 2 ms)."""
    inner, params = qs.order_by().values("unit_id", "state", "on_time", "overdue").query.sql_with_params()
    conn = connections[qs.db]
    qn = conn.ops.quote_name
    unit = qn(Unit._meta.db_table)
    handed = ", ".join(["%s"] * len(HANDED_IN))
    # SUM(CASE …) rather than COUNT(*) FILTER: the same on SQLite and PostgreSQL.
    # nosec B608: the inner query is the ORM's, the table name our own model's; values are parameters
    sql = (
        f"SELECT u.id AS unit_id, u.name AS unit__name, u.sort_order AS unit__sort_order, "  # nosec B608
        f"a.expected, a.submitted, a.on_time, a.accepted, a.returned, a.overdue_n FROM ("
        f"SELECT s.unit_id, COUNT(*) AS expected, "
        f"SUM(CASE WHEN s.state IN ({handed}) THEN 1 ELSE 0 END) AS submitted, "
        f"SUM(CASE WHEN s.state IN ({handed}) AND s.on_time THEN 1 ELSE 0 END) AS on_time, "
        f"SUM(CASE WHEN s.state = %s THEN 1 ELSE 0 END) AS accepted, "
        f"SUM(CASE WHEN s.state = %s THEN 1 ELSE 0 END) AS returned, "
        f"SUM(CASE WHEN s.overdue THEN 1 ELSE 0 END) AS overdue_n "
        f"FROM ({inner}) s GROUP BY s.unit_id) a INNER JOIN {unit} u ON u.id = a.unit_id "
        f"ORDER BY u.sort_order, u.name, u.id"
    )
    outer = [*HANDED_IN, *HANDED_IN, DeliverableStatus.ACCEPTED.value, DeliverableStatus.RETURNED.value]
    return sql, [*outer, *params]


def _per_unit(plan: Plan | int, period: Period | str, kind: str | None, as_of: datetime.date | None):
    """(db alias, statement as sent, parameters) of the per-unit counts of ``period``'s documents
    (one query; each deliverable's version found by the index, see :func:`_statement`)."""
    qs = scoped(plan, period, kind or DutyKind.REPORT, as_of)
    sql, params = _unit_counts_sql(qs)
    return qs.db, _statement(qs.db, sql, lookups=True), params


def completeness_sql(
    plan: Plan | int, period_code: str, kind: str | None = None, as_of: datetime.date | None = None
) -> tuple[str, list]:
    """The statement :func:`completeness` sends, word for word, and its parameters: what
    ``kehoach bench`` times as the endpoint's floor (so the two cannot drift apart)."""
    _db, statement, params = _per_unit(plan, period_code, kind, as_of or timezone.localdate())
    return statement, params


def completeness(
    plan: Plan | int, period_code: str, kind: str | None = None, as_of: datetime.date | None = None
) -> dict:
    """Tỷ lệ nộp của kỳ as of ``as_of``: expected reports, handed in, on time, overdue, per unit.

    A deliverable counts once however many versions were handed in; "on time" means its latest
    version (by ``as_of``) was on time; rates come from ``rules.rates.reporting_rates`` (never
    above 1). ``kind="subplan"`` counts the year's unit plans instead. One aggregate query.
    """
    as_of = as_of or timezone.localdate()
    db, sql, params = _per_unit(plan, period_code, kind, as_of)
    # Units share a few hundred (expected, submitted, on time) triples: each rated once. One walk
    # over the rows as tuples gives the units and the totals (3,400 rows nationally).
    rates: dict[tuple[int, int, int], tuple[float, float]] = {}
    by_unit = []
    expected = submitted = on_time = overdue_n = 0
    for unit_id, name, _order, e, s, t, _accepted, _returned, o in _fetch(db, sql, params)[1]:
        counts = (e, s, t)
        if counts not in rates:
            rated = reporting_rates(e, s, t)
            rates[counts] = (rated["rate"], rated["on_time_rate"])
        rate, on_time_rate = rates[counts]
        by_unit.append(
            {
                "unit_id": unit_id,
                "unit_name": name,
                "expected": e,
                "submitted": s,
                "on_time": t,
                "overdue": o,
                "rate": rate,
                "on_time_rate": on_time_rate,
            }
        )
        expected, submitted, on_time, overdue_n = expected + e, submitted + s, on_time + t, overdue_n + o
    return {
        "period": _period(period_code).code,
        "as_of": as_of.isoformat(),
        **reporting_rates(expected, submitted, on_time),
        "overdue": overdue_n,
        "by_unit": by_unit,
    }


def completeness_totals(
    plan: Plan | int, period_code: str, kind: str | None = None, as_of: datetime.date | None = None
) -> dict:
    """The totals of :func:`completeness` without its per-unit rows (the leader's page): the same
    counts in one aggregate, no grouping by unit (3,400 rows nationally) and no unit join."""
    as_of = as_of or timezone.localdate()
    handed_in = Q(state__in=HANDED_IN)
    # Grouped by the plan (one row), as ``_per_unit`` groups by unit: the ``as_of`` annotations
    # are read the same way (an ``aggregate()`` over them counted no report on time).
    rows = _grouped_rows(
        scoped(plan, period_code, kind or DutyKind.REPORT, as_of)
        .values("plan_id")
        .annotate(
            expected=Count("id"),
            submitted=Count("id", filter=handed_in),
            on_time=Count("id", filter=handed_in & Q(on_time=True)),
            overdue_n=Count("id", filter=Q(overdue=True)),
        )
        .order_by()
    )
    t = rows[0] if rows else {"expected": 0, "submitted": 0, "on_time": 0, "overdue_n": 0}
    return {
        "period": _period(period_code).code,
        "as_of": as_of.isoformat(),
        **reporting_rates(t["expected"], t["submitted"], t["on_time"]),
        "overdue": t["overdue_n"],
    }


def standing_by_unit(plan: Plan | int, period: Period | str, as_of: datetime.date | None = None) -> dict:
    """The leader's page in one pass over the period's deliverables as of a day (tình hình chung):
    the totals of :func:`completeness` (its reports) and the units that owe a report or unit plan
    past due (:func:`overdue`), in the order of :func:`owed_by_unit`.

    ``{"totals": <completeness_totals>, "owing": [unit ids]}``; one query grouped by unit, where
    the totals and the owing units were two passes (issue 11: 2 × 0.1 s nationally).
    """
    as_of = as_of or timezone.localdate()
    scope = document_scope(_period(period))
    base = Deliverable.objects.filter(plan_id=_plan_id(plan))
    report = Q(kind=DutyKind.REPORT)
    handed_in = report & Q(state__in=HANDED_IN)
    rows = (
        (base.in_scope(scope, DutyKind.REPORT) | base.in_scope(scope, DutyKind.SUBPLAN))
        .as_of(as_of)
        .values("unit_id", "unit__sort_order", "unit__name")
        .annotate(
            expected=Count("id", filter=report),
            submitted=Count("id", filter=handed_in),
            on_time=Count("id", filter=handed_in & Q(on_time=True)),
            overdue_n=Count("id", filter=report & Q(overdue=True)),
            owes=Count("id", filter=Q(overdue=True)),
        )
        .order_by("unit__sort_order", "unit__name", "unit_id")
    )
    t = {"expected": 0, "submitted": 0, "on_time": 0, "overdue_n": 0}
    owing = []
    for r in _grouped_rows(rows):
        for k in t:
            t[k] += r[k]
        if r["owes"]:
            owing.append(r["unit_id"])
    totals = {
        "period": _period(period).code,
        "as_of": as_of.isoformat(),
        **reporting_rates(t["expected"], t["submitted"], t["on_time"]),
        "overdue": t["overdue_n"],
    }
    return {"totals": totals, "owing": owing}


def unit_facts(
    plan: Plan | int, period_code: str, kind: str | None = None, as_of: datetime.date | None = None
) -> list[UnitFacts]:
    """Inputs for the emulation ranking (``rules.ranking``); ``outputs`` is filled by the caller."""
    return unit_facts_named(plan, period_code, kind, as_of)[0]


def unit_facts_named(
    plan: Plan | int, period_code: str, kind: str | None = None, as_of: datetime.date | None = None
) -> tuple[list[UnitFacts], dict[int, str]]:
    """``unit_facts`` and the units' names from the same query (nationally, asking for 3,400
    names by id afterwards cost 50 ms of binding parameters)."""
    facts, names = [], {}
    for r in _rows(*_per_unit(plan, period_code, kind, as_of)):
        names[r["unit_id"]] = r["unit__name"]
        facts.append(
            UnitFacts(
                unit_id=r["unit_id"],
                expected=r["expected"],
                submitted=r["submitted"],
                on_time=r["on_time"],
                accepted=r["accepted"],
                returned=r["returned"],
                outputs=0,
            )
        )
    return facts, names


def overdue(plan: Plan | int | None, as_of: datetime.date, period: Period | str | None = None, unit_ids=None):
    """Quá hạn on ``as_of``: unit plans, reports and tasks still owed past their last day on time.

    With ``period``: only those its documents speak of (its reports and the year's unit plans).
    Weekly broadcasts are judged by their own compliance, not listed here.
    """
    qs = Deliverable.objects.filter(kind__in=NOT_BROADCAST)
    if plan is not None:
        qs = qs.filter(plan_id=_plan_id(plan))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if period is not None:
        scope = document_scope(_period(period))
        qs = qs.in_scope(scope, DutyKind.REPORT) | qs.in_scope(scope, DutyKind.SUBPLAN)
    return qs.as_of(as_of).filter(overdue=True)


def owed_by_unit(
    plan: Plan, period: Period | str, as_of: datetime.date, unit_ids: list[int] | None = None
) -> list[dict]:
    """Units that owe (past due, or returned) a report or unit plan of ``period`` on ``as_of``, each
    with its items: the list the compiled report and the urging letter print (one query).
    ``unit_ids``: only those units' (a page of :class:`OwedUnits`)."""
    # Only the columns the list prints, one model per row (issue 11: 2,700 owed items nationally
    # took 0.3 s to build with their units and duties joined in as objects).
    rows = (
        overdue(plan, as_of, period, unit_ids=unit_ids)
        .annotate(unit_name=F("unit__name"))
        .only("id", "plan_id", "unit_id", "duty_id", "kind", "period", "due_date", "due_inclusive", "status")
        .order_by("unit__sort_order", "unit__name", "due_date", "id")
    )
    by_unit: dict[int, dict] = {}
    for d in rows:
        entry = by_unit.setdefault(d.unit_id, {"unit_id": d.unit_id, "unit": d.unit_name, "items": []})
        entry["items"].append(
            {
                "id": d.pk,
                "kind": d.kind,
                "period": d.period,
                "due": d.due_date,
                "last_day": d.due.last_on_time_day,  # "trước ngày 26/01" -> 25/01 is the last day
                "due_label": d.due_label,
                "status": d.state,
                "label": deliverable_label(d.state),
                "title": d.title,
            }
        )
    return list(by_unit.values())


class OwedUnits:
    """``owed_by_unit`` as a sequence a paginator reads a page at a time (the leader's page at
    national scale: 2,400 owing units): one query for the units in order, one for a page's items."""

    def __init__(
        self, plan: Plan, period: Period | str, as_of: datetime.date, unit_ids: list[int] | None = None
    ):
        """``unit_ids``: the owing units in order when the caller has them already
        (``standing_by_unit(...)["owing"]``), saving the query that lists them."""
        self.plan, self.period, self.as_of = plan, period, as_of
        self._ids: list[int] | None = unit_ids

    def unit_ids(self) -> list[int]:
        if self._ids is None:
            rows = (
                overdue(self.plan, self.as_of, self.period)
                .values_list("unit_id", "unit__sort_order", "unit__name")
                .order_by("unit__sort_order", "unit__name", "unit_id")
                .distinct()
            )
            self._ids = [r[0] for r in rows]
        return self._ids

    def __len__(self) -> int:
        return len(self.unit_ids())

    def __getitem__(self, index):
        ids = self.unit_ids()[index] if isinstance(index, slice) else [self.unit_ids()[index]]
        rows = owed_by_unit(self.plan, self.period, self.as_of, unit_ids=ids) if ids else []
        order = {uid: i for i, uid in enumerate(ids)}
        rows.sort(key=lambda r: order[r["unit_id"]])
        return rows if isinstance(index, slice) else rows[0]


def status_counts(qs) -> dict[str, int]:
    """How many deliverables per state in ``qs`` (one query): the ``as_of`` state when ``qs`` is
    annotated (``Deliverable.objects.as_of``), else the stored status."""
    field = "state" if "state" in qs.query.annotations else "status"
    counts = {s.value: 0 for s in DeliverableStatus}
    for row in qs.order_by().values(field).annotate(n=Count("id")):
        counts[row[field]] = row["n"]
    return counts


def review_queue(user, plan: Plan | None = None):
    """Handed-in deliverables waiting for the coordinator, oldest due first."""
    qs = Deliverable.objects.for_user(user).filter(status__in=AWAITING_REVIEW)
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.with_relations()
