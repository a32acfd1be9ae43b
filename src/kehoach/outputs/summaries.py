"""Keeping ``OutputDailySummary`` (tổng hợp sản phẩm theo ngày) equal to the outputs it counts.

Every path that writes outputs calls one function here INSIDE its own transaction: the services
(``log_output``, ``edit_output``, ``delete_output``, hence the API, the pages and the spreadsheet
import), the demo's bulk load, the admin, and ``kehoach generate`` (which loads with COPY and then
calls :func:`rebuild`, one ``INSERT … SELECT … GROUP BY``). A write either lands with its counts or
not at all; ``tests/truth/test_output_summary.py`` proves the table equals a recount from the facts
after random sequences of creates, edits, deletes and imports.

Each output counts in ``2 + number of its topics`` rows: its own unit's row (``topic = ""``) and
the all-units rollup (``unit_key = 0``) for "every output" and for each topic it names. Per-unit
topic rows would triple the table at national scale (4 M rows for 2 M outputs) for one rare read
(the topics of a few units), which counts the outputs themselves.
A write appends its changes as new rows (+1 for an output added, -1 for one taken away) and never
updates a row another writer needs: every commune's write of a day used to queue on the plan's
all-units row. Readers sum by key. :func:`compact` folds the rows of each key into one and drops
the keys that sum to nothing; the job worker runs it every minute (``kehoach compact-summaries``
by hand), so the table stays about one row a key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connections, router, transaction

from kehoach.outputs.models import Output, OutputDailySummary
from kehoach.outputs.summary_rows import (  # noqa: F401  (the rows' rules, re-exported)
    _KEY,
    _VALUES,
    ALL_UNITS,
    ANY_TOPIC,
    COUNTED_FIELDS,
    NO_PLAN,
    contributions,
    deltas,
    topics_of,
)
from kehoach.outputs.summary_rows import apply as _apply


def apply(added: Iterable[Output] = (), removed: Iterable[Output] = (), using: str | None = None) -> None:
    """Add ``added`` and take away ``removed`` in the summary, in the caller's transaction (the bulk
    paths: the demo's load; ``Output.save``/``delete`` do it for every single write)."""
    alias = using or router.db_for_write(OutputDailySummary)
    _apply(OutputDailySummary._meta.db_table, alias, added, removed)


def _topic_pairs_sql(vendor: str, outputs: str) -> str:
    """SELECT (output id, topic) for each distinct topic an output names, in the vendor's JSON dialect."""
    if vendor == "postgresql":
        return (
            f"SELECT DISTINCT o.id AS oid, t.value AS topic FROM {outputs} o "  # nosec B608
            "CROSS JOIN LATERAL jsonb_array_elements_text("
            "CASE WHEN jsonb_typeof(o.topics) = 'array' THEN o.topics ELSE '[]'::jsonb END) AS t(value)"
        )
    return (
        f"SELECT DISTINCT o.id AS oid, CAST(t.value AS TEXT) AS topic FROM {outputs} o, "  # nosec B608
        "json_each(CASE WHEN json_type(o.topics) = 'array' THEN o.topics ELSE '[]' END) AS t"
    )


def rebuild(using: str | None = None) -> int:
    """Recount the whole summary from the outputs (``kehoach rebuild-summaries``, the generator, the
    migration): three ``INSERT … SELECT … GROUP BY`` in one transaction. Returns the number of rows."""
    alias = using or router.db_for_write(OutputDailySummary)
    conn = connections[alias]
    q = conn.ops.quote_name
    table = q(OutputDailySummary._meta.db_table)
    outputs = q(Output._meta.db_table)
    cols = ", ".join(q(c) for c in _KEY + _VALUES)
    plan = f"COALESCE(o.{q('plan_id')}, {NO_PLAN})"
    group = f"{plan}, o.{q('unit_id')}, o.{q('date')}, o.{q('form')}, o.{q('quantity_unit')}"
    sums = f"COUNT(*), SUM(o.{q('quantity')}), COALESCE(SUM(o.{q('participants')}), 0)"
    with transaction.atomic(using=alias), conn.cursor() as cur:
        # TRUNCATE on PostgreSQL: no dead rows left behind by a whole-table delete.
        cur.execute(f"TRUNCATE {table}" if conn.vendor == "postgresql" else f"DELETE FROM {table}")  # nosec B608
        # 1. each unit, every output
        cur.execute(
            f"INSERT INTO {table} ({cols}) SELECT {group}, '', {sums} "  # nosec B608
            f"FROM {outputs} o GROUP BY {group}"
        )
        # 2. all units, every output: from the rows just written (fewer than the outputs)
        keep = ", ".join(q(c) for c in ["plan_key", "day", "form", "quantity_unit", "topic"])
        cur.execute(
            f"INSERT INTO {table} ({cols}) SELECT plan_key, {ALL_UNITS}, day, form, quantity_unit, topic, "  # nosec B608
            f"SUM({q('count')}), SUM(quantity), SUM(participants) FROM {table} GROUP BY {keep}"
        )
        # 3. all units, per topic named
        by = f"{plan}, o.{q('date')}, o.{q('form')}, o.{q('quantity_unit')}"  # (a literal 0 in GROUP BY is a position)
        cur.execute(
            f"INSERT INTO {table} ({cols}) SELECT {plan}, {ALL_UNITS}, o.{q('date')}, o.{q('form')}, "  # nosec B608
            f"o.{q('quantity_unit')}, ot.topic, {sums} "
            f"FROM {outputs} o JOIN ({_topic_pairs_sql(conn.vendor, outputs)}) ot ON ot.oid = o.id "
            f"GROUP BY {by}, ot.topic"
        )
        cur.execute(f"SELECT COUNT(*) FROM {table}")  # nosec B608
        return cur.fetchone()[0]


