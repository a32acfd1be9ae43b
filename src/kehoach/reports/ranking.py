"""Emulation ranking (đánh giá, xếp hạng thi đua, III.4 of the seed plan) from the plan's data.

Facts per unit come from tracking (reports expected / handed in / on time / accepted / returned),
outputs (number of communication outputs in the period) and, for the unit with the broadcast duty,
the share of compliant weeks. The score itself is ``rules.ranking.score_units`` (pure, explained).
"""

from __future__ import annotations

import datetime

from kehoach.org.models import Unit
from kehoach.plans.models import DutyKind, Plan
from kehoach.reports import selectors
from kehoach.reports.models import RankingWeights
from kehoach.rules.periods import Period
from kehoach.rules.ranking import CRITERION_LABELS_VI, DEFAULT_WEIGHTS, UnitFacts, score_units
from kehoach.tracking import selectors as tracking_selectors


def weights_for(plan: Plan) -> dict[str, float]:
    w = RankingWeights.objects.filter(plan=plan).first()
    return w.as_dict() if w else dict(DEFAULT_WEIGHTS)


def _facts(plan: Plan, period: Period, as_of: datetime.date) -> tuple[list[UnitFacts], dict[int, str]]:
    """The units' facts and names (one query), or every unit with a reporting duty at zero."""
    facts, names = tracking_selectors.unit_facts_named(plan, period.code, as_of=as_of)
    if facts:
        return facts, names
    # No deliverables yet: every unit with a reporting duty starts from zero.
    ids: set[int] = set()
    for duty in plan.duties.filter(kind__in=[DutyKind.SUBPLAN, DutyKind.REPORT]).prefetch_related(
        "who_groups"
    ):
        ids |= set(duty.assigned_units(on=period.end).values_list("pk", flat=True))
    return [
        UnitFacts(unit_id=i, expected=0, submitted=0, on_time=0, accepted=0, returned=0, outputs=0)
        for i in sorted(ids)
    ], {}


def ranking(plan: Plan, period: Period, as_of: datetime.date) -> list[dict]:
    """``[{unit_id, unit_name, score, rank, breakdown}]`` best first; equal scores share a rank.
    Figures as they stood at the end of ``as_of``."""
    found, names = _facts(plan, period, as_of)
    facts = {f.unit_id: f for f in found}
    counts = selectors.output_counts(plan, period.start, min(period.end, as_of))
    compliance = selectors.broadcast_compliance(plan, period.start, period.end, as_of)
    radio = compliance.get("unit_id")
    for f in facts.values():
        f.outputs = counts.get(f.unit_id, 0)
    if radio is not None:
        f = facts.setdefault(
            radio,
            UnitFacts(
                unit_id=radio,
                expected=0,
                submitted=0,
                on_time=0,
                accepted=0,
                returned=0,
                outputs=counts.get(radio, 0),
            ),
        )
        total = compliance.get("total_weeks") or 0
        f.compliance_rate = round(compliance["compliant_weeks"] / total, 4) if total else None
    scored = score_units(list(facts.values()), weights_for(plan))
    missing = [uid for uid in facts if uid not in names]  # the radio unit, or no deliverables yet
    if missing:
        names.update(Unit.objects.filter(pk__in=missing).values_list("pk", "name"))
    for s in scored:
        s["unit_name"] = names.get(s["unit_id"], "")
        f = facts[s["unit_id"]]
        s["facts"] = {
            "expected": f.expected,
            "submitted": f.submitted,
            "on_time": f.on_time,
            "accepted": f.accepted,
            "returned": f.returned,
            "outputs": f.outputs,
            "compliance_rate": f.compliance_rate,
        }
    return scored


CRITERIA_LABELS = CRITERION_LABELS_VI
