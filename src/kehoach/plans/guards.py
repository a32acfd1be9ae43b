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


def refuse_if_closed(plan: Plan | None = None, day: datetime.date | None = None, unit=None) -> None:
    """Raise ``Conflict`` (409) when the plan is closed (khóa sổ), or when ``day`` falls in a year
    a closed plan of the same organisation (the root of ``unit``, else of the plan's issuer) closed.

    ``plan`` may be None (a broadcast or output logged without a plan); ``day`` may be None (a fact
    without a date: a budget, a progress update).
    """
    if plan is not None and plan.status == PlanStatus.CLOSED:
        raise Conflict(refusal(_label(plan), plan.year))
    if day is None:
        return
    of_year = Plan.objects.filter(status=PlanStatus.CLOSED, year=day.year)
    # A year is seldom closed: a bare EXISTS first keeps the hot write path (issue 11) from building
    # the joined query on every write; the plans and their issuers are read only when one exists.
    if not of_year.exists():
        return
    closed = list(of_year.select_related("issuer__parent"))
    root = root_unit_id(unit if unit is not None else (plan.issuer if plan is not None else None))
    for other in closed:
        # Without a unit or plan to place the fact, any closed plan of the year binds it.
        if root is None or root_unit_id(other.issuer) == root:
            year = closed_year_of_day(day, [other.year])
            if year is not None:
                raise Conflict(refusal(_label(other), year))
