"""``kehoach import-plan FILE [--json] [--year YYYY]`` (no Django, no database)."""

from __future__ import annotations

import argparse
import json
import sys


class _ArgError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise _ArgError(message)


def _summary(plan: dict) -> str:
    d = plan["document"]
    out = [f"{d['kind']} {d['number'] or '(không số)'}" + (f" ngày {d['issued_on']}" if d["issued_on"] else "")]
    out.append(f"Trích yếu: {d['title'] or '(không rõ)'}")
    out.append(f"Cơ quan ban hành: {d['issuer'] or '(không rõ)'}   Năm: {d['year'] or '(không rõ)'}")
    if d["signer"]:
        s = d["signer"]
        out.append("Người ký: " + " – ".join(x for x in (s.get("authority"), s.get("position"), s.get("name")) if x))
    out.append(f"Căn cứ: {len(d['bases'])}   Nơi nhận: {len(d['recipients'])}")
    out.append(f"\nHoạt động ({len(plan['activities'])}):")
    for a in plan["activities"]:
        tf = a["timeframe"]
        when = tf["text"] or ""
        out.append(f"  {a['no']}. {a['content']}")
        out.append(f"     chủ trì: {a.get('lead_unit') or a['lead'] or '-'}; phối hợp: {'; '.join(a['coordinators']) or '-'}")
        out.append(f"     thời gian: {when} ({tf['start'] or '?'} → {tf['end'] or '?'}{', thường xuyên' if tf['regular'] else ''})")
    out.append(f"\nNhiệm vụ ({len(plan['duties'])}):")
    for du in plan["duties"]:
        extra = []
        if du["due"]:
            extra.append(("trước " if not du["due"]["inclusive"] else "hạn ") + du["due"]["date"])
        if du["recurrence"]:
            extra.append("định kỳ " + ", ".join(r["every"] for r in du["recurrence"]))
        if du["report_to"]:
            extra.append("gửi " + du["report_to"])
        text = du["text"] if len(du["text"]) <= 90 else du["text"][:87] + "..."
        out.append(f"  [{du['section']}] {', '.join(du['who']) or '-'}: {text}" + (f" ({'; '.join(extra)})" if extra else ""))
    out.append(f"\nĐơn vị ({len(plan['units'])}):")
    for u in plan["units"]:
        out.append(f"  {u['name']}" + (f"  (cũng viết: {'; '.join(u['aliases'])})" if u["aliases"] else ""))
    for w in plan.get("warnings", []):
        out.append(f"Cảnh báo: {w}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Entry point used by the ``kehoach`` console script. Returns the exit code."""
    parser = _Parser(prog="kehoach import-plan", add_help=True)
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true", help="print the schema object")
    parser.add_argument("--year", type=int, help="plan year when the document does not say")
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.year is not None and not 1900 <= args.year <= 2200:
            raise _ArgError("--year must be a year such as 2025")
    except _ArgError as exc:
        print(f"kehoach import-plan: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    from . import DocumentError, parse_file

    try:
        plan = parse_file(args.file, year=args.year)
    except DocumentError as exc:
        print(f"kehoach import-plan: {exc}", file=sys.stderr)
        return 2
    try:
        if args.json:
            sys.stdout.write(json.dumps(plan, ensure_ascii=False, indent=1) + "\n")
        else:
            sys.stdout.write(_summary(plan) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
