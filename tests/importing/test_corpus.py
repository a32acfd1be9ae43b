"""The real development corpus (bộ kế hoạch thật): files, labels, formats, and the scorer.

Scores are a report, not a gate: ``test_overall_score_goal`` is an expected failure until the
importer reaches the goal of issue 10; ``SCORE_FLOOR`` is the level the suite holds the importer
to and is raised by whoever raises the importer.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
DOCS = CORPUS / "docs"
# The repository keeps a copy of the shared import schema (tests/importing/data).
SCHEMA = Path(__file__).parent / "data" / "plan-import.schema.json"

LEVELS = {"national", "ministry", "province", "department", "district", "commune"}
KINDS = {
    "ke_hoach",
    "quyet_dinh_ban_hanh_ke_hoach",
    "chuong_trinh_hanh_dong",
    "quyet_dinh_ban_hanh_chuong_trinh_hanh_dong",
    "nghi_quyet_ban_hanh_chuong_trinh_hanh_dong",
    "quyet_dinh_phe_duyet_de_an",  # a scheme (Đề án) whose Phụ lục is a task table
    "nghi_quyet_phe_duyet_de_an",  # the same approved by a resolution of the Government (092)
}
SCORE_FLOOR = 0.95  # regression guard on the txt copies (0.951 on 001-071; 0.873 with 085-093 added, 0.954 after round 5); the goal of issue 10 is GOAL
GOAL = 0.95


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


score = _load("score_import", ROOT / "benchmarks" / "score_import.py")
formats = _load("make_formats", CORPUS / "make_formats.py")

TEXTS = sorted(DOCS.glob("*.txt"))
LABELS = sorted(DOCS.glob("*.expected.json"))


def _iso(value) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def test_corpus_size_and_labels():
    assert len(TEXTS) >= 40
    assert len(LABELS) >= 25
    stems = {p.name.removesuffix(".txt") for p in TEXTS}
    assert {p.name.removesuffix(".expected.json") for p in LABELS} <= stems


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name[:3])
def test_text_and_source(path):
    text = path.read_text(encoding="utf-8")  # UTF-8 or this raises
    assert text.strip()
    src = json.loads(
        path.with_name(path.name.removesuffix(".txt") + ".source.json").read_text(encoding="utf-8")
    )
    assert src["url"].startswith("http")
    assert src["title"] and _iso(src["retrieved"]) and "2026-11-29" <= src["retrieved"] <= "2026-12-31"
    assert src["level"] in LEVELS and src["kind"] in KINDS
    assert isinstance(src["year"], int) and 2019 <= src["year"] <= 2026
    assert isinstance(src["complete"], bool)


@pytest.fixture(scope="module")
def activity_validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    item = dict(schema["properties"]["activities"]["items"], **{"$defs": schema["$defs"]})
    return jsonschema.Draft202012Validator(item, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.name[:3])
def test_label_shape(path, activity_validator):
    exp = json.loads(path.read_text(encoding="utf-8"))
    assert set(exp) >= {"_comment", "scope", "document", "activities", "duties_with_time"}
    assert set(exp["document"]) == {"kind", "number", "issued_on", "issuer", "title", "year"}
    assert exp["document"]["issued_on"] is None or _iso(exp["document"]["issued_on"])
    if not exp["scope"]["activities"]:
        assert exp["activities"] == []
    if not exp["scope"]["duties"]:
        assert exp["duties_with_time"] == []
    for act in exp["activities"]:
        errors = [e.message for e in activity_validator.iter_errors(act)]
        assert not errors, (act["no"], errors)
        tf = act["timeframe"]
        for key in ("start", "end"):
            assert tf[key] is None or _iso(tf[key]), (act["no"], key)
        assert not (tf["start"] and tf["end"]) or tf["start"] <= tf["end"], act["no"]
        assert act["content"].strip() and (act["lead"] or "").strip()
    for duty in exp["duties_with_time"]:
        assert duty["section"] and isinstance(duty["who"], list) and duty["who"]
        assert "text_starts" in duty or "text_contains" in duty
        assert duty["due"] or duty["recurrence"], duty["section"]
        assert duty["due"] is None or (
            _iso(duty["due"]["date"]) and isinstance(duty["due"]["inclusive"], bool)
        )
        assert all(
            r["every"] in {"day", "week", "month", "quarter", "6 months", "year", "unspecified"}
            for r in duty["recurrence"]
        )


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.name[:3])
def test_labels_quote_the_document(path):
    """Contents and duty texts are the document's words (start and end of each, after normalising)."""
    exp = json.loads(path.read_text(encoding="utf-8"))
    text = score.norm(
        path.with_name(path.name.removesuffix(".expected.json") + ".txt").read_text(encoding="utf-8")
    )
    words = text.split()
    for act in exp["activities"]:
        content = score.norm(act["content"])
        if not (content[:40] in text and content[-30:] in text):
            # a cell cut by a page break (Công báo text): its words, in order, within a short span
            assert _in_order(content.split(), words), act["no"]
    for duty in exp["duties_with_time"]:
        assert score.norm(duty.get("text_contains") or duty.get("text_starts")) in text, duty["section"]


