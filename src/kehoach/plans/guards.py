"""Khóa sổ: the one gate every service that writes facts of a plan (or a dated fact) passes.

Outputs, broadcasts, budgets, activity progress, submissions, reviews and problems all call
``refuse_if_closed`` inside their transaction, so a closed year refuses them the same way on
pages, in the API and in commands (409 Conflict with one Vietnamese message).
"""

from __future__ import annotations

import datetime

from kehoach.core.errors import Conflict
from kehoach.plans.models import Plan, PlanStatus
from kehoach.rules.closing import closed_year_of_day, refusal


def root_unit_id(unit) -> int | None:
    """The root ancestor of a unit (its organisation tree: UBND tỉnh/huyện at the top)."""
    if unit is None:
        return None
    chain = unit.ancestors()
    return chain[-1].pk if chain else unit.pk


def _label(plan: Plan) -> str:
    return plan.number or f"#{plan.pk}"


def plan_for_write(plan_id, day: datetime.date | None) -> tuple[Plan | None, bool | None]:
    """The plan a fact names (just what :func:`refuse_if_closed` reads: id, status, number, year,
    issuer) and whether any plan closed ``day``'s year, in ONE statement: the hot write path asked
    twice through the ORM, a quarter of a write's CPU (issue 11). ``LookupError`` when there is no
    such plan; the second value is None without a day. Pass both on to :func:`refuse_if_closed`."""
    from django.db import connection

    if plan_id is not None:
        try:
            plan_id = int(plan_id)
        except (TypeError, ValueError):
            raise LookupError(plan_id)
        if not 0 < plan_id < 2**63:
            raise LookupError(plan_id)
    q = connection.ops.quote_name
    table = q(Plan._meta.db_table)
    closed = f"EXISTS (SELECT 1 FROM {table} c WHERE c.{q('status')} = %s AND c.{q('year')} = %s)"  # nosec B608
    fields = ["id", "status", "number", "year", "issuer_id"]
    with connection.cursor() as cur:
        if plan_id is None:
            if day is None:
                return None, None
            cur.execute(f"SELECT {closed}", [PlanStatus.CLOSED.value, day.year])
            return None, bool(cur.fetchone()[0])
        cur.execute(
            f"SELECT {', '.join('p.' + q(f) for f in fields)}, "  # nosec B608: our own names
            f"{closed if day is not None else 'NULL'} FROM {table} p WHERE p.{q('id')} = %s",
            [PlanStatus.CLOSED.value, day.year, plan_id] if day is not None else [plan_id],
        )
        row = cur.fetchone()
    if row is None:
        raise LookupError(plan_id)
    plan = Plan.from_db(connection.alias, fields, row[:5])
    return plan, (None if day is None else bool(row[5]))


def refuse_if_closed(
    plan: Plan | None = None, day: datetime.date | None = None, unit=None, year_closed: bool | None = None
) -> None:
    """Raise ``Conflict`` (409) when the plan is closed (khóa sổ), or when ``day`` falls in a year
    a closed plan of the same organisation (the root of ``unit``, else of the plan's issuer) closed.

    ``plan`` may be None (a broadcast or output logged without a plan); ``day`` may be None (a fact
    without a date: a budget, a progress update). ``year_closed``: whether any plan closed ``day``'s
    year, when the caller already asked (:func:`plan_for_write`).
    """
    if plan is not None and plan.status == PlanStatus.CLOSED:
        raise Conflict(refusal(_label(plan), plan.year))
    if day is None:
        return
    # A year is seldom closed: a bare EXISTS first (or the caller's answer) keeps the hot write path
    # (issue 11) from building the joined query on every write; the plans and their issuers are
    # read only when one exists.
    if year_closed is False:
        return
    of_year = Plan.objects.filter(status=PlanStatus.CLOSED, year=day.year)
    if year_closed is None and not of_year.exists():
        return
    closed = list(of_year.select_related("issuer__parent"))
    root = root_unit_id(unit if unit is not None else (plan.issuer if plan is not None else None))
    for other in closed:
        # Without a unit or plan to place the fact, any closed plan of the year binds it.
        if root is None or root_unit_id(other.issuer) == root:
            year = closed_year_of_day(day, [other.year])
            if year is not None:
                raise Conflict(refusal(_label(other), year))
