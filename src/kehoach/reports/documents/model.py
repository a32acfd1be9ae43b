"""A small document model: what a document says, not how it looks.

Blocks are paragraphs, headings, tables and charts; the Decree 30 header and closing are
structured fields so that both renderers lay them out the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    """A part ("I. KẾT QUẢ ...", level 1, upper case bold) or an item ("1. ...", level 2, bold)."""

    text: str
    level: int = 1


@dataclass
class Para:
    """A body paragraph: justified with a first-line indent, unless ``align`` says otherwise."""

    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | center | left | right
    indent: bool = True


@dataclass
class Table:
    """A statistics table. ``numeric`` lists the columns to right-align; ``total`` is a bold last row."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative widths
    numeric: set[int] = field(default_factory=set)
    total: list[str] | None = None
    caption: str = ""
    font_size: float = 12


@dataclass
class Chart:
    """A chart beside its table: SVG in the PDF, a PNG of the same bars in the .docx."""

    svg: str
    caption: str = ""
    #: The bars again, for Word (it cannot draw SVG): drawn as a PNG picture (``chart_png``).
    bars: list[tuple[str, float]] = field(default_factory=list)
    unit: str = ""


@dataclass
class Header:
    """Phần đầu văn bản (Decree 30): issuer on the left, Quốc hiệu and Tiêu ngữ on the right."""

    superior: str  # "" when the issuer has no superior line, e.g. "ỦY BAN NHÂN DÂN" of a district
    issuer: str  # "HUYỆN NINH PHƯỚC"
    number: str  # "Số: 05/BC-UBND"
    place_date: str  # "Ninh Phước, ngày 05 tháng 7 năm 2021"
    doc_type: str = ""  # "BÁO CÁO", "KẾ HOẠCH"; empty for an official letter (công văn)
    summary: str = ""  # trích yếu
    subject_line: str = ""  # "V/v ..." under the number, for official letters


@dataclass
class Closing:
    """Signature block and "Nơi nhận"."""

    authority: str  # "KT. CHỦ TỊCH"
    position: str  # "PHÓ CHỦ TỊCH"
    signer: str
    recipients: list[str]


@dataclass
class Annex:
    """Phụ lục: its own page, landscape when the table is wide."""

    title: str
    subtitle: str
    note: str  # "(Kèm theo Báo cáo số ...)", italic
    blocks: list = field(default_factory=list)
    landscape: bool = False


@dataclass
class Document:
    header: Header
    body: list
    closing: Closing
    annexes: list[Annex] = field(default_factory=list)
    addressee: str = ""  # "Kính gửi: ..." for official letters
    filename: str = "van-ban"
