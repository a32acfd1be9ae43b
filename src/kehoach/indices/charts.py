"""A tiny server-rendered SVG line chart: no JavaScript, readable without colour (points are labelled)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from kehoach.core import formatting

PALETTE = ["#0b4f8a", "#b35900", "#1d6b34", "#7a1fa2", "#9b1c1c"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2"]


def _fmt(v) -> str:
    return formatting.number(Decimal(str(v)), 2)


def spread(series: list[tuple[str, list[tuple[int, float | Decimal]]]]) -> list:
    """Too many units for one line each (a province's communes, the country's provinces): the highest,
    the average and the lowest value of each year (cao nhất, trung bình, thấp nhất)."""
    by_year: dict[int, list[float]] = {}
    for _, pts in series:
        for x, y in pts:
            by_year.setdefault(x, []).append(float(y))
    years = sorted(by_year)
    n = len(series)
    return [
        (f"Cao nhất ({n} đơn vị)", [(x, max(by_year[x])) for x in years]),
        ("Trung bình", [(x, round(sum(by_year[x]) / len(by_year[x]), 2)) for x in years]),
        ("Thấp nhất", [(x, min(by_year[x])) for x in years]),
    ]


def line_chart(
    series: list[tuple[str, list[tuple[int, float | Decimal]]]],
    *,
    title: str,
    width: int = 520,
    height: int = 220,
) -> str:
    """SVG for ``[(label, [(year, value), ...]), ...]``; each line differs by dash as well as colour.

    Returns an empty string when there is nothing to draw (callers show their empty state).
    """
    if len(series) > len(PALETTE):
        series = spread(series)
    points = [(x, float(y)) for _, pts in series for x, y in pts]
    if not points:
        return ""
    xs = sorted({x for x, _ in points})
    lo = min(y for _, y in points)
    hi = max(y for _, y in points)
    pad = (hi - lo) * 0.15 or max(1.0, abs(hi) * 0.05)
    lo, hi = max(0.0, lo - pad), hi + pad
    left, right, top, bottom = 44, 16, 16, 28 + 18 * len(series)
    height = max(height, top + bottom + 120)  # the legend grows downwards, the plot keeps its room
    pw, ph = width - left - right, height - top - bottom

    def px(x) -> float:
        return left + (pw * (xs.index(x) / (len(xs) - 1)) if len(xs) > 1 else pw / 2)

    def py(y) -> float:
        return top + ph - (y - lo) / (hi - lo) * ph

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#8a939e"/>',
    ]
    for i in range(3):
        v = lo + (hi - lo) * i / 2
        y = py(v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#e3e6ea"/>')
        out.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#5b6470">{_fmt(v)}</text>'
        )
    for x in xs:
        out.append(
            f'<text x="{px(x):.1f}" y="{top + ph + 15}" font-size="11" text-anchor="middle" fill="#1b1f24">{x}</text>'
        )
    for n, (label, pts) in enumerate(series):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        pts = sorted(pts)
        coords = " ".join(f"{px(x):.1f},{py(float(y)):.1f}" for x, y in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(float(y)):.1f}" r="3" fill="{colour}"/>')
            out.append(
                f'<text x="{px(x):.1f}" y="{py(float(y)) - 6:.1f}" font-size="10" text-anchor="middle" fill="{colour}">{_fmt(y)}</text>'
            )
        ly = top + ph + 30 + 18 * n
        out.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 24}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        out.append(f'<text x="{left + 30}" y="{ly}" font-size="11" fill="#1b1f24">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
