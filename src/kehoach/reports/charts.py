"""Charts drawn on the server as SVG strings (biểu đồ): no JavaScript, no CDN.

Each function returns one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` for screen
readers; pages and the PDF print the same numbers in a table right after the chart. The same
strings go into the dashboard and the compiled report.
"""

from __future__ import annotations

import hashlib
from html import escape

from kehoach.core import formatting
from kehoach.rules.periods import period_name

PALETTE = ["#1d5fa8", "#2e7d32", "#c77700", "#b3261e", "#6a4c93", "#00838f", "#5d6b7a", "#8d6e63"]
OK, BAD, NONE = "#2e7d32", "#b3261e", "#c9ced6"
FONT = 'font-family="Arial, Liberation Sans, sans-serif"'


def _num(v: float) -> str:
    """Vietnamese number: "1.234", "12,5"."""
    return formatting.number(v, 1)


def _open(width: int, height: int, title: str, desc: str, uid: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" {FONT} font-size="11">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )


def _uid(title: str) -> str:
    """A stable id (same input, same SVG) so that pages and documents can be compared byte for byte."""
    return "c" + hashlib.md5(title.encode(), usedforsecurity=False).hexdigest()[:8]


#: Usual abbreviations of unit names (the full name stays in the tooltip and the table beside the chart):
#: nine communes cut to "Ủy ban nhân dân xã Phướ…" could not be told apart.
ABBREVIATIONS = [
    ("Ủy ban nhân dân thị trấn ", "UBND TT "),
    ("Ủy ban nhân dân phường ", "UBND P. "),
    ("Ủy ban nhân dân xã ", "UBND xã "),
    ("Ủy ban nhân dân ", "UBND "),
    ("Trung tâm ", "TT "),
]


def _short(label: str, n: int = 18) -> str:
    if len(label) > n:
        for long, short in ABBREVIATIONS:
            if label.startswith(long):
                label = short + label[len(long) :]
                break
    return label if len(label) <= n else label[: n - 1] + "…"


def _label(label: str, n: int) -> str:
    """The shortened label, with the full name as its tooltip when it had to be shortened."""
    short = _short(label, n)
    if short == label:
        return escape(label)
    return f"<title>{escape(label)}</title>{escape(short)}"


def bar_chart(
    items: list[tuple[str, float]],
    *,
    title: str,
    desc: str = "",
    width: int = 520,
    unit: str = "",
    left: int = 150,
    label_chars: int = 24,
    hatched: bool = False,
) -> str:
    """Horizontal bars, one per (label, value); the value is written at the end of each bar.

    Documents ask for full labels (a wide ``left`` and ``label_chars``) and ``hatched`` bars, so the
    printed chart reads in black and white.
    """
    uid = _uid(title + "bar")
    row, right = 22, 50
    height = max(len(items), 1) * row + 10
    top = max((v for _, v in items), default=0) or 1
    scale = (width - left - right) / top
    desc = desc or "; ".join(f"{label}: {_num(v)}{unit}" for label, v in items) or "Không có số liệu"
    out = [_open(width, height, title, desc, uid)]
    fill = PALETTE[0]
    if hatched:
        out.append(
            f'<defs><pattern id="{uid}-h" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#cddcf0"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{PALETTE[0]}" stroke-width="2"/></pattern></defs>'
        )
        fill = f'url(#{uid}-h)" stroke="#000" stroke-width="0.8'
    if not items:
        out.append(f'<text x="10" y="20">{escape("Chưa có số liệu")}</text>')
    for i, (label, v) in enumerate(items):
        y = 5 + i * row
        w = max(v * scale, 0)
        out.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{_label(label, label_chars)}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" fill="{fill}"/>')
        out.append(f'<text x="{left + w + 4:.1f}" y="{y + 14}">{_num(v)}{escape(unit)}</text>')
    out.append("</svg>")
    return "".join(out)


def stacked_bar_chart(
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    title: str,
    desc: str = "",
    width: int = 520,
    colors: list[str] | None = None,
) -> str:
    """Vertical stacked bars: one bar per category, one segment per series, with a legend."""
    uid = _uid(title + "stack")
    colors = colors or PALETTE
    height, left, bottom, top_pad = 230, 34, 40, 10
    legend_h = 16 * ((len(series) + 2) // 3)
    totals = [sum(s[1][i] for s in series) for i in range(len(categories))]
    top = max(totals, default=0) or 1
    plot_h = height - bottom - top_pad
    slot = (width - left - 10) / max(len(categories), 1)
    desc = desc or "; ".join(
        f"{c}: " + ", ".join(f"{name} {_num(vals[i])}" for name, vals in series)
        for i, c in enumerate(categories)
    )
    out = [_open(width, height + legend_h, title, desc, uid)]
    out.append(
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 5}" y2="{top_pad + plot_h}" stroke="#555"/>'
    )
    out.append(f'<text x="{left - 4}" y="{top_pad + 8}" text-anchor="end">{_num(top)}</text>')
    out.append(f'<text x="{left - 4}" y="{top_pad + plot_h}" text-anchor="end">0</text>')
    for i, cat in enumerate(categories):
        x = left + i * slot + slot * 0.15
        y = top_pad + plot_h
        for k, (_name, vals) in enumerate(series):
            h = vals[i] / top * plot_h
            if h > 0:
                y -= h
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{colors[k % len(colors)]}"/>'
                )
        if totals[i]:
            out.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" text-anchor="middle">{_num(totals[i])}</text>'
            )
        out.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{top_pad + plot_h + 14}" text-anchor="middle">{_label(cat, 12)}</text>'
        )
    for k, (name, _vals) in enumerate(series):
        lx = 10 + (k % 3) * (width // 3)
        ly = height + 16 * (k // 3) - 12
        out.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colors[k % len(colors)]}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly + 9}">{_label(name, 30)}</text>')
    out.append("</svg>")
    return "".join(out)


