"""A document checker for the Decree 30 rules the app's documents follow (python-docx, pdfplumber).

``check_docx(content, kind)`` and ``check_pdf(content, kind)`` return a list of problems in plain
words (empty when the document passes). ``kind`` is report, plan or urging.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = re.compile(r"^[^\W\d][\w ]+, ngày\s+(\d{2}\s+)?tháng\s+(\d{1,2}\s+)?năm \d{4}$")
NUMBER = re.compile(r"^Số:\s*(\d{2,})?\s*/[\wĐ-]+$")
RAW_CODE = re.compile(r"\b\d{4}-(?:W\d{2}|H[12]|Q[1-4])\b|\b[a-z]+_[a-z_]+\b")
ENGLISH = re.compile(
    r"\b(?:None|null|True|False|the|and|report|draft|pending|submitted|returned|overdue|status|unit)\b"
)
SHORT_MONEY = re.compile(r"\d\s*đ(?!\w)")
ABBREVIATIONS = {"CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính"}
PART_HEADING = re.compile(r"^[IVX]+\. [^a-zà-ỹ]+$")


def text_problems(text: str, kind: str) -> list[str]:
    """No raw codes, no English, no "None"; amounts in "đồng"; abbreviations spelled out at first use."""
    out = []
    for pattern, what in (
        (RAW_CODE, "mã thô"),
        (ENGLISH, "chữ tiếng Anh"),
        (SHORT_MONEY, "số tiền viết tắt 'đ'"),
    ):
        m = pattern.search(text)
        if m:
            out.append(f"{what}: {m.group(0)!r} trong “…{text[max(0, m.start() - 40) : m.end() + 20]}…”")
    if kind != "plan":  # the plan is reproduced as signed, abbreviations and all
        flat = re.sub(r"\s+", " ", text)
        for short, long in ABBREVIATIONS.items():
            i = flat.find(short)
            if i >= 0 and not flat[:i].rstrip(" (").lower().endswith(long):
                out.append(f"{short} chưa được viết đầy đủ ở lần dùng đầu tiên")
    return out


def _texts(doc) -> list[str]:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return parts


def check_docx(content: bytes, kind: str) -> list[str]:
    doc = Document(io.BytesIO(content))
    out: list[str] = []
    for i, s in enumerate(doc.sections):
        w, h = sorted([s.page_width, s.page_height])
        if abs(w - Mm(210)) > Mm(1) or abs(h - Mm(297)) > Mm(1):
            out.append(f"mục {i + 1}: khổ giấy không phải A4")
        if not (Mm(30) - Mm(0.5) <= s.left_margin <= Mm(35) and Mm(15) <= s.right_margin <= Mm(20)):
            out.append(f"mục {i + 1}: lề trái/phải ngoài 30–35 mm / 15–20 mm")
        if not (Mm(20) - Mm(0.5) <= s.top_margin <= Mm(25) and Mm(20) - Mm(0.5) <= s.bottom_margin <= Mm(25)):
            out.append(f"mục {i + 1}: lề trên/dưới ngoài 20–25 mm")
    if doc.styles["Normal"].font.name != "Times New Roman":
        out.append("phông chữ mặc định không phải Times New Roman")
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()} - {None}
    if fonts - {"Times New Roman"}:
        out.append(f"phông chữ khác: {fonts}")
    head = [c.text for c in doc.tables[0].rows[0].cells] if doc.tables else ["", ""]
    lines = [ln.strip() for cell in head for ln in cell.split("\n") if ln.strip()]
    if QUOC_HIEU not in lines or TIEU_NGU not in lines:
        out.append("thiếu Quốc hiệu hoặc Tiêu ngữ")
    if not any(NUMBER.match(ln) for ln in lines):
        out.append(f"dòng số, ký hiệu sai: {[ln for ln in lines if ln.startswith('Số')]}")
    if not any(PLACE_DATE.match(ln) for ln in lines):
        out.append("dòng địa danh, ngày tháng sai")
    closing = next((t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")), None)
    if closing is None:
        out.append("thiếu Nơi nhận")
    else:
        entries = [p.text for p in closing.rows[0].cells[0].paragraphs[1:] if p.text.strip()]
        if (
            not entries
            or not entries[-1].startswith("- Lưu")
            or not all(e.endswith(";") for e in entries[:-1])
        ):
            out.append(f"Nơi nhận không đúng thể thức: {entries}")
        if closing.rows[0]._tr.trPr is None or closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is None:
            out.append("khối chữ ký có thể bị tách trang")
    # Headings are kept with the next paragraph.
    for p in doc.paragraphs:
        if PART_HEADING.match(p.text.strip()) and not p.paragraph_format.keep_with_next:
            out.append(f"đề mục không 'giữ với đoạn sau': {p.text[:40]!r}")
    # Statistics tables: rows never split, header row repeated and centred.
    for t in doc.tables[1:]:
        if t is closing or len(t.columns) < 3:
            continue
        first = t.rows[0]._tr.trPr
        if first is None or first.find(qn("w:tblHeader")) is None:
            out.append(f"bảng “{t.rows[0].cells[1].text}”: không lặp dòng tiêu đề")
        if any(r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in t.rows):
            out.append(f"bảng “{t.rows[0].cells[1].text}”: có dòng bị tách trang")
        if any(p.alignment != WD_ALIGN_PARAGRAPH.CENTER for c in t.rows[0].cells for p in c.paragraphs):
            out.append(f"bảng “{t.rows[0].cells[1].text}”: tiêu đề cột không căn giữa")
    # "Kính gửi:" with several addressees: one per line, "- …;" and the last with ".".
    texts = [p.text for p in doc.paragraphs]
    if kind == "urging":
        if "Kính gửi:" in texts:
            i = texts.index("Kính gửi:")
            names = []
            for t in texts[i + 1 :]:
                if not t.startswith("- "):
                    break
                names.append(t)
            if not names or not all(n.endswith(";") for n in names[:-1]) or not names[-1].endswith("."):
                out.append("Kính gửi: không mỗi nơi một dòng “- …;”")
        elif not any(t.startswith("Kính gửi:") for t in texts):
            out.append("thiếu Kính gửi")
    # No trailing blank page: no page break at the end, the last paragraph is not a lone page.
    tail = doc.element.body.xpath("./w:p[last()]")
    if tail and tail[0].xpath(".//w:br[@w:type='page']"):
        out.append("trang trắng ở cuối")
    out += text_problems("\n".join(_texts(doc)), kind)
    return out


def check_pdf(content: bytes, kind: str) -> list[str]:
    import pdfplumber

    out: list[str] = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
        for i, p in enumerate(pdf.pages):
            w, h = sorted([p.width, p.height])
            if abs(w - 595.3) > 3 or abs(h - 841.9) > 3:
                out.append(f"trang {i + 1}: khổ giấy không phải A4")
            words = [ln for ln in pages[i].split("\n") if ln.strip() and not ln.strip().isdigit()]
            if len(words) < 2:
                out.append(f"trang {i + 1}: trang trắng")
            fonts = {c["fontname"].split("+")[-1] for c in p.chars}
            if any(not re.search(r"Times|Liberation|Tinos|Serif", f) for f in fonts):
                out.append(f"trang {i + 1}: phông chữ {fonts}")
            lines = [ln.strip() for ln in pages[i].split("\n") if ln.strip()]
            if lines and PART_HEADING.match(lines[-1]):
                out.append(f"trang {i + 1}: đề mục nằm cuối trang: {lines[-1]!r}")
        if pages and pages[0].split("\n")[0].strip().isdigit():
            out.append("trang 1 có số trang")
        signer_pages = [i for i, t in enumerate(pages) if "Nơi nhận:" in t]
        if not signer_pages:
            out.append("thiếu Nơi nhận")
        else:
            page = pages[signer_pages[0]]
            body_lines = page.split("Nơi nhận:")[0].strip().split("\n")
            if len([ln for ln in body_lines if ln.strip() and not ln.strip().isdigit()]) < 1:
                out.append("khối chữ ký đứng một mình trên trang")
            if "CHỦ TỊCH" not in page:
                out.append("thẩm quyền ký không cùng trang với Nơi nhận")
        text = "\n".join(pages)
        if QUOC_HIEU not in text or TIEU_NGU not in text:
            out.append("thiếu Quốc hiệu hoặc Tiêu ngữ")
    out += text_problems(re.sub(r"-\n", "-", text), kind)
    return out
