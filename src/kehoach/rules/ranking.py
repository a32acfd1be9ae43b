"""Transparent emulation score (chấm điểm thi đua) of units for one plan and period.

Every point is explained: each criterion gives a value 0–1, times its weight, with the formula
written out in Vietnamese so that a unit can check its own score. A criterion that does not apply
to a unit (``None``) gives its weight to the applicable criteria in proportion to their weights,
and the breakdown says so. Arithmetic is exact (fractions). Effective weights are rounded to one
decimal so that they add up to exactly 100, each criterion's points are rounded to one decimal
(half up), and the score is the sum of the points: every printed formula and the total agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kehoach.rules.money import fmt_number_vi, round_half_up

DEFAULT_WEIGHTS: dict[str, float] = {
    "timeliness": 30,
    "completeness": 30,
    "outputs": 20,
    "compliance": 10,
    "review": 10,
}

CRITERIA: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)

CRITERION_LABELS_VI: dict[str, str] = {
    "timeliness": "Nộp đúng hạn",
    "completeness": "Nộp đầy đủ",
    "outputs": "Sản phẩm tuyên truyền",
    "compliance": "Thực hiện chỉ tiêu định kỳ",
    "review": "Báo cáo được tiếp nhận",
}
_SHORT_VI = {
    "timeliness": "Đúng hạn",
    "completeness": "Đã nộp",
    "outputs": "Sản phẩm",
    "compliance": "Tuân thủ",
    "review": "Được tiếp nhận",
}


@dataclass
class UnitFacts:
    """What a unit did in the period (số liệu của đơn vị).

    ``compliance_rate`` None means the criterion does not apply to this unit (e.g. it has no
    broadcast duty); its weight then goes to the other criteria.
    """

    unit_id: int
    expected: int
    submitted: int
    on_time: int
    accepted: int
    returned: int
    outputs: int
    compliance_rate: float | None = None


def _pct(v: Fraction) -> str:
    return f"{fmt_number_vi(v * 100, 1)}%"


def _check_weights(weights: dict | None) -> dict[str, Fraction]:
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        raise ValueError(f"Unknown criteria in weights: {', '.join(sorted(unknown))}")
    out: dict[str, Fraction] = {}
    for c in CRITERIA:
        w = weights.get(c, 0)
        if isinstance(w, bool) or not isinstance(w, int | float | Fraction) or w != w or w < 0:
            raise ValueError(f"Weight of {c} must be a non-negative number, got {w!r}")
        out[c] = Fraction(str(w)) if isinstance(w, float) else Fraction(w)
    if sum(out.values()) <= 0:
        raise ValueError("Weights must have a positive sum")
    return out


def _check_facts(f: UnitFacts) -> None:
    for name in ("expected", "submitted", "on_time", "accepted", "returned", "outputs"):
        v = getattr(f, name)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"unit {f.unit_id}: {name} must be a non-negative integer, got {v!r}")
    r = f.compliance_rate
    if r is not None and (isinstance(r, bool) or not isinstance(r, int | float) or not 0 <= r <= 1):
        raise ValueError(f"unit {f.unit_id}: compliance_rate must be within 0–1 or None, got {r!r}")


def _values(f: UnitFacts, max_outputs: int) -> dict[str, tuple[Fraction | None, str]]:
    """(value 0–1 or None, how it is computed) for every criterion."""

    def ratio(part: int, whole: int, short: str) -> tuple[Fraction | None, str]:
        if whole == 0:
            return None, f"{short}: không có báo cáo phải nộp"
        v = min(Fraction(part, whole), Fraction(1))  # drifted counts must not exceed 100 %
        return v, f"{short} {part}/{whole} = {_pct(v)}"

    out = {
        "timeliness": ratio(f.on_time, f.expected, _SHORT_VI["timeliness"]),
        "completeness": ratio(f.submitted, f.expected, _SHORT_VI["completeness"]),
    }
    if max_outputs == 0:
        out["outputs"] = (Fraction(0), "Sản phẩm 0 (chưa đơn vị nào có sản phẩm) = 0%")
    else:
        v = Fraction(f.outputs, max_outputs)
        out["outputs"] = (v, f"Sản phẩm {f.outputs}/{max_outputs} (cao nhất) = {_pct(v)}")
    if f.compliance_rate is None:
        out["compliance"] = (None, "Tuân thủ: không áp dụng cho đơn vị")
    else:
        v = Fraction(str(float(f.compliance_rate)))
        out["compliance"] = (v, f"Tuân thủ {_pct(v)}")
    reviewed = f.accepted + f.returned
    if reviewed == 0:
        out["review"] = (None, "Được tiếp nhận: chưa có báo cáo nào được xem xét")
    else:
        v = Fraction(f.accepted, reviewed)
        out["review"] = (v, f"Được tiếp nhận {f.accepted}/{reviewed} = {_pct(v)}")
    return out


def _round_to_total(raw: list[Fraction], total_tenths: int) -> list[int]:
    """Round each value to tenths so that they add up to ``total_tenths`` (largest remainder)."""
    scaled = [r * 10 for r in raw]
    floors = [int(s // 1) for s in scaled]
    remainder = total_tenths - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in order[: max(remainder, 0)]:
        floors[i] += 1
    return floors


def _lines(
    values: dict[str, tuple[Fraction | None, str]],
    w: dict[str, Fraction],
    total_weight: Fraction,
    weights_memo: dict[tuple[str, ...], dict[str, tuple[Fraction, float, str, str]]],
) -> tuple[int, list[dict]]:
    """One unit's score in tenths and its breakdown lines, from its criterion values."""
    applicable = tuple(c for c in CRITERIA if values[c][0] is not None)
    if applicable not in weights_memo:
        applicable_weight = sum(w[c] for c in applicable)
        # Effective weights in tenths, scaled so that the applicable ones add up to exactly 100.
        eff = dict.fromkeys(CRITERIA, 0)
        if applicable_weight:
            shares = [w[c] * 100 / applicable_weight for c in applicable]
            eff.update(zip(applicable, _round_to_total(shares, 1000), strict=True))
        redistributed = applicable_weight != total_weight
        # Per criterion: (weight, its text, the text of a weight given away), the same for every
        # unit with these applicable criteria: worked out once (issue 11).
        texts = {}
        for c in CRITERIA:
            weight = Fraction(eff[c], 10)
            base = w[c] * 100 / total_weight
            weight_text = fmt_number_vi(weight, 1)
            if redistributed and base:
                weight_text += f" (gốc {fmt_number_vi(base, 1)}, cộng phần chia lại)"
            texts[c] = (weight, float(weight), weight_text, fmt_number_vi(base, 1))
        weights_memo[applicable] = texts
    texts = weights_memo[applicable]
    breakdown = []
    total = Fraction(0)
    for c in CRITERIA:
        value, how = values[c]
        weight, weight_float, weight_text, base_text = texts[c]
        if value is None:
            points = Fraction(0)
            formula = f"{how} → trọng số {base_text} chia lại cho các tiêu chí khác"
        else:
            # Rounded per criterion so that each formula is right as printed and the points
            # add up to the score; value <= 1 keeps every point within its weight.
            points = round_half_up(value * weight, 1)
            formula = f"{how} × {weight_text} = {fmt_number_vi(points, 1)}"
        total += points
        breakdown.append(
            {
                "criterion": c,
                "label_vi": CRITERION_LABELS_VI[c],
                "value": None if value is None else round(float(value), 4),
                "weight": weight_float,
                "points": float(points),
                "formula": formula,
            }
        )
    return int(total * 10), breakdown


