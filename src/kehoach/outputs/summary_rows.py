"""The rows of the daily summary of outputs (tổng hợp sản phẩm theo ngày) an output counts in, and
the one upsert that moves them: what ``Output.save``/``delete`` call in their transaction. Imports
nothing of the outputs app (the models import it); ``outputs.summaries`` explains the whole.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connections, transaction

#: ``OutputDailySummary.unit_key`` of the rows that add up every unit (the plan-wide rollup).
ALL_UNITS = 0
#: ``OutputDailySummary.plan_key`` of outputs logged without a plan.
NO_PLAN = 0
#: ``OutputDailySummary.topic`` of the rows that count every output (topic rows count those naming it).
ANY_TOPIC = ""

Key = tuple[int, int, object, str, str, str]  # plan_key, unit_key, day, form, quantity_unit, topic
_KEY = ["plan_key", "unit_key", "day", "form", "quantity_unit", "topic"]
_VALUES = ["count", "quantity", "participants"]
#: The fields of an output the summary counts by: an edit of any other field leaves it alone.
COUNTED_FIELDS = ("unit_id", "plan_id", "date", "form", "topics", "quantity", "quantity_unit", "participants")


def topics_of(topics) -> list[str]:
    """The distinct topic codes an output names (an output counts once per topic, however often named)."""
    if not isinstance(topics, list):
        return []
    return sorted({str(t) for t in topics})


def contributions(output) -> dict[Key, tuple[int, int, int]]:
    """The summary rows one output adds to, with what it adds: (count, quantity, participants)."""
    plan_key = output.plan_id or NO_PLAN
    value = (1, int(output.quantity or 0), int(output.participants or 0))
    day, form, qunit = output.date, output.form, output.quantity_unit
    if isinstance(day, datetime.datetime):
        day = day.date()
    elif isinstance(day, str):  # Output(date="2021-03-01").save() stores that day too
        day = datetime.date.fromisoformat(day)
    out = {(plan_key, output.unit_id, day, form, qunit, ANY_TOPIC): value}
    for topic in [ANY_TOPIC, *topics_of(output.topics)]:
        out[(plan_key, ALL_UNITS, day, form, qunit, topic)] = value
    return out


def deltas(added: Iterable = (), removed: Iterable = ()) -> dict[Key, list[int]]:
    """What ``added`` outputs add and ``removed`` take away, summed per summary row (zero sums dropped)."""
    acc: dict[Key, list[int]] = {}
    for sign, outputs in ((1, added), (-1, removed)):
        for o in outputs:
            for key, value in contributions(o).items():
                row = acc.setdefault(key, [0, 0, 0])
                for i, v in enumerate(value):
                    row[i] += sign * v
    return {k: v for k, v in acc.items() if any(v)}


def apply(table_name: str, using: str, added: Iterable = (), removed: Iterable = ()) -> None:
    """Add ``added`` and take away ``removed`` (the outputs as they were) in the summary, in the
    caller's transaction: one multi-row INSERT of the changes (negative for what is taken away).

    Appended, never upserted: an upsert of the plan's all-units row made every writer of the day
    wait for the one before it to commit (a few hundred writes a second at most, issue 11). The
    readers sum by key, and ``outputs.summaries.compact`` folds the rows of a key into one. Same
    SQL on PostgreSQL and SQLite."""
    changes = deltas(added, removed)
    if not changes:
        return
    alias = using
    conn = connections[alias]
    q = conn.ops.quote_name
    table = q(table_name)
    cols = ", ".join(q(c) for c in _KEY + _VALUES)
    marks = ", ".join(["(" + ", ".join(["%s"] * (len(_KEY) + len(_VALUES))) + ")"] * len(changes))
    params: list = []
    for k, v in changes.items():
        params += [k[0], k[1], conn.ops.adapt_datefield_value(k[2]), k[3], k[4], k[5], *v]
    # No savepoint: the caller's transaction holds the write; a failed insert fails it whole.
    with transaction.atomic(using=alias, savepoint=False), conn.cursor() as cur:
        cur.execute(f"INSERT INTO {table} ({cols}) VALUES {marks}", params)  # nosec B608: our own names
