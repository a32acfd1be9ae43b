"""Read-side figures of communication work, for report pre-fill, the compiled report and dashboards."""

from __future__ import annotations

import datetime

from django.db import connections
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from kehoach.outputs.models import (
    ALL_UNITS,
    ANY_TOPIC,
    NO_PLAN,
    TOPIC_LABELS,
    Broadcast,
    Output,
    OutputDailySummary,
    OutputForm,
    QuantityUnit,
)

FORM_LABELS = dict(OutputForm.choices)


def _empty() -> dict:
    return {
        "by_form": {},
        "quantity_by_form": {},
        "radio_minutes": 0,
        "copies": 0,
        "trainings": 0,
        "training_participants": 0,
        "conferences": 0,
        "conference_participants": 0,
        "broadcasts": 0,
        "broadcast_minutes": 0,
        "outputs": 0,
    }


def _add_group(summary: dict, form: str, qunit: str, n: int, qty: int, people: int) -> None:
    """Fold one (form, quantity unit) group of outputs into a unit's summary."""
    summary["outputs"] += n
    summary["by_form"][form] = summary["by_form"].get(form, 0) + n
    summary["quantity_by_form"][form] = summary["quantity_by_form"].get(form, 0) + qty
    if form in (OutputForm.RADIO, OutputForm.LOUDSPEAKER) and qunit == QuantityUnit.MINUTES:
        summary["radio_minutes"] += qty
    if qunit == QuantityUnit.COPIES:
        summary["copies"] += qty
    # A row may record several classes ("3 buổi") or one class whose quantity counts people.
    sessions = qty if qunit == QuantityUnit.SESSIONS else n
    attendance = people + (qty if qunit == QuantityUnit.PARTICIPANTS else 0)
    if form == OutputForm.TRAINING:
        summary["trainings"] += sessions
        summary["training_participants"] += attendance
    elif form == OutputForm.CONFERENCE:
        summary["conferences"] += sessions
        summary["conference_participants"] += attendance


def summary_for_unit(
    unit_id: int, start: datetime.date | None, end: datetime.date | None, plan_id: int | None = None
) -> dict:
    """What one unit did in [start, end]: counts by form, minutes on air, copies, classes and people.

    Two aggregate queries (outputs grouped by form, broadcasts totalled), whatever the number of rows.
    """
    return summary_by_unit([unit_id], start, end, plan_id=plan_id)[unit_id]


#: ``summarised(unit_ids=EACH_UNIT)``: every unit's own rows (not the all-units rollup).
EACH_UNIT = "each"
#: ``summarised(topic=BOTH)``: the every-output rows and the per-topic rows together.
BOTH = "*"


def summarised(
    start: datetime.date | None,
    end: datetime.date | None,
    plan_id: int | None = None,
    unit_ids=None,
    topic: str | None = ANY_TOPIC,
) -> QuerySet:
    """Rows of the daily summary (``OutputDailySummary``) for outputs dated in [start, end]:
    of ``plan_id`` or of no plan (every plan when None); the all-units rollup (``unit_ids=None``),
    the rows of ``unit_ids``, or of each unit (``EACH_UNIT``); ``topic=""`` counts every output
    once, ``topic=None`` gives the per-topic rows, ``BOTH`` all of them. The one place the summary's keys are read."""
    qs = OutputDailySummary.objects.all()
    if start:
        qs = qs.filter(day__gte=start)
    if end:
        qs = qs.filter(day__lte=end)
    if plan_id is not None:
        qs = qs.filter(plan_key__in=[plan_id, NO_PLAN])
    if unit_ids is None:
        qs = qs.filter(unit_key=ALL_UNITS)
    elif unit_ids == EACH_UNIT:
        qs = qs.exclude(unit_key=ALL_UNITS)
    else:
        qs = qs.filter(unit_key__in=list(unit_ids))
    if topic == BOTH:
        return qs
    return qs.filter(topic=ANY_TOPIC) if topic == ANY_TOPIC else qs.exclude(topic=ANY_TOPIC)


