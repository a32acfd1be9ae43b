from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.money import fmt_number_vi
from kehoach.rules.ranking import DEFAULT_WEIGHTS, UnitFacts, score_units


def facts(unit_id, expected=4, submitted=4, on_time=4, accepted=4, returned=0, outputs=10, compliance=1.0):
    return UnitFacts(unit_id, expected, submitted, on_time, accepted, returned, outputs, compliance)


def test_perfect_unit_scores_100_with_default_weights():
    [r] = score_units([facts(1)])
    assert (r["score"], r["rank"]) == (100.0, 1)
    assert [b["weight"] for b in r["breakdown"]] == list(DEFAULT_WEIGHTS.values())


def test_formula_is_written_out_in_vietnamese():
    [r] = score_units([facts(1, on_time=3)])
    timeliness = r["breakdown"][0]
    assert timeliness["criterion"] == "timeliness"
    assert timeliness["formula"] == "Đúng hạn 3/4 = 75% × 30 = 22,5"
    assert (timeliness["value"], timeliness["points"]) == (0.75, 22.5)
    assert r["score"] == 92.5


def test_criterion_that_does_not_apply_gives_its_weight_to_the_others():
    [r] = score_units([facts(1, compliance=None)])
    by = {b["criterion"]: b for b in r["breakdown"]}
    assert by["compliance"]["value"] is None and by["compliance"]["points"] == 0
    assert "không áp dụng" in by["compliance"]["formula"] and "chia lại" in by["compliance"]["formula"]
    assert sum(b["weight"] for b in r["breakdown"]) == pytest.approx(100)
    # 30/90, 30/90, 20/90, 10/90 of 100, rounded to tenths that still add up to exactly 100.
    assert [by[c]["weight"] for c in ("timeliness", "completeness", "outputs", "review")] == [
        33.4,
        33.3,
        22.2,
        11.1,
    ]
    assert "gốc 30" in by["timeliness"]["formula"]
    assert r["score"] == 100.0


def test_outputs_are_relative_to_the_best_unit():
    results = score_units([facts(1, outputs=5), facts(2, outputs=10)])
    by = {r["unit_id"]: r for r in results}
    assert by[1]["breakdown"][2]["value"] == 0.5 and by[1]["breakdown"][2]["points"] == 10.0
    assert by[2]["breakdown"][2]["points"] == 20.0


def test_no_outputs_anywhere_gives_zero_not_a_division_error():
    [r] = score_units([facts(1, outputs=0)])
    assert r["breakdown"][2]["value"] == 0.0 and r["score"] == 80.0


def test_review_is_accepted_over_reviewed_and_ignored_when_nothing_was_reviewed():
    [r] = score_units([facts(1, accepted=1, returned=1)])
    assert r["breakdown"][4]["value"] == 0.5
    [r] = score_units([facts(1, accepted=0, returned=0)])
    assert r["breakdown"][4]["value"] is None


def test_best_first_equal_scores_share_rank_and_ties_break_by_unit_id():
    results = score_units([facts(3, on_time=0), facts(2), facts(1), facts(4, submitted=0, on_time=0)])
    assert [(r["unit_id"], r["rank"]) for r in results] == [(1, 1), (2, 1), (3, 3), (4, 4)]


@pytest.mark.parametrize(
    "weights", [{"timeliness": -1}, dict.fromkeys(DEFAULT_WEIGHTS, 0), {"speed": 10}, {"timeliness": "30"}]
)
def test_bad_weights_are_rejected(weights):
    with pytest.raises(ValueError):
        score_units([facts(1)], weights)


def test_custom_weights_are_scaled_to_100():
    [r] = score_units([facts(1, on_time=2)], {"timeliness": 1, "completeness": 1})
    assert [b["weight"] for b in r["breakdown"]] == [50.0, 50.0, 0.0, 0.0, 0.0]
    assert r["score"] == 75.0


def test_duplicate_units_and_negative_counts_are_rejected():
    with pytest.raises(ValueError):
        score_units([facts(1), facts(1)])
    with pytest.raises(ValueError):
        score_units([facts(1, outputs=-1)])
    with pytest.raises(ValueError):
        score_units([facts(1, compliance=1.5)])


def test_vietnamese_number_format():
    assert fmt_number_vi(22.5) == "22,5"
    assert fmt_number_vi(Fraction(1234567_25, 100), 2) == "1.234.567,25"
    assert fmt_number_vi(30) == "30"
    assert fmt_number_vi(0.25) == "0,3"  # half up, not to even


@st.composite
def unit_facts(draw, unit_id):
    expected = draw(st.integers(0, 20))
    submitted = draw(st.integers(0, expected))
    on_time = draw(st.integers(0, submitted))
    accepted = draw(st.integers(0, submitted))
    returned = draw(st.integers(0, submitted - accepted))
    outputs = draw(st.integers(0, 50))
    compliance = draw(st.one_of(st.none(), st.floats(0, 1)))
    return UnitFacts(unit_id, expected, submitted, on_time, accepted, returned, outputs, compliance)


weights_st = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(list(DEFAULT_WEIGHTS)), st.integers(0, 50), min_size=1).filter(
        lambda w: sum(w.values()) > 0
    ),
)


@given(
    st.lists(st.integers(1, 1000), min_size=1, max_size=8, unique=True).flatmap(
        lambda ids: st.tuples(*(unit_facts(i) for i in ids))
    ),
    weights_st,
)
def test_scores_are_between_0_and_100_and_points_add_up(units, weights):
    results = score_units(list(units), weights)
    assert len(results) == len(units)
    for r in results:
        assert 0 <= r["score"] <= 100
        assert round(r["score"], 1) == r["score"]
        points = sum(Fraction(str(b["points"])) for b in r["breakdown"])
        assert points == Fraction(str(r["score"]))
        for b in r["breakdown"]:
            assert 0 <= b["points"] <= b["weight"] + 1e-9
            assert b["value"] is None or 0 <= b["value"] <= 1
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert results[0]["rank"] == 1