def score_units(facts: list[UnitFacts], weights: dict | None = None) -> list[dict]:
    """Score and rank units, best first (xếp hạng thi đua).

    Returns ``[{unit_id, score, rank, breakdown: [{criterion, label_vi, value, weight, points,
    formula}]}]`` with ``score`` 0–100 (one decimal), ``value`` 0–1 (None when not applicable),
    ``weight`` the effective weight after redistribution (one decimal, the applicable ones add up
    to 100), and ``points`` = value × weight rounded to one decimal, adding up to ``score``.

    Criteria: timeliness = on_time/expected; completeness = submitted/expected; outputs = outputs
    / the largest outputs among the units (0 if all are 0); compliance = ``compliance_rate``;
    review = accepted/(accepted+returned). Weights are scaled to a total of 100. Equal scores get
    equal rank (1, 1, 3); the order among them is by ``unit_id``.
    """
    w = _check_weights(weights)
    total_weight = sum(w.values(), Fraction(0))
    seen: set[int] = set()
    for f in facts:
        _check_facts(f)
        if f.unit_id in seen:
            raise ValueError(f"unit {f.unit_id} appears twice")
        seen.add(f.unit_id)
    max_outputs = max((f.outputs for f in facts), default=0)

    scored: list[dict[str, Any]] = []
    # Units with equal facts get equal lines: worked out once per call (issue 11: 3,400 units took
    # 0.4 s in exact arithmetic, and a few hundred distinct facts cover them all).
    weights_memo: dict[tuple[str, ...], dict[str, tuple[Fraction, float, str, str]]] = {}
    units_memo: dict[tuple, tuple[int, list[dict]]] = {}
    for f in facts:
        key = (f.on_time, f.submitted, f.expected, f.outputs, f.compliance_rate, f.accepted, f.returned)
        if key not in units_memo:
            units_memo[key] = _lines(_values(f, max_outputs), w, total_weight, weights_memo)
        total_tenths, lines = units_memo[key]
        scored.append(
            {
                "unit_id": f.unit_id,
                "score": total_tenths / 10,
                "_t": total_tenths,
                # Shared by the units with the same facts (read-only: nothing edits a breakdown;
                # copying 17,000 lines nationally cost 25 ms).
                "breakdown": lines,
            }
        )

    scored.sort(key=lambda s: (-s["_t"], s["unit_id"]))
    rank = 0
    previous = None
    for position, s in enumerate(scored, start=1):
        if s["_t"] != previous:
            rank, previous = position, s["_t"]
        s["rank"] = rank
        del s["_t"]
    return [
        {"unit_id": s["unit_id"], "score": s["score"], "rank": s["rank"], "breakdown": s["breakdown"]}
        for s in scored
    ]