def summary_by_unit(
    unit_ids, start: datetime.date | None, end: datetime.date | None, plan_id: int | None = None
) -> dict[int, dict]:
    """:func:`summary_for_unit` for many units at once (two grouped queries), for the compiled report.

    Read from the daily summary. ``unit_ids=EACH_UNIT``: every unit that logged anything (the keys)."""
    each = unit_ids == EACH_UNIT
    ids = None if each else list(unit_ids)
    result = {} if ids is None else {uid: _empty() for uid in ids}
    groups = (
        summarised(start, end, plan_id, unit_ids=EACH_UNIT if each else ids)
        .values("unit_key", "form", "quantity_unit")
        .annotate(n=Sum("count"), qty=Sum("quantity"), people=Sum("participants"))
        .exclude(n=0)  # a key whose outputs are all gone, until the rows are folded
        .order_by()
    )
    for row in groups:
        summary = result.setdefault(row["unit_key"], _empty())
        _add_group(summary, row["form"], row["quantity_unit"], row["n"], row["qty"] or 0, row["people"] or 0)
    broadcasts = Broadcast.objects.between(start, end)
    if ids is not None:
        broadcasts = broadcasts.filter(unit_id__in=ids)
    if plan_id is not None:
        broadcasts = broadcasts.filter(Q(plan_id=plan_id) | Q(plan__isnull=True))
    for row in broadcasts.values("unit_id").annotate(n=Count("id"), minutes=Sum("minutes")).order_by():
        result.setdefault(row["unit_id"], _empty())["broadcasts"] = row["n"]
        result[row["unit_id"]]["broadcast_minutes"] = row["minutes"] or 0
    return result


def _names_topic(qs: QuerySet, code: str) -> Q:
    """Outputs whose topic list names ``code``: JSON containment on PostgreSQL (``@>``); on SQLite,
    which has no JSON containment in Django, the quoted code in the stored JSON text (topic codes
    are plain ASCII words, none the quoted form of another)."""
    if connections[qs.db].vendor == "postgresql":
        return Q(topics__contains=[code])
    return Q(topics__icontains=f'"{code}"')


def outputs_by(dim: str, qs: QuerySet | None = None) -> list[dict]:
    """Outputs counted along one dimension for dashboards: ``form``, ``month`` or ``topic``.

    Returns ``[{"key", "label", "count", "quantity"}]``; forms and topics in their fixed order,
    months in calendar order. A topic row counts each output that names the topic.
    """
    qs = Output.objects.all() if qs is None else qs
    if dim == "form":
        rows = {
            r["form"]: r
            for r in qs.values("form").annotate(count=Count("id"), quantity=Sum("quantity")).order_by()
        }
        return [
            {
                "key": code,
                "label": label,
                "count": rows[code]["count"],
                "quantity": rows[code]["quantity"] or 0,
            }
            for code, label in OutputForm.choices
            if code in rows
        ]
    if dim == "month":
        rows = (
            qs.annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(count=Count("id"), quantity=Sum("quantity"))
            .order_by("month")
        )
        return [
            {
                "key": f"{r['month']:%Y-%m}",
                "label": f"Tháng {r['month']:%m/%Y}",
                "count": r["count"],
                "quantity": r["quantity"] or 0,
            }
            for r in rows
        ]
    if dim == "topic":
        # One grouped pass in SQL (issue 11: decoding 100,000 JSON lists in Python took 1.2 s).
        # An output counts once for each topic it names, however often it names it.
        codes = list(TOPIC_LABELS)
        sums = qs.order_by().aggregate(
            **{f"n{i}": Count("id", filter=_names_topic(qs, code)) for i, code in enumerate(codes)},
            **{f"q{i}": Sum("quantity", filter=_names_topic(qs, code)) for i, code in enumerate(codes)},
        )
        return [
            {"key": code, "label": TOPIC_LABELS[code], "count": sums[f"n{i}"], "quantity": sums[f"q{i}"] or 0}
            for i, code in enumerate(codes)
            if sums[f"n{i}"]
        ]
    raise ValueError(f"Unknown dimension {dim!r}: expected form, month or topic")


