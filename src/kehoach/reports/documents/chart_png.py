"""Biểu đồ dạng ảnh cho Word: the same horizontal bar chart as the SVG of the PDF, drawn with Pillow.

Word cannot show SVG, so the .docx gets a PNG drawn on the server. Bars carry a hatch pattern and
their value written at the end, and every label is written in full, so the chart reads in black and
white and without colour.
"""

from __future__ import annotations

import io
from pathlib import Path

from kehoach.core import formatting

FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
SCALE = 3  # pixels per point: 216 dpi, sharp when printed
INK, BAR, HATCH = (0, 0, 0), (205, 220, 240), (29, 95, 168)


def _font(size_pt: float):
    from PIL import ImageFont

    size = int(size_pt * SCALE)
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: float) -> list[str]:
    """Break a label into lines that fit ``width`` pixels (words are never cut)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines or [""]


def _hatch(draw, box: tuple[int, int, int, int], step: int) -> None:
    """Diagonal lines (45°) inside ``box``: the bar's pattern."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    for start in range(x0 - h, x1, step):
        # the segment from (start, y1) to (start + h, y0), clipped to [x0, x1]
        a, b = max(start, x0), min(start + h, x1)
        if a >= b:
            continue
        draw.line([(a, y1 - (a - start)), (b, y1 - (b - start))], fill=HATCH, width=max(1, SCALE // 2))


def bar_chart_png(items: list[tuple[str, float]], *, unit: str = "", width_pt: float = 450) -> bytes:
    """Horizontal bars, one per (label, value), as PNG bytes ``width_pt`` points wide at print size."""
    from PIL import Image, ImageDraw

    font = _font(10)
    width = int(width_pt * SCALE)
    label_w = int(width * 0.42)
    value_w = int(width * 0.14)
    plot_w = width - label_w - value_w - 10 * SCALE
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    line_h = int(12 * SCALE)
    rows = [_wrap(probe, label, font, label_w - 8 * SCALE) for label, _ in items] or [["Chưa có số liệu"]]
    heights = [max(len(r) * line_h, 16 * SCALE) + 6 * SCALE for r in rows]
    height = sum(heights) + 10 * SCALE
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    top = max((v for _, v in items), default=0) or 1
    axis_x = label_w
    y = 5 * SCALE
    for (label_lines, h), item in zip(zip(rows, heights, strict=True), items or [("", 0)], strict=False):
        text_y = y + (h - len(label_lines) * line_h) // 2
        for k, line in enumerate(label_lines):
            draw.text((axis_x - 6 * SCALE, text_y + k * line_h), line, font=font, fill=INK, anchor="ra")
        if items:
            value = item[1]
            bar_w = int(plot_w * value / top)
            box = (axis_x, y + 3 * SCALE, axis_x + bar_w, y + h - 3 * SCALE)
            if bar_w > 0:
                draw.rectangle(box, fill=BAR)
                _hatch(draw, box, 5 * SCALE)
                draw.rectangle(box, outline=INK, width=max(1, SCALE // 2))
            text = formatting.number(value, 1) + (f" {unit}" if unit else "")
            draw.text(
                (axis_x + bar_w + 4 * SCALE, (box[1] + box[3]) // 2), text, font=font, fill=INK, anchor="lm"
            )
        y += h
    draw.line([(axis_x, 3 * SCALE), (axis_x, y)], fill=INK, width=max(1, SCALE // 2))
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(72 * SCALE, 72 * SCALE), optimize=True)
    return out.getvalue()
