"""Figures for dashboards, the compiled report, feeds and the ranking (số liệu tổng hợp).

Every function reads with a fixed number of aggregate queries, whatever the number of units.
Other apps' figures come from their own selectors (tracking.completeness, outputs.summary_breakdown,
outputs.broadcast_compliance, budgets.totals); an app that is not installed yet gives empty figures.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Sum
from django.utils import timezone

from kehoach.budgets import selectors as budget_selectors
from kehoach.budgets.models import Budget
from kehoach.core.i18n import deliverable_label, state_label
from kehoach.indices.models import SHORT_LABELS, IndexCode
from kehoach.indices.selectors import trend
from kehoach.outputs import selectors as output_selectors
from kehoach.outputs import services as output_services
from kehoach.plans import selectors as plan_selectors
from kehoach.plans.models import Activity, DutyKind, Plan
from kehoach.rules.periods import Period, parse_period
from kehoach.rules.standing import document_scope
from kehoach.rules.task_state import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
)
from kehoach.tracking import selectors as tracking_selectors
from kehoach.tracking.models import Deliverable, Submission, end_of_day

#: The four government states (plus "not started"), in the order reports print them.
STATE_ORDER = [DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE, NOT_STARTED]
STATE_TAGS = {NOT_STARTED: "grey", IN_PROGRESS: "info", OVERDUE: "bad", DONE_ON_TIME: "ok", DONE_LATE: "warn"}
STATE_COLORS = {
    DONE_ON_TIME: "#2e7d32",
    DONE_LATE: "#c77700",
    IN_PROGRESS: "#1d5fa8",
    OVERDUE: "#b3261e",
    NOT_STARTED: "#9aa3ad",
}
DELIVERABLE_TAGS = {
    "pending": "grey",
    "submitted": "info",
    "late": "warn",
    "accepted": "ok",
    "returned": "bad",
    "missed": "bad",
}


def period_choices(plan: Plan) -> list[Period]:
    """Reporting periods a dashboard offers for a plan: its 6-month and annual periods."""
    year = plan.year or (plan.start.year if plan.start else datetime.date.today().year)
    return [parse_period(f"{year}-H1"), parse_period(str(year)), parse_period(f"{year}-H2")]


def default_period(plan: Plan, today: datetime.date) -> Period:
    year = plan.year or today.year
    if today.year > year or (today.year == year and today.month >= 12):
        return parse_period(str(year))
    return parse_period(f"{year}-H1")


# --- activities ------------------------------------------------------------------------------


def _quarter_label(a: Activity) -> str:
    if a.regular or a.end is None:
        return "Thường xuyên"
    return f"Quý {['I', 'II', 'III', 'IV'][(a.end.month - 1) // 3]}"


def activity_summary(plan: Plan, as_of: datetime.date) -> dict:
    """Activities by state and by quarter of their end, as they stood at the end of ``as_of``."""
    by_state = Counter()
    by_quarter: dict[str, Counter] = defaultdict(Counter)
    rows = []
    activities = plan_selectors.annotate(
        plan.activities.select_related("lead_unit").order_by("order", "id"), as_of
    )
    states = [(a, a.state, a.progress_on) for a in activities]
    for a, state, progress in states:
        by_state[state] += 1
        by_quarter[_quarter_label(a)][state] += 1
        rows.append(
            {
                "id": a.pk,
                "no": a.no,
                "content": a.content,
                "lead": a.lead_unit.name if a.lead_unit else a.lead_text,
                "lead_unit_id": a.lead_unit_id,
                "timeframe": a.timeframe_text,
                "start": a.start,
                "end": a.end,
                "progress": progress,
                "state": state,
                "state_label": state_label(state),
                "state_tag": STATE_TAGS[state],
            }
        )
    quarters = [q for q in ("Thường xuyên", "Quý I", "Quý II", "Quý III", "Quý IV") if q in by_quarter]
    progress = round(sum(p for _, _, p in states) / len(states)) if states else 0
    return {
        "as_of": as_of,
        "rows": rows,
        "total": len(states),
        "progress": progress,
        "states": [
            {"code": s, "label": state_label(s), "tag": STATE_TAGS[s], "count": by_state.get(s, 0)}
            for s in STATE_ORDER
        ],
        "quarters": quarters,
        "by_quarter": {q: [by_quarter[q].get(s, 0) for s in STATE_ORDER] for q in quarters},
    }


# --- deliverables ----------------------------------------------------------------------------


def completeness(
    plan: Plan, period_code: str, kind: str | None = None, as_of: datetime.date | None = None
) -> dict:
    """Exactly ``tracking.selectors.completeness`` (the report prints these very numbers)."""
    return tracking_selectors.completeness(plan, period_code, kind, as_of)


def completeness_totals(plan: Plan, period_code: str, as_of: datetime.date | None = None) -> dict:
    """The totals of ``completeness`` (same numbers) without the per-unit rows."""
    return tracking_selectors.completeness_totals(plan, period_code, as_of=as_of)


def unit_matrix(
    plan: Plan,
    period: Period,
    unit_ids: set[int] | None = None,
    as_of: datetime.date | None = None,
    group_above: int | None = None,
) -> dict:
    """Units × deliverables (DHIS2 reporting-rate style): each unit's plan and reports of the period
    as they stood at the end of ``as_of``.

    Columns: (kind, period) pairs of the period's documents (``rules.standing.document_scope``);
    rows: units with their completeness and timeliness rates, which are the same numbers as
    ``completeness()`` (rates never above 100 %). Two queries; one, without columns or cells, when
    ``group_above`` is given and there are more units than that (the page shows groups).
    """
    as_of = as_of or timezone.localdate()
    comp = completeness(plan, period.code, as_of=as_of)
    if group_above is not None and unit_ids is None and len(comp["by_unit"]) > group_above:
        # The page will show groups (``group_matrix``): the units' rates suffice, no cells.
        rows = [
            {"unit_id": u["unit_id"], "unit": u["unit_name"], "cells": [], **_rates_of(u)}
            for u in comp["by_unit"]
        ]
        return {"columns": [], "rows": rows, "completeness": comp, "as_of": as_of}
    qs = tracking_selectors.scoped(plan, period, DutyKind.REPORT, as_of) | tracking_selectors.scoped(
        plan, period, DutyKind.SUBPLAN, as_of
    )
    qs = qs.select_related("unit").order_by(
        "unit__sort_order", "unit__name", "kind", "period_start", "period"
    )
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    columns: list[tuple[str, str]] = []
    rows: dict[int, dict] = {}
    for d in qs:
        key = (d.kind, d.period)
        if key not in columns:
            columns.append(key)
        row = rows.setdefault(d.unit_id, {"unit_id": d.unit_id, "unit": d.unit.name, "cells": {}})
        row["cells"][key] = {
            "id": d.pk,
            "status": d.state,
            "label": deliverable_label(d.state),
            "tag": DELIVERABLE_TAGS.get(d.state, "grey"),
            "period": d.period,
            "overdue": d.overdue,
        }
    order = {"subplan": 0, "report": 1}
    columns.sort(key=lambda k: (order.get(k[0], 9), parse_period(k[1]).end, k[1]))
    rates = {u["unit_id"]: u for u in comp["by_unit"]}
    out_rows = []
    for r in rows.values():
        out_rows.append(
            {**r, "cells": [r["cells"].get(c) for c in columns], **_rates_of(rates.get(r["unit_id"], {}))}
        )
    labels = {"subplan": "Kế hoạch đơn vị năm", "report": "Báo cáo"}
    return {
        "columns": [
            {
                "kind": k,
                "period": p,
                "label": f"{labels.get(k, k)} {_period_label(p) if k == 'report' else p}",
            }
            for k, p in columns
        ],
        "rows": out_rows,
        "completeness": comp,
        "as_of": as_of,
    }


def _rates_of(rate: dict) -> dict:
    return {
        "expected": rate.get("expected", 0),
        "submitted": rate.get("submitted", 0),
        "on_time": rate.get("on_time", 0),
        "rate": rate.get("rate", 0.0),
        "on_time_rate": rate.get("on_time_rate", 0.0),
    }


#: Above this many units a dashboard shows them by group (the unit above them × tier), with drill-down.
GROUP_ABOVE = 60
#: Units (or late units) per page of a drilled-down group or a long list.
PAGE_SIZE = 50
TIER_LABELS = {"xa": "cấp xã (xã, phường, thị trấn, đặc khu)", "khac": "cơ quan, đơn vị"}


def group_matrix(matrix: dict, parent: int | None = None, tier: str | None = None) -> dict:
    """The rows of ``unit_matrix`` as a page can show them at province and national scale.

    Few units (≤ ``GROUP_ABOVE``) and no drill-down: ``{"mode": "units", "rows": …}`` unchanged.
    Many units: ``mode="groups"``, one row per group (the unit above, or the unit itself at the top,
    × tier: commune level or not) with the same counts and rates, summed (``rules.rates``).
    With ``parent`` and ``tier``: ``mode="drill"``, that group's unit rows (the caller pages them).
    One query (the units' parents), only when grouping.
    """
    from kehoach.org.models import COMMUNE_LEVEL_KINDS, Unit
    from kehoach.rules.rates import reporting_rates

    rows = matrix["rows"]
    if parent is None and len(rows) <= GROUP_ABOVE:
        return {"mode": "units", "rows": rows}
    # Every unit's name, kind and parent in one plain read (no list of 3,400 ids to bind: that
    # took longer than the query), then the keys of the rows' units.
    names, keys = {}, {}
    for pk, name, kind, parent_id in Unit.objects.values_list("pk", "name", "kind", "parent_id"):
        names[pk] = name
        keys[pk] = (parent_id or pk, "xa" if kind in COMMUNE_LEVEL_KINDS else "khac")

    def key(r: dict) -> tuple[int, str, str]:
        head, t = keys[r["unit_id"]]
        return (head, t, names[head])

    if parent is not None:
        picked = [r for r in rows if key(r)[:2] == (parent, tier)]
        head = key(picked[0])[2] if picked else ""
        return {"mode": "drill", "rows": picked, "label": f"{head} — {TIER_LABELS.get(tier or '', '')}"}
    groups: dict[tuple, dict] = {}
    for r in rows:
        head, t, name = key(r)
        g = groups.setdefault(
            (head, t),
            {"parent": head, "tier": t, "label": f"{name} — {TIER_LABELS[t]}", "units": 0},
        )
        g["units"] += 1
        for k in ("expected", "submitted", "on_time"):
            g[k] = g.get(k, 0) + r[k]
    out = []
    for g in groups.values():
        rates = reporting_rates(g["expected"], g["submitted"], g["on_time"])
        out.append({**g, "rate": rates["rate"], "on_time_rate": rates["on_time_rate"]})
    out.sort(key=lambda g: (g["label"], g["tier"]))
    return {"mode": "groups", "rows": out}


def _period_label(code: str) -> str:
    try:
        return parse_period(code).label_vi
    except ValueError:
        return code


def late_units(plan: Plan, period: Period, as_of: datetime.date) -> list[dict]:
    """Units that owe, on ``as_of``, a unit plan or report of the period past its deadline (or
    returned): exactly ``tracking.selectors.owed_by_unit``."""
    return tracking_selectors.owed_by_unit(plan, period, as_of)


def late_units_paged(
    plan: Plan, period: Period, as_of: datetime.date, unit_ids: list[int] | None = None
) -> tracking_selectors.OwedUnits:
    """``late_units`` for a paged list: the same units and items, read one page at a time
    (``unit_ids``: the owing units, when ``leader_standing`` gave them)."""
    return tracking_selectors.OwedUnits(plan, period, as_of, unit_ids)


def leader_standing(plan: Plan, period: Period, as_of: datetime.date) -> dict:
    """``{"totals": completeness_totals, "owing": owing unit ids}`` in one pass
    (``tracking.selectors.standing_by_unit``)."""
    return tracking_selectors.standing_by_unit(plan, period, as_of)


def submission_notes(plan: Plan, period: Period, as_of: datetime.date) -> dict:
    """Results, shortcomings and proposals from units' latest report of the period handed in by
    ``as_of`` (one query)."""
    scope = document_scope(period)
    rows = (
        Submission.objects.filter(
            deliverable__plan=plan,
            deliverable__kind=DutyKind.REPORT,
            deliverable__period_start__gte=scope.start,
            deliverable__period_end__lte=scope.end,
            submitted_at__lt=end_of_day(as_of),
        )
        .select_related("deliverable__unit")
        .order_by("deliverable__unit__sort_order", "deliverable__period_end", "deliverable_id", "-number")
    )
    seen: set[int] = set()
    latest: dict[int, Submission] = {}
    for s in rows:  # latest version of each unit's latest report of the period
        if s.deliverable_id in seen:
            continue
        seen.add(s.deliverable_id)
        latest[s.deliverable.unit_id] = s
    out = {"shortcomings": [], "proposals": [], "results": []}
    for s in latest.values():
        unit = s.deliverable.unit.name
        for key in out:
            text = (getattr(s, key, "") or "").strip()
            if text:
                out[key].append({"unit": unit, "text": text})
    return out


def unit_deliverables(
    unit_ids: set[int], plan: Plan | None = None, as_of: datetime.date | None = None
) -> list:
    """A unit's plans, reports and tasks with where each stood at the end of ``as_of``."""
    qs = Deliverable.objects.filter(unit_id__in=unit_ids).exclude(kind=DutyKind.BROADCAST)
    if plan is not None:
        qs = qs.filter(plan=plan)
    qs = qs.as_of(as_of or timezone.localdate()).select_related("unit", "plan", "duty")
    return list(qs.order_by("due_date", "pk")[:60])


# --- outputs and broadcasts ------------------------------------------------------------------


def outputs_summary(
    plan: Plan, start: datetime.date, end: datetime.date, unit_ids: set[int] | None = None
) -> dict:
    """Outputs of the period by form, topic and month: one grouped query on the daily summary
    (``outputs.selectors.summary_breakdown``), whatever the number of outputs."""
    by = output_selectors.summary_breakdown(plan.pk, start, end, unit_ids)
    return {
        "by_form": by["form"],
        "by_topic": by["topic"],
        "by_month": by["month"],
        "total": sum(r["count"] for r in by["form"]),
    }


def outputs_by_unit(plan: Plan, start: datetime.date, end: datetime.date) -> dict[int, dict]:
    """Per-unit statistics (by form, minutes, copies, classes) for the report's table (two queries)."""
    data = output_selectors.summary_by_unit(output_selectors.EACH_UNIT, start, end, plan_id=plan.pk)
    return {uid: s for uid, s in data.items() if s["outputs"] or s["broadcasts"]}


def output_counts(plan: Plan, start: datetime.date, end: datetime.date) -> dict[int, int]:
    """Outputs per unit in the period (one grouped query on the daily summary), for the ranking."""
    rows = (
        output_selectors.summarised(start, end, plan.pk, output_selectors.EACH_UNIT)
        .values("unit_key")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {r["unit_key"]: r["n"] for r in rows if r["n"]}


def broadcast_compliance(plan: Plan, start: datetime.date, end: datetime.date, today: datetime.date) -> dict:
    return output_services.broadcast_compliance(plan, start, end, today=today)


# --- budgets and indices ---------------------------------------------------------------------


def budget_totals(plan: Plan) -> dict:
    """Estimated / appraised / approved amounts of the plan (whole đồng), by status and by unit.

    The sums are the budgets app's own (``budgets.selectors.totals``: returned estimates left out).
    """
    qs = Budget.objects.filter(plan=plan)
    totals = budget_selectors.totals(plan)
    out = {k: int(totals[k] or 0) for k in ("estimated", "appraised", "approved")}
    out["count"] = qs.count()
    out["by_status"] = {r["status"]: r["n"] for r in qs.values("status").annotate(n=Count("id")).order_by()}
    out["rows"] = list(
        qs.values("unit_id", "unit__name", "status", "total", "appraised_amount", "approved_amount").order_by(
            "unit__sort_order"
        )
    )
    return out


def index_trends(as_of: datetime.date | None = None) -> dict:
    """The district's PAR INDEX, PAPI, SIPAS and PCI results by year, as known on ``as_of`` (one
    query per index)."""
    trends = {code: trend(code, as_of=as_of) for code in IndexCode.values}
    years = sorted({year for rows in trends.values() for year, _, _ in rows})
    series = []
    for code, rows in trends.items():
        if rows:
            values = {year: float(value) for year, value, _ in rows}
            series.append((SHORT_LABELS[code], [values.get(y) for y in years]))
    return {"years": [str(y) for y in years], "series": series}
