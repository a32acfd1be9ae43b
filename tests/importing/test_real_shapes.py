"""Plans shaped like real published ones (province, ministry, commune, web copies, a decision
carrying a plan): every activity field and every timed duty against a hand-checked expectation.

Prints a per-field accuracy summary (``pytest -s``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import norm
from kehoach.importing import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
FIELDS = ("no", "content", "lead", "lead_unit", "coordinators", "text", "start", "end", "regular", "note")


def _expected(doc: Path) -> dict:
    return json.loads(doc.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _value(act: dict, field: str):
    if field in ("text", "start", "end", "regular"):
        v = act["timeframe"][field]
    elif field == "coordinators":
        return [norm(c) for c in act[field]]
    else:
        v = act.get(field)
    return norm(v) if isinstance(v, str) else v


def _rec(items: list[dict], like: list[dict]) -> list[dict]:
    """Recurrence entries reduced to the keys the expectation states."""
    keys = {k for e in like for k in e}
    return [{k: v for k, v in e.items() if k in keys | {"every"}} for e in items]


def _duty_diffs(plan: dict, exp: dict) -> list[str]:
    wrong = []
    for e in exp["duties_with_time"]:
        found = [
            d
            for d in plan["duties"]
            # a lettered item under the responsible party keeps its own label ("IV.1.a"): the
            # label's path matches it by prefix, as the corpus scorer does
            if (d["section"] == e["section"] or d["section"].startswith(e["section"] + "."))
            and norm(d["text"]).startswith(norm(e["text_starts"]))
        ]
        if len(found) != 1:
            wrong.append(f"{e['section']} {e['text_starts']!r}: found {len(found)}")
            continue
        d = found[0]
        for key in ("who", "due", "report_to"):
            got = [norm(w) for w in d[key]] if key == "who" else d[key]
            want = [norm(w) for w in e[key]] if key == "who" else e[key]
            if got != want:
                wrong.append(f"{e['section']} {e['text_starts']!r} {key}: {got!r} != {want!r}")
        if _rec(d["recurrence"], e["recurrence"]) != e["recurrence"]:
            wrong.append(f"{e['section']} {e['text_starts']!r} recurrence: {d['recurrence']!r}")
    timed = [d for d in plan["duties"] if d["due"] or d["recurrence"]]
    if len(timed) != len(exp["duties_with_time"]):
        wrong.append(f"{len(timed)} timed duties, expected {len(exp['duties_with_time'])}")
    return wrong


@pytest.fixture(scope="module")
def results(validate):
    return {doc.name: (validate(parse_file(doc)), _expected(doc)) for doc in DOCS}


def test_fixture_set_is_varied():
    assert len(DOCS) >= 6


@pytest.mark.parametrize("doc", [d.name for d in DOCS])
def test_activities(results, doc):
    plan, exp = results[doc]
    got = plan["activities"]
    assert len(got) == len(exp["activities"]), [a["no"] for a in got]
    wrong = [
        f"[{e['no']}] {f}: {_value(g, f)!r} != {_value(e, f)!r}"
        for g, e in zip(got, exp["activities"], strict=False)
        for f in FIELDS
        if _value(g, f) != _value(e, f)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("doc", [d.name for d in DOCS])
def test_timed_duties(results, doc):
    plan, exp = results[doc]
    wrong = _duty_diffs(plan, exp)
    assert not wrong, "\n".join(wrong)


def test_accuracy_summary(results, capsys):
    right = dict.fromkeys(FIELDS, 0)
    total = rows_ok = rows = 0
    duty_ok = duties = 0
    for plan, exp in results.values():
        got = plan["activities"]
        for k, e in enumerate(exp["activities"]):
            rows += 1
            g = got[k] if k < len(got) else None
            ok = g is not None
            for f in FIELDS:
                same = g is not None and _value(g, f) == _value(e, f)
                right[f] += same
                ok = ok and same
            rows_ok += ok
        total += len(exp["activities"])
        duties += len(exp["duties_with_time"])
        duty_ok += len(exp["duties_with_time"]) - len(
            [w for w in _duty_diffs(plan, exp) if "timed duties" not in w]
        )
    with capsys.disabled():
        print(f"\nreal-shaped fixtures: {len(results)} documents, {total} activity rows")
        for f in FIELDS:
            print(f"  {f:<13} {right[f]}/{total} = {100 * right[f] / max(total, 1):.1f}%")
        print(f"  rows all right {rows_ok}/{rows}; timed duties right {duty_ok}/{duties}")
    assert rows_ok == rows


def test_brief_cases(results):
    from kehoach.importing.duties import find_recurrence
    from kehoach.importing.timeframes import parse_timeframe

    plan, _ = results["tinh_cchc_2025_8cot.txt"]
    six = plan["activities"][5]
    assert six["lead"] == "Các sở, ban, ngành; UBND cấp huyện, cấp xã"
    assert six["lead_unit"] == "Các sở, ban, ngành"
    plan, _ = results["huyen_cds_2025_nhieu_chu_tri.txt"]
    assert plan["activities"][1]["lead_unit"] == "Văn phòng HĐND và UBND huyện"
    assert plan["activities"][1]["note"] == "Theo Nghị định số 45/2020/NĐ-CP"
    horizon = (2021, 2025)
    assert parse_timeframe("Hằng năm", 2021, horizon)["end"] == "2025-12-31"
    assert parse_timeframe("Thường xuyên", 2021, horizon)["start"] == "2021-01-01"
    assert parse_timeframe("Quý I hằng năm", 2025)["regular"] is True
    assert find_recurrence("Gửi Sở Nội vụ trước ngày 15/12 hằng năm") == [
        {"every": "year", "dates": ["12-15"]}
    ]