def _in_order(needle: list[str], hay: list[str]) -> bool:
    """The words of ``needle`` appear in ``hay`` in order, the whole within ~2x their length + 120."""
    for start in (i for i, w in enumerate(hay) if w == needle[0]):
        k, i = 1, start + 1
        limit = start + 2 * len(needle) + 120
        while k < len(needle) and i < min(len(hay), limit):
            k, i = (k + 1 if hay[i] == needle[k] else k), i + 1
        if k == len(needle):
            return True
    return False


def test_labels_with_activities_or_duties():
    scored = [p for p in LABELS if any(json.loads(p.read_text(encoding="utf-8"))["scope"].values())]
    assert len(scored) >= 4


@pytest.mark.parametrize("stem", formats.FORMAT_DOCS, ids=lambda s: s[:3])
def test_formats_exist(stem):
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        path = CORPUS / fmt / f"{stem}.{fmt}"
        assert path.read_bytes()[:4].startswith(magic), path.name


def test_corpus_under_15_mb():
    assert sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) < 15 * 1024 * 1024


def test_002_annex_is_a_real_table_with_merges():
    table = formats.blocks_for("002_bo_nnmt_2026_qd2200_ke_hoach_nd180")[-1]
    assert table.header_rows == 1 and len(table.rows[0]) == 5
    groups = [row for row in table.rows if len(row) == 2]
    assert [row[1].span for row in groups] == [4, 4]
    assert [c.vmerge for c in table.rows[8]] == ["start", None, None, "start", "start"]
    assert [c.vmerge for c in table.rows[9]] == ["cont", None, None, "cont", "cont"]


def test_norm_folds_case_spaces_tones_and_trailing_punctuation():
    assert score.norm("  Uỷ ban  nhân dân\nhuyện. ") == score.norm("ỦY BAN NHÂN DÂN HUYỆN")
    assert score.norm("hoà") == score.norm("hòa")
    assert score.norm(None) == ""


def test_activity_faults_name_each_field():
    exp = {
        "no": "1",
        "content": "Tổ chức hội nghị",
        "lead": "Sở Nội vụ",
        "coordinators": ["Sở Tư pháp", "các sở, ban, ngành"],
        "timeframe": {"text": "Quý I/2025", "start": "2025-01-01", "end": "2025-03-31", "regular": False},
    }
    got = dict(exp, coordinators=["các sở, ban, ngành", "Sở Tư pháp"])
    assert score.activity_faults(exp, got, 1.0) == []
    bad = dict(got, lead="Sở Nội vụ chủ trì", timeframe={"start": "2025-01-01", "end": None})
    faults = score.activity_faults(exp, bad, 0.5)
    assert [f.split()[0] for f in faults] == ["content", "lead", "time"]
    assert score.activity_faults(exp, None, 0.0) == ["missing"]


def test_duty_matched_on_section_prefix_and_text():
    exp = {
        "section": "III.2",
        "who": ["Sở Nội vụ"],
        "text_contains": "trước ngày 30",
        "due": {"date": "2025-11-30", "inclusive": False},
        "recurrence": [{"every": "year"}],
    }
    duty = {
        "section": "III.2.-",
        "who": ["Sở Nội vụ"],
        "text": "Báo cáo trước ngày 30 tháng 11 hằng năm",
        "due": {"date": "2025-11-30", "inclusive": False},
        "recurrence": [{"every": "year", "min_count": None}],
    }
    assert score.duty_faults(exp, [duty]) == []
    assert score.duty_faults(exp, [dict(duty, section="IV.1")]) == ["missing"]
    assert score.duty_faults(exp, [dict(duty, recurrence=[])])[0].startswith("recurrence")


@pytest.fixture(scope="module")
def txt_scores():
    return [score.score_file(path, exp, limit=20.0) for _fmt, path, exp in score.labelled_files(["txt"])]


def test_scorer_runs_on_every_labelled_text(txt_scores):
    assert len(txt_scores) == len(LABELS)
    for r in txt_scores:
        s = score.doc_score(r)
        assert s is None or 0.0 <= s <= 1.0
        assert 0 <= r["header_right"] <= r["header_total"] <= 6


def _overall(results) -> float:
    scored = [r for r in results if r["scored"]]
    total = sum(r["expected_rows"] + r["expected_duties"] for r in scored)
    return sum(r["rows_right"] + r["duties_right"] for r in scored) / total


def test_score_floor(txt_scores):
    """The report: print the per-document table; fail only below the agreed floor."""
    for r in txt_scores:
        if r["scored"]:
            print(f"{r['file'][:48]:48} {score.doc_score(r):.2f}")
    print(f"overall {_overall(txt_scores):.3f}")
    assert _overall(txt_scores) >= SCORE_FLOOR


def test_overall_score_goal(txt_scores):
    assert _overall(txt_scores) >= GOAL
    assert all(score.doc_score(r) >= 0.8 for r in txt_scores if r["scored"])
