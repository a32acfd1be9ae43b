"""The ranking's shortcuts (issue 11) give the scores of the plain computation.

``score_units`` works out each distinct set of facts once and each set of applicable criteria
once, and lets units with equal facts share their breakdown. Here every unit is scored the plain
way (each line computed afresh, as before the shortcuts) and compared, for random units and
weights, with many units sharing facts.
"""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.rules.money import fmt_number_vi, round_half_up
from kehoach.rules.ranking import (
    CRITERIA,
    CRITERION_LABELS_VI,
    DEFAULT_WEIGHTS,
    UnitFacts,
    _check_weights,
    _round_to_total,
    _values,
    score_units,
)


def _plain_lines(values, w, total_weight):
    """One unit's lines exactly as written before the shortcuts (no memo)."""
    applicable = tuple(c for c in CRITERIA if values[c][0] is not None)
    applicable_weight = sum(w[c] for c in applicable)
    eff = dict.fromkeys(CRITERIA, 0)
    if applicable_weight:
        shares = [w[c] * 100 / applicable_weight for c in applicable]
        eff.update(zip(applicable, _round_to_total(shares, 1000), strict=True))
    redistributed = applicable_weight != total_weight
    breakdown, total = [], Fraction(0)
    for c in CRITERIA:
        value, how = values[c]
        weight = Fraction(eff[c], 10)
        base = w[c] * 100 / total_weight
        if value is None:
            points = Fraction(0)
            formula = f"{how} → trọng số {fmt_number_vi(base, 1)} chia lại cho các tiêu chí khác"
        else:
            points = round_half_up(value * weight, 1)
            weight_text = fmt_number_vi(weight, 1)
            if redistributed and base:
                weight_text += f" (gốc {fmt_number_vi(base, 1)}, cộng phần chia lại)"
            formula = f"{how} × {weight_text} = {fmt_number_vi(points, 1)}"
        total += points
        breakdown.append(
            {
                "criterion": c,
                "label_vi": CRITERION_LABELS_VI[c],
                "value": None if value is None else round(float(value), 4),
                "weight": float(weight),
                "points": float(points),
                "formula": formula,
            }
        )
    return int(total * 10), breakdown


facts_st = st.tuples(
    st.integers(0, 6),  # expected
    st.integers(0, 6),
    st.integers(0, 6),
    st.integers(0, 3),  # accepted
    st.integers(0, 3),
    st.integers(0, 40),  # outputs
    st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 0.7692, 1.0])),
)
weights_st = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(list(DEFAULT_WEIGHTS)), st.integers(0, 50), min_size=1).filter(
        lambda w: sum(w.values()) > 0
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(facts_st, min_size=1, max_size=40), weights_st)
def test_shortcut_scores_equal_the_plain_computation(rows, weights):
    facts = []
    for i, (expected, s, o, a, r, outputs, comp) in enumerate(rows):
        submitted = min(s, expected)
        on_time = min(o, submitted)
        accepted = min(a, submitted)
        returned = min(r, submitted - accepted)
        facts.append(UnitFacts(i + 1, expected, submitted, on_time, accepted, returned, outputs, comp))
    got = score_units(facts, weights)
    w = _check_weights(weights)
    total_weight = sum(w.values(), Fraction(0))
    max_outputs = max(f.outputs for f in facts)
    plain = {f.unit_id: _plain_lines(_values(f, max_outputs), w, total_weight) for f in facts}
    order = sorted(plain, key=lambda uid: (-plain[uid][0], uid))
    assert [g["unit_id"] for g in got] == order
    for g in got:
        tenths, lines = plain[g["unit_id"]]
        assert g["score"] == tenths / 10
        assert g["breakdown"] == lines
