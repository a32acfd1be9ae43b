"""``kehoach import-plan FILE [--json] [--year YYYY]`` (no Django, no database)."""

from __future__ import annotations

import json
import sys

USAGE = "usage: kehoach import-plan FILE [--json] [--year YYYY]"


class _ArgError(Exception):
    pass


def _parse_args(argv: list[str]) -> tuple[str, bool, int | None]:
    """FILE [--json] [--year YYYY] (argparse is not used: it costs start-up time and prints usage blocks)."""
    path, as_json, year = None, False, None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--json":
            as_json = True
        elif a == "--year" or a.startswith("--year="):
            value = a.split("=", 1)[1] if "=" in a else (argv[i + 1] if i + 1 < len(argv) else None)
            i += 0 if "=" in a else 1
            if value is None or not value.isdigit() or not 1900 <= int(value) <= 2200:
                raise _ArgError("--year needs a year such as 2025")
            year = int(value)
        elif a == "--":
            if i + 1 < len(argv) and path is None:
                path = argv[i + 1]
            i += 1
        elif a.startswith("-") and a != "-":
            raise _ArgError(f"unknown option {a}")
        elif path is None:
            path = a
        else:
            raise _ArgError(f"unexpected argument {a}")
        i += 1
    if path is None:
        raise _ArgError("missing FILE")
    return path, as_json, year


def _summary(plan: dict) -> str:
    d = plan["document"]
    out = [
        f"{d['kind']} {d['number'] or '(không số)'}" + (f" ngày {d['issued_on']}" if d["issued_on"] else "")
    ]
    out.append(f"Trích yếu: {d['title'] or '(không rõ)'}")
    out.append(f"Cơ quan ban hành: {d['issuer'] or '(không rõ)'}   Năm: {d['year'] or '(không rõ)'}")
    if d["signer"]:
        s = d["signer"]
        out.append(
            "Người ký: " + " – ".join(x for x in (s.get("authority"), s.get("position"), s.get("name")) if x)
        )
    out.append(f"Căn cứ: {len(d['bases'])}   Nơi nhận: {len(d['recipients'])}")
    out.append(f"\nHoạt động ({len(plan['activities'])}):")
    for a in plan["activities"]:
        tf = a["timeframe"]
        when = tf["text"] or ""
        out.append(f"  {a['no']}. {a['content']}")
        out.append(
            f"     chủ trì: {a.get('lead_unit') or a['lead'] or '-'}; phối hợp: {'; '.join(a['coordinators']) or '-'}"
        )
        out.append(
            f"     thời gian: {when} ({tf['start'] or '?'} → {tf['end'] or '?'}{', thường xuyên' if tf['regular'] else ''})"
        )
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
        out.append(
            f"  [{du['section']}] {', '.join(du['who']) or '-'}: {text}"
            + (f" ({'; '.join(extra)})" if extra else "")
        )
    out.append(f"\nĐơn vị ({len(plan['units'])}):")
    for u in plan["units"]:
        out.append(f"  {u['name']}" + (f"  (cũng viết: {'; '.join(u['aliases'])})" if u["aliases"] else ""))
    for w in plan.get("warnings", []):
        out.append(f"Cảnh báo: {w}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Entry point used by the ``kehoach`` console script. Returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    try:
        path, as_json, year = _parse_args(args)
    except _ArgError as exc:
        print(f"kehoach import-plan: error: {exc} ({USAGE})", file=sys.stderr)
        return 2
    from . import DocumentError, parse_file

    try:
        plan = parse_file(path, year=year)
    except DocumentError as exc:
        print(f"kehoach import-plan: {exc}", file=sys.stderr)
        return 2
    try:
        if as_json:
            sys.stdout.write(json.dumps(plan, ensure_ascii=False, indent=1) + "\n")
        else:
            sys.stdout.write(_summary(plan) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