def recount(outputs: Iterable[Output]) -> Counter:
    """The summary as it should be for ``outputs``, computed in Python (for the proofs): ``{key: (count,
    quantity, participants)}`` without zero rows."""
    acc = deltas(added=outputs)
    return Counter({k: tuple(v) for k, v in acc.items()})


def stored(using: str | None = None) -> Counter:
    """The summary table as ``{key: (count, quantity, participants)}``, summed by key as every reader
    sums it (keys that sum to nothing left out)."""
    qs = OutputDailySummary.objects.using(using or router.db_for_read(OutputDailySummary))
    acc: dict = {}
    for r in qs.values_list(*_KEY, *_VALUES):
        row = acc.setdefault(tuple(r[:6]), [0, 0, 0])
        for i, v in enumerate(r[6:]):
            row[i] += v
    return Counter({k: tuple(v) for k, v in acc.items() if v[0]})


def compact(since_id: int = 0, using: str | None = None) -> tuple[int, int]:
    """Fold the rows of each key that has a row with ``id > since_id`` into one row, and drop the keys
    that sum to nothing (all their outputs gone). Returns (keys folded, the highest id seen: the next
    call's ``since_id``). ``since_id=0`` looks at every key.

    On PostgreSQL one statement (``DELETE … RETURNING`` feeding the ``INSERT``): a row a writer
    commits meanwhile is either deleted and summed here, or left for the next call, never lost. On
    SQLite the transaction holds the one write lock, so three plain statements do."""
    alias = using or router.db_for_write(OutputDailySummary)
    conn = connections[alias]
    q = conn.ops.quote_name
    table = q(OutputDailySummary._meta.db_table)
    keys = ", ".join(q(c) for c in _KEY)
    cols = ", ".join(q(c) for c in _KEY + _VALUES)
    sums = ", ".join(f"SUM({q(c)})" for c in _VALUES)
    # The keys written since the last call, then those of them with more than one row or nothing left.
    recent = f"WHERE ({keys}) IN (SELECT DISTINCT {keys} FROM {table} WHERE id > %s) "  # nosec B608
    folded = (
        f"SELECT {keys} FROM {table} {recent if since_id else 'WHERE id > %s '}"  # nosec B608: our own names
        f"GROUP BY {keys} HAVING COUNT(*) > 1 OR SUM({q('count')}) = 0"
    )
    with transaction.atomic(using=alias), conn.cursor() as cur:
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # nosec B608
        top = cur.fetchone()[0]
        if conn.vendor == "postgresql":
            match = " AND ".join(f"t.{q(c)} = d.{q(c)}" for c in _KEY)
            cur.execute(
                f"WITH d AS ({folded}), "  # nosec B608
                f"gone AS (DELETE FROM {table} t USING d WHERE {match} RETURNING t.*), "
                f"ins AS (INSERT INTO {table} ({cols}) SELECT {keys}, {sums} FROM gone GROUP BY {keys} "
                f"HAVING SUM({q('count')}) <> 0 RETURNING 1) "
                "SELECT (SELECT COUNT(*) FROM d), (SELECT COUNT(*) FROM ins)",
                [since_id],
            )
            return cur.fetchone()[0], top
        cur.execute(
            f"SELECT {keys}, {sums} FROM {table} WHERE ({keys}) IN ({folded}) GROUP BY {keys}",  # nosec B608
            [since_id],
        )
        rows = cur.fetchall()
        match = " AND ".join(f"{q(c)} = %s" for c in _KEY)
        cur.executemany(f"DELETE FROM {table} WHERE {match}", [r[:6] for r in rows])  # nosec B608
        kept = [r for r in rows if r[6]]
        if kept:
            marks = "(" + ", ".join(["%s"] * len(_KEY + _VALUES)) + ")"
            cur.executemany(f"INSERT INTO {table} ({cols}) VALUES {marks}", kept)  # nosec B608
        return len(rows), top
