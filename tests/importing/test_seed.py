"""The seed plan (Kế hoạch 19/KH-UBND, Ninh Phước, 2021) matches the hand-read ground truth."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, norm
from kehoach.importing import parse_file

SEED = DATA / "seed_ninh_phuoc_2021.txt"
EXPECTED = json.loads((DATA / "seed_ninh_phuoc_2021.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan():
    return parse_file(SEED)


def test_valid_against_schema(plan, validate):
    validate(plan)


@pytest.mark.parametrize("field", ["kind", "number", "issued_on", "issuer", "title", "year"])
def test_document_fields(plan, field):
    assert norm(str(plan["document"][field])) == norm(str(EXPECTED["document"][field]))


def test_bases_signer_recipients(plan):
    doc, exp = plan["document"], EXPECTED["document"]
    assert [norm(b) for b in doc["bases"]] == [norm(b) for b in exp["bases"]]
    assert {k: norm(v) for k, v in doc["signer"].items()} == {k: norm(v) for k, v in exp["signer"].items()}
    assert [norm(r) for r in doc["recipients"]] == [norm(r) for r in exp["recipients"]]


def test_section_headings(plan):
    got = [[s["label"], norm(s["heading"])] for s in plan["sections"]]
    assert got == [[a, norm(b)] for a, b in EXPECTED["section_headings"]]


@pytest.mark.parametrize("index", range(len(EXPECTED["activities"])))
def test_activity(plan, index):
    exp = EXPECTED["activities"][index]
    got = plan["activities"][index]
    for key in ("no", "content", "lead", "lead_unit", "note"):
        assert norm(got[key]) == norm(exp[key]), key
    assert [norm(c) for c in got["coordinators"]] == [norm(c) for c in exp["coordinators"]]
    assert {k: norm(v) if isinstance(v, str) else v for k, v in got["timeframe"].items()} == exp["timeframe"]


def test_activity_count(plan):
    assert len(plan["activities"]) == len(EXPECTED["activities"])


def _matches(duty, exp):
    if duty["section"] != exp["section"]:
        return False
    text = norm(duty["text"])
    if "text_starts" in exp and not text.startswith(norm(exp["text_starts"])):
        return False
    return "text_contains" not in exp or norm(exp["text_contains"]) in text


@pytest.mark.parametrize("index", range(len(EXPECTED["duties_with_time"])))
def test_duty_with_time(plan, index):
    exp = EXPECTED["duties_with_time"][index]
    found = [d for d in plan["duties"] if _matches(d, exp)]
    assert len(found) == 1, [d["text"][:60] for d in plan["duties"] if d["section"] == exp["section"]]
    d = found[0]
    assert [norm(w) for w in d["who"]] == [norm(w) for w in exp["who"]]
    assert d["due"] == exp["due"]
    assert d["recurrence"] == exp["recurrence"]
    assert norm(d["report_to"]) == norm(exp["report_to"])


def test_only_the_expected_duties_carry_time(plan):
    timed = [d for d in plan["duties"] if d["due"] or d["recurrence"]]
    assert len(timed) == len(EXPECTED["duties_with_time"]), [d["text"][:50] for d in timed]


def test_responsibility_groups(plan):
    got = [[g["section"], norm(g["who_text"])] for g in plan["responsibilities"]]
    assert got == [[s, norm(w)] for s, w in EXPECTED["responsibility_groups"]]
    for section, _who in EXPECTED["responsibility_groups"]:
        assert any(d["section"] == section for d in plan["duties"]), section


def test_responsibility_duties_without_time(plan):
    v1b = [d for d in plan["duties"] if d["section"] == "V.1.b"]
    assert len(v1b) == 4 and all(d["due"] is None and d["recurrence"] == [] for d in v1b)


@pytest.mark.parametrize("group", EXPECTED["unit_alias_groups"], ids=lambda g: g[0][:30])
def test_unit_alias_groups(plan, group):
    by_name = {}
    for unit in plan["units"]:
        for spelling in [unit["name"], *unit["aliases"]]:
            by_name[norm(spelling)] = unit["name"]
    names = {by_name.get(norm(s)) for s in group}
    assert None not in names, [s for s in group if norm(s) not in by_name]
    assert len(names) == 1
    assert names == {group[0]}


def test_units_listed_once(plan):
    names = [u["name"] for u in plan["units"]]
    assert len(names) == len(set(names))