def outputs_breakdown(qs: QuerySet) -> dict[str, list[dict]]:
    """``outputs_by`` for form, month and topic at once, from ONE grouped pass over ``qs``
    (grouped by form × month, topics as filtered counts): the dashboards' and documents' figures
    of a period at province and national scale read the outputs table once, not three times.
    Same rows, same order as ``outputs_by(dim, qs)``."""
    codes = list(TOPIC_LABELS)
    rows = list(
        qs.annotate(month=TruncMonth("date"))
        .values("form", "month")
        .annotate(
            n=Count("id"),
            q=Sum("quantity"),
            **{f"n{i}": Count("id", filter=_names_topic(qs, code)) for i, code in enumerate(codes)},
            **{f"q{i}": Sum("quantity", filter=_names_topic(qs, code)) for i, code in enumerate(codes)},
        )
        .order_by()
    )

    def fold(key) -> dict:
        out: dict = {}
        for r in rows:
            k = key(r)
            acc = out.setdefault(k, {"count": 0, "quantity": 0})
            acc["count"] += r["n"]
            acc["quantity"] += r["q"] or 0
        return out

    forms, months = fold(lambda r: r["form"]), fold(lambda r: f"{r['month']:%Y-%m}")
    topics = [
        (code, sum(r[f"n{i}"] for r in rows), sum(r[f"q{i}"] or 0 for r in rows))
        for i, code in enumerate(codes)
    ]
    return {
        "form": [{"key": c, "label": lbl, **forms[c]} for c, lbl in OutputForm.choices if c in forms],
        "month": [{"key": m, "label": f"Tháng {m[5:]}/{m[:4]}", **months[m]} for m in sorted(months)],
        "topic": [{"key": c, "label": TOPIC_LABELS[c], "count": n, "quantity": q} for c, n, q in topics if n],
    }


def summary_breakdown(
    plan_id: int | None, start: datetime.date | None, end: datetime.date | None, unit_ids=None
) -> dict[str, list[dict]]:
    """``outputs_breakdown`` of the outputs of ``plan_id`` (or of no plan) dated in [start, end],
    of all units or of ``unit_ids``, read from the daily summary: one grouped query over a few
    thousand rows, whatever the number of outputs (issue 11); with ``unit_ids`` a second one
    counts those units' topics from their outputs. Same rows, same order; the proof that
    the two agree is ``tests/truth/test_output_summary.py``."""
    every, by_topic = [], []
    # Topic rows exist for all units only (``outputs.summaries``): a few units' topics are counted
    # from their own outputs (the index on plan, unit, date serves it).
    qs = summarised(start, end, plan_id, unit_ids, topic=BOTH if unit_ids is None else ANY_TOPIC)
    for r in (
        qs.annotate(month=TruncMonth("day"))
        .values("form", "month", "topic")
        .annotate(n=Sum("count"), q=Sum("quantity"))
        .exclude(n=0)  # a key whose outputs are all gone, until the rows are folded (summaries.compact)
        .order_by()
    ):
        (every if r["topic"] == ANY_TOPIC else by_topic).append(r)

    def fold(rows, key) -> dict:
        out: dict = {}
        for r in rows:
            acc = out.setdefault(key(r), {"count": 0, "quantity": 0})
            acc["count"] += r["n"]
            acc["quantity"] += r["q"] or 0
        return out

    forms = fold(every, lambda r: r["form"])
    months = fold(every, lambda r: f"{r['month']:%Y-%m}")
    topics = fold(by_topic, lambda r: r["topic"])
    if unit_ids is not None:
        facts = Output.objects.filter(unit_id__in=list(unit_ids)).between(start, end)
        if plan_id is not None:
            facts = facts.filter(Q(plan_id=plan_id) | Q(plan__isnull=True))
        topics = {r["key"]: r for r in outputs_by("topic", facts)}
    return {
        "form": [{"key": c, "label": lbl, **forms[c]} for c, lbl in OutputForm.choices if c in forms],
        "month": [{"key": m, "label": f"Tháng {m[5:]}/{m[:4]}", **months[m]} for m in sorted(months)],
        "topic": [
            {"key": c, "label": TOPIC_LABELS[c], **topics[c]}
            for c in TOPIC_LABELS
            if c in topics and topics[c]["count"]
        ],
    }


def counted_by_form(
    unit_ids, form: str | None, start: datetime.date | None, end: datetime.date | None
) -> list[dict]:
    """``outputs_by("form", …)`` of the outputs list's filters (every plan; all units when
    ``unit_ids`` is None, else those units; one form or all; dates), read from the daily summary:
    the list's figures and its page count without counting millions of outputs."""
    qs = summarised(start, end, None, unit_ids)
    if form:
        qs = qs.filter(form=form)
    rows = {r["form"]: r for r in qs.values("form").annotate(n=Sum("count"), q=Sum("quantity")).order_by()}
    return [
        {"key": code, "label": label, "count": rows[code]["n"], "quantity": rows[code]["q"] or 0}
        for code, label in OutputForm.choices
        if code in rows and rows[code]["n"]
    ]
