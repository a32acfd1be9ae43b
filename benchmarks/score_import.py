"""Score the plan importer on the real development corpus (bộ kế hoạch thật để đo trình nhập).

Run:  python benchmarks/score_import.py [--doc 003] [--verbose] [--formats txt,docx,pdf] [--json]
      [--corpus DIR]   (DIR holds docs/ (and docx/, pdf/), or the .txt/.expected.json files themselves)

What it reads
  tests/importing/corpus/docs/NNN_slug.txt            the text as published (web copy, extracted text)
  tests/importing/corpus/docs/NNN_slug.expected.json  hand-read ground truth (when the document is labelled)
  tests/importing/corpus/docx|pdf/NNN_slug.docx|.pdf  the same document as Word / PDF (make_formats.py);
                                                      scored against the same labels, shown as NNN.docx / NNN.pdf
Every file is parsed with ``kehoach.importing.parse_file`` (what ``kehoach import-plan --json`` prints).

How a document is scored
  Normalisation (both sides alike): Unicode NFC, whitespace folded to one space, case folded, the
  old/new tone placement unified ("Uỷ"/"Ủy", "hoà"/"hòa"), curly quotes made straight, and trailing
  ". , ; :" dropped.
  Activities (the rows of the plan's task table or its inline tasks): each expected row is paired
  with at most one parsed row, best content similarity first (rapidfuzz's Indel ratio, difflib's measure, on the normalised text).
  An expected row is *fully right* when its partner's
    - content is equal or at least 0.9 similar,
    - lead is equal,
    - coordinators are equal as a set (order does not count),
    - timeframe start and end are equal (ISO dates, or both null).
  Dated duties (``duties_with_time``: obligations with a deadline or a recurrence): an expected duty
  is found when a parsed duty's section starts with the expected section label path (so "III.2"
  accepts "III.2.-") and its text starts with ``text_starts`` / contains ``text_contains``; it is
  *fully right* when the duty's who (as a set), due (date and inclusive) and recurrence (every, and
  min_count / min_minutes where the label gives them) are equal. report_to is shown, not scored.
  Document score = (activities fully right + duties fully right) / (expected activities + duties).
  A document whose label has no activity and no duty (``scope`` false for both, e.g. a page whose
  stored copy holds only the opening) is scored on its header only and kept out of the overall.
  Header (informational): the share of kind, number, issued_on, issuer, title, year that are equal
  (title and issuer compared case-folded).
  Overall: micro average over all expected rows and duties of the scored documents (each format
  counted separately), and the macro average of the document scores. A document that fails to
  parse (DocumentError, a crash or the per-document time limit) scores 0 and shows why.
  Extra parsed rows are not penalised in the score; the "got" column shows how many rows came out.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz import fuzz  # noqa: E402

from kehoach.importing import parse_file  # noqa: E402

CORPUS = ROOT / "tests" / "importing" / "corpus"
DOCS = CORPUS / "docs"
FORMAT_DIRS = {"txt": DOCS, "docx": CORPUS / "docx", "pdf": CORPUS / "pdf"}
SIMILAR = 0.9
HEADER_FIELDS = ("kind", "number", "issued_on", "issuer", "title", "year")
_TONES = {
    "uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy",
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
}  # fmt: skip
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


class _Timeout(Exception):
    pass


def norm(text) -> str:
    """Normalised text for comparison (chuẩn hoá): NFC, folded spaces and case, one tone placement."""
    if text is None:
        return ""
    t = " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold().translate(_QUOTES)
    for old, new in _TONES.items():
        t = t.replace(old, new)
    return t.rstrip(" .,;:")


def similarity(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if a == b:
        return 1.0
    return (
        fuzz.ratio(a, b) / 100
    )  # rapidfuzz's Indel ratio: difflib's measure, in C, so 138x141 pairs stay fast


def _pair(expected: list[dict], got: list[dict]) -> list[tuple[dict, dict | None, float]]:
    """One parsed row per expected row, the most similar contents first (greedy, one-to-one)."""
    scored = []
    got_norm = [norm(g.get("content")) for g in got]
    for i, e in enumerate(expected):
        exp_norm = norm(e["content"])
        for j, g_norm in enumerate(got_norm):
            s = 1.0 if exp_norm == g_norm else fuzz.ratio(exp_norm, g_norm) / 100
            if s >= 0.5:
                scored.append((s, i, j))
    scored.sort(reverse=True)
    taken_e, taken_g, partner = set(), set(), {}
    for s, i, j in scored:
        if i in taken_e or j in taken_g:
            continue
        taken_e.add(i)
        taken_g.add(j)
        partner[i] = (got[j], s)
    return [(e, *partner.get(i, (None, 0.0))) for i, e in enumerate(expected)]


def activity_faults(exp: dict, got: dict | None, sim: float) -> list[str]:
    """Why a row is not fully right (empty when it is)."""
    if got is None:
        return ["missing"]
    faults = []
    if sim < SIMILAR:
        faults.append(f"content {sim:.2f}")
    if norm(exp["lead"]) != norm(got.get("lead")):
        faults.append(f"lead {got.get('lead')!r}")
    if {norm(c) for c in exp["coordinators"]} != {norm(c) for c in got.get("coordinators") or []}:
        faults.append(f"coordinators {got.get('coordinators')!r}")
    tf, gtf = exp["timeframe"], got.get("timeframe") or {}
    if (tf["start"], tf["end"]) != (gtf.get("start"), gtf.get("end")):
        faults.append(f"time {gtf.get('start')}..{gtf.get('end')} ({gtf.get('text')!r})")
    return faults


def _duty_text_matches(duty: dict, exp: dict) -> bool:
    if not str(duty.get("section") or "").startswith(exp["section"]):
        return False
    text = norm(duty.get("text"))
    if "text_starts" in exp and not text.startswith(norm(exp["text_starts"])):
        return False
    return "text_contains" not in exp or norm(exp["text_contains"]) in text


def _recurrence_equal(exp: list[dict], got: list[dict]) -> bool:
    if len(exp) != len(got):
        return False
    for e, g in zip(
        sorted(exp, key=lambda r: r["every"]), sorted(got, key=lambda r: r.get("every", "")), strict=True
    ):
        if any(g.get(k) != v for k, v in e.items()):
            return False
    return True


def duty_faults(exp: dict, duties: list[dict]) -> list[str]:
    found = [d for d in duties if _duty_text_matches(d, exp)]
    if not found:
        return ["missing"]
    best = []
    for d in found:
        faults = []
        if {norm(w) for w in exp["who"]} != {norm(w) for w in d.get("who") or []}:
            faults.append(f"who {d.get('who')!r}")
        if exp["due"] != d.get("due"):
            faults.append(f"due {d.get('due')}")
        if not _recurrence_equal(exp["recurrence"], d.get("recurrence") or []):
            faults.append(f"recurrence {d.get('recurrence')}")
        if not faults:
            return []
        if not best or len(faults) < len(best):
            best = faults
    return best


def header_score(exp: dict, got: dict) -> tuple[int, int, list[str]]:
    right, faults = 0, []
    for key in HEADER_FIELDS:
        if key not in exp:
            continue
        a, b = exp[key], got.get(key)
        same = a == b if key == "year" else norm(a) == norm(b)
        right += same
        if not same:
            faults.append(f"{key} {b!r}")
    return right, sum(k in exp for k in HEADER_FIELDS), faults


def _parse(path: Path, limit: float) -> tuple[dict | None, str | None, float]:
    def _alarm(*_):
        raise _Timeout

    old = signal.signal(signal.SIGALRM, _alarm) if hasattr(signal, "SIGALRM") else None
    start = time.perf_counter()
    try:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, limit)
        return parse_file(path), None, time.perf_counter() - start
    except _Timeout:
        return None, f"over {limit:g} s", time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - a scorer reports every failure as a zero, never stops
        return None, f"{type(exc).__name__}: {str(exc)[:80]}", time.perf_counter() - start
    finally:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def score_file(path: Path, expected: dict, limit: float = 20.0) -> dict:
    """Score one file against its label; the result is a plain dict (printed or dumped as JSON)."""
    plan, error, seconds = _parse(path, limit)
    scope = expected.get("scope", {"activities": True, "duties": True})
    exp_acts = expected.get("activities", []) if scope.get("activities") else []
    exp_duties = expected.get("duties_with_time", []) if scope.get("duties") else []
    result = {
        "file": path.name,
        "seconds": round(seconds, 3),
        "error": error,
        "expected_rows": len(exp_acts),
        "expected_duties": len(exp_duties),
        "scored": bool(scope.get("activities") or scope.get("duties")),
        "rows_right": 0,
        "duties_right": 0,
        "got_rows": 0,
        "header_right": 0,
        "header_total": sum(k in expected.get("document", {}) for k in HEADER_FIELDS),
        "faults": [],
    }
    if plan is None:
        result["faults"].append(f"not parsed: {error}")
        return result
    result["got_rows"] = len(plan.get("activities", []))
    for exp, got, sim in _pair(exp_acts, plan.get("activities", [])):
        faults = activity_faults(exp, got, sim)
        if faults:
            result["faults"].append(f"row {exp['no']}: " + "; ".join(faults))
        else:
            result["rows_right"] += 1
    for exp in exp_duties:
        faults = duty_faults(exp, plan.get("duties", []))
        label = exp.get("text_starts") or exp.get("text_contains")
        if faults:
            result["faults"].append(f"duty {exp['section']} {label[:40]!r}: " + "; ".join(faults))
        else:
            result["duties_right"] += 1
    right, _total, hfaults = header_score(expected.get("document", {}), plan.get("document", {}))
    result["header_right"] = right
    result["faults"] += [f"header {f}" for f in hfaults]
    return result


def doc_score(r: dict) -> float | None:
    total = r["expected_rows"] + r["expected_duties"]
    return (r["rows_right"] + r["duties_right"]) / total if total else None


def corpus_dirs(root: Path | None) -> dict[str, Path]:
    """Where each format lives: the repository's corpus, or another one (``--corpus DIR``: a corpus
    root with docs/, docx/, pdf/, or a flat directory of .txt and .expected.json files)."""
    if root is None:
        return FORMAT_DIRS
    docs = root / "docs" if (root / "docs").is_dir() else root
    return {"txt": docs, "docx": root / "docx", "pdf": root / "pdf"}


def labelled_files(
    formats: list[str], only: str | None = None, root: Path | None = None
) -> list[tuple[str, Path, dict]]:
    dirs = corpus_dirs(root)
    items = []
    for exp_path in sorted(dirs["txt"].glob("*.expected.json")):
        stem = exp_path.name.removesuffix(".expected.json")
        if only and not stem.startswith(only):
            continue
        try:
            expected = json.loads(exp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # a label being written: report it, go on
            print(f"! {exp_path.name}: {exc}", file=sys.stderr)
            continue
        for fmt in formats:
            path = dirs[fmt] / f"{stem}.{fmt}"
            if path.exists():
                items.append((fmt, path, expected))
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score kehoach.importing on the real plan corpus.")
    ap.add_argument("--doc", help="only documents whose name starts with this, e.g. 003")
    ap.add_argument("--verbose", "-v", action="store_true", help="show what is wrong in each document")
    ap.add_argument("--formats", default="txt,docx,pdf", help="comma list of txt, docx, pdf")
    ap.add_argument("--limit", type=float, default=20.0, help="seconds allowed per document")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--corpus", type=Path, help="another corpus directory (default: tests/importing/corpus)")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f in FORMAT_DIRS]
    started = time.perf_counter()
    results = [
        dict(score_file(path, exp, args.limit), format=fmt)
        for fmt, path, exp in labelled_files(formats, args.doc, args.corpus)
    ]
    scored = [r for r in results if r["scored"]]
    n_exp = sum(r["expected_rows"] + r["expected_duties"] for r in scored)
    n_right = sum(r["rows_right"] + r["duties_right"] for r in scored)
    per_doc = [doc_score(r) for r in scored if doc_score(r) is not None]
    summary = {
        "documents": len(results),
        "scored": len(scored),
        "overall_micro": round(n_right / n_exp, 4) if n_exp else None,
        "overall_macro": round(sum(per_doc) / len(per_doc), 4) if per_doc else None,
        "rows": [sum(r["rows_right"] for r in scored), sum(r["expected_rows"] for r in scored)],
        "duties": [sum(r["duties_right"] for r in scored), sum(r["expected_duties"] for r in scored)],
        "header": [sum(r["header_right"] for r in results), sum(r["header_total"] for r in results)],
        "seconds": round(time.perf_counter() - started, 2),
    }
    if args.json:
        print(json.dumps({"summary": summary, "results": results}, ensure_ascii=False, indent=1))
        return 0
    print(f"{'document':58} {'rows':>7} {'duties':>7} {'got':>4} {'header':>6} {'score':>6} {'sec':>6}")
    for r in results:
        s = doc_score(r)
        name = r["file"] if r["format"] == "txt" else f"{r['file']} "
        print(
            f"{name[:58]:58} {r['rows_right']:>3}/{r['expected_rows']:<3} {r['duties_right']:>3}/{r['expected_duties']:<3}"
            f" {r['got_rows']:>4} {r['header_right']:>2}/{r['header_total']:<3} "
            f"{f'{s:.2f}' if s is not None and r['scored'] else '  -  ':>6} {r['seconds']:>6.2f}"
            + (f"  ! {r['error']}" if r["error"] else "")
        )
        if args.verbose:
            for fault in r["faults"]:
                print(f"      - {fault}")
    print(
        f"\noverall (micro) {summary['overall_micro']}  macro {summary['overall_macro']}  "
        f"rows {summary['rows'][0]}/{summary['rows'][1]}  duties {summary['duties'][0]}/{summary['duties'][1]}  "
        f"header {summary['header'][0]}/{summary['header'][1]}  "
        f"[{summary['scored']} scored of {summary['documents']} files, {summary['seconds']} s]"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