def line_chart(
    x_labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    title: str,
    desc: str = "",
    width: int = 520,
) -> str:
    """Lines over ordered labels (months, years); ``None`` leaves a gap."""
    uid = _uid(title + "line")
    height, left, bottom, top_pad = 200, 40, 30, 12
    values = [v for _, vals in series for v in vals if v is not None]
    top = max(values, default=0) or 1
    plot_h = height - bottom - top_pad
    step = (width - left - 20) / max(len(x_labels) - 1, 1)
    legend_h = 16 * len(series)
    desc = desc or "; ".join(
        f"{name}: " + ", ".join(f"{x_labels[i]} {_num(v)}" for i, v in enumerate(vals) if v is not None)
        for name, vals in series
    )
    out = [_open(width, height + legend_h, title, desc, uid)]
    out.append(
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 10}" y2="{top_pad + plot_h}" stroke="#555"/>'
    )
    out.append(f'<text x="{left - 4}" y="{top_pad + 8}" text-anchor="end">{_num(top)}</text>')
    for i, label in enumerate(x_labels):
        out.append(
            f'<text x="{left + i * step:.1f}" y="{height - 12}" text-anchor="middle">{escape(_short(label, 8))}</text>'
        )
    for k, (name, vals) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        pts = [
            (left + i * step, top_pad + plot_h - v / top * plot_h)
            for i, v in enumerate(vals)
            if v is not None
        ]
        if len(pts) > 1:
            out.append(
                f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}"/>'
            )
        for x, y in pts:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>')
        out.append(f'<rect x="10" y="{height + 16 * k - 4}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="24" y="{height + 16 * k + 5}">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def _week_name(code) -> str:
    """ "2021-W04" as people say it: "Tuần 04 (25/01–31/01/2021)"."""
    return period_name(str(code or ""))


def week_strip(weeks: list[dict], *, title: str, desc: str = "", width: int = 640) -> str:
    """One cell per ISO week: green = compliant, red = not, with a tick or cross so colour is not alone."""
    uid = _uid(title + "weeks")
    per_row = 18
    cell = (width - 20) / per_row
    rows = (len(weeks) + per_row - 1) // per_row or 1
    height = rows * (cell + 16) + 26
    ok = sum(1 for w in weeks if w.get("compliant"))
    desc = desc or f"{ok}/{len(weeks)} tuần đạt yêu cầu"
    out = [_open(int(width), int(height), title, desc, uid)]
    for i, w in enumerate(weeks):
        r, c = divmod(i, per_row)
        x, y = 10 + c * cell, 4 + r * (cell + 16)
        color = OK if w.get("compliant") else (BAD if w.get("judged", True) else NONE)
        mark = "✓" if w.get("compliant") else "✗"
        label = str(w.get("week", ""))[-2:]
        tip = f"{_week_name(w.get('week'))}: {w.get('count', 0)} lượt đạt, {w.get('minutes', 0)} phút" + (
            f" — {w['reason']}" if w.get("reason") else ""
        )
        out.append(
            f'<g><title>{escape(tip)}</title><rect x="{x:.1f}" y="{y:.1f}" width="{cell - 2:.1f}" height="{cell - 2:.1f}" fill="{color}" rx="2"/>'
        )
        out.append(
            f'<text x="{x + cell / 2 - 1:.1f}" y="{y + cell / 2 + 3:.1f}" text-anchor="middle" fill="#fff" font-size="11">{mark}</text></g>'
        )
        out.append(
            f'<text x="{x + cell / 2 - 1:.1f}" y="{y + cell + 10:.1f}" text-anchor="middle" font-size="8">{escape(label)}</text>'
        )
    ly = height - 10
    out.append(
        f'<rect x="10" y="{ly - 9}" width="10" height="10" fill="{OK}"/><text x="24" y="{ly}">Đạt (✓)</text>'
    )
    out.append(
        f'<rect x="90" y="{ly - 9}" width="10" height="10" fill="{BAD}"/><text x="104" y="{ly}">Không đạt (✗)</text>'
    )
    out.append("</svg>")
    return "".join(out)
