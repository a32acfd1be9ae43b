"""Word .docx: paragraphs and tables in body order, Word list numbering, merged cells.

Zip bombs are refused from the zip directory before anything is expanded.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..blocks import Block, Table
from ..errors import DocumentError
from ..limits import MAX_CELLS, MAX_DOCX_PARAGRAPHS, MAX_DOCX_XML, too_large
from .legacy import fix_legacy

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PPR = f"{_W}pPr"


def _check_zip(data: bytes) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DocumentError("Tệp .docx hỏng hoặc không phải .docx")
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise DocumentError("Tệp .docx bất thường (quá nhiều thành phần)")
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos)
        if total > MAX_UNCOMPRESSED or (total > 5 * 1024 * 1024 and total > MAX_RATIO * max(packed, 1)):
            raise DocumentError("Tệp .docx bất thường (nén quá mức)")
        for i in infos:
            if i.file_size > 2 * 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise DocumentError("Tệp .docx bất thường (nén quá mức)")
        if "word/document.xml" not in zf.namelist():
            raise DocumentError("Tệp .docx không có nội dung Word")
        _check_body(zf)


_TAG_STARTS = {b"<", b"<w", b"<w:", b"<w:p", b"<w:p/", b"<w:t", b"<w:tc"}


def _check_body(zf: zipfile.ZipFile) -> None:
    """Count paragraphs and table cells in word/document.xml, streaming it in 1 MB pieces, before
    python-docx builds its tree: a small file of a million empty paragraphs is refused here
    (the tree of such a file took gigabytes)."""
    if zf.getinfo("word/document.xml").file_size > MAX_DOCX_XML:
        raise too_large("nội dung Word quá lớn", "Word body too large")
    paragraphs = cells = 0
    tail = b""
    try:
        with zf.open("word/document.xml") as fh:
            while chunk := fh.read(1 << 20):
                piece = tail + chunk
                paragraphs += sum(piece.count(t) for t in (b"<w:p>", b"<w:p ", b"<w:p/>"))
                cells += piece.count(b"<w:tc>") + piece.count(b"<w:tc ")
                # a tag cut between two pieces: keep its unfinished start for the next piece
                cut = piece.rfind(b"<", max(0, len(piece) - 6))
                tail = piece[cut:] if cut >= 0 and piece[cut:] in _TAG_STARTS else b""
                if paragraphs > MAX_DOCX_PARAGRAPHS:
                    raise too_large("quá nhiều đoạn văn", "too many paragraphs")
                if cells > MAX_CELLS:
                    raise too_large("quá nhiều ô bảng", "too many table cells")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        raise DocumentError("Tệp .docx hỏng hoặc không phải .docx")


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= v:
            out, n = out + s, n - v
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # what Word shows for lowerLetter lists (no "đ")


def _fmt(n: int, kind: str) -> str:
    if kind == "lowerLetter":
        return _LETTERS[(n - 1) % len(_LETTERS)]
    if kind == "upperLetter":
        return _LETTERS[(n - 1) % len(_LETTERS)].upper()
    if kind == "upperRoman":
        return _roman(n)
    if kind == "lowerRoman":
        return _roman(n).lower()
    return str(n)


class _Numbering:
    """Renders Word's automatic list labels ("1.", "a)", "-") that are not in the paragraph text."""

    def __init__(self, root, styles_root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = {}
        if root is None:  # no numbering part
            return
        abstract = {}
        for an in root.findall(f"{_W}abstractNum"):
            lv = {}
            for lvl in an.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lv[ilvl] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[an.get(f"{_W}abstractNumId")] = lv
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            based: dict[str, str] = {}
            for st in styles_root.findall(f"{_W}style") if styles_root is not None else ():
                sid = st.get(f"{_W}styleId")
                b = st.find(f"{_W}basedOn")
                if b is not None:
                    based[sid] = b.get(f"{_W}val")
                numpr = st.find(f"{_W}pPr/{_W}numPr")
                if numpr is not None:
                    nid = numpr.find(f"{_W}numId")
                    ilv = numpr.find(f"{_W}ilvl")
                    if nid is not None:
                        self.styles[sid] = (
                            nid.get(f"{_W}val"),
                            int(ilv.get(f"{_W}val", "0")) if ilv is not None else 0,
                        )
            for sid in list(based):  # a style based on a numbered style is numbered too
                seen, cur = set(), sid
                while cur in based and cur not in self.styles and cur not in seen:
                    seen.add(cur)
                    cur = based[cur]
                if cur in self.styles and sid not in self.styles:
                    self.styles[sid] = self.styles[cur]
        except Exception:  # styles are a nicety; plain text still reads
            self.styles = {}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def label(self, p) -> str:
        if not self.levels or not len(p):
            return ""
        ppr = p[0] if p[0].tag == _PPR else None  # pPr comes first when present (schema order)
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is not None:
            nid = numpr.find(f"{_W}numId")
            ilv = numpr.find(f"{_W}ilvl")
            num_id = nid.get(f"{_W}val") if nid is not None else None
            ilvl = int(ilv.get(f"{_W}val", "0")) if ilv is not None else 0
        else:
            ps = ppr.find(f"{_W}pStyle") if ppr is not None else None
            if ps is None or ps.get(f"{_W}val") not in self.styles:
                return ""
            num_id, ilvl = self.styles[ps.get(f"{_W}val")]
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        fmt, text, _start = levels[ilvl]
        if fmt == "bullet" or fmt == "none":
            return "+" if text.strip() == "+" else ("-" if fmt == "bullet" else "")
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def repl(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            kind = levels.get(lvl, ("decimal", "", 1))[0]
            return _fmt(counters.get(lvl, levels.get(lvl, ("", "", 1))[2]), kind)

        return re.sub(r"%(\d)", repl, text)


def _para_text(p) -> str:
    if not len(p):  # an empty paragraph (no runs): the common case of padded files, kept cheap
        return ""
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _table(tbl, numbering: _Numbering) -> Table:
    rows = []
    for tr in tbl.findall(f"{_W}tr"):
        cells: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                span = int(gs.get(f"{_W}val", "1")) if gs is not None else 1
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val", "continue")
            paras = []
            for p in tc.iter(f"{_W}p"):
                label = numbering.label(p)
                t = _para_text(p).strip()
                if t:
                    paras.append(f"{label} {t}".strip() if label else t)
            text = "\n".join(paras)
            col = len(cells)
            if vmerge == "continue" and rows and col < len(rows[-1]):
                text = rows[-1][col]  # vertically merged cell: same content as the cell above
            cells.append(text)
            cells.extend([""] * (min(span, 64) - 1))  # horizontal span: one cell, then blanks
        rows.append(cells)
    return Table(rows)


_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _xml(zf: zipfile.ZipFile, name: str):
    """Parse one part with plain lxml (no entities, no network). python-docx's element classes made
    walking a long body several times slower, and the CLI start heavier."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    return etree.fromstring(zf.read(name), parser)


def _parts(zf: zipfile.ZipFile) -> tuple:
    """(document, numbering, styles) roots; the last two None when the file has none."""
    names = set(zf.namelist())
    targets = {"numbering": "word/numbering.xml", "styles": "word/styles.xml"}
    if "word/_rels/document.xml.rels" in names:
        for rel in _xml(zf, "word/_rels/document.xml.rels").iter(_REL):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if kind in targets and not rel.get("TargetMode") and target:
                targets[kind] = target.lstrip("/") if target.startswith("/") else f"word/{target}"
    doc = _xml(zf, "word/document.xml")
    numbering = _xml(zf, targets["numbering"]) if targets["numbering"] in names else None
    styles = _xml(zf, targets["styles"]) if targets["styles"] in names else None
    return doc, numbering, styles


def read_docx(data: bytes) -> list[Block]:
    _check_zip(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            document, numbering_root, styles_root = _parts(zf)
        body = document.find(f"{_W}body")
        if body is None:
            raise ValueError("no body")
    except DocumentError:
        raise
    except Exception:
        raise DocumentError("Không đọc được tệp .docx")
    numbering = _Numbering(numbering_root, styles_root)
    blocks: list[Block] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                label = numbering.label(child)
                text = _para_text(child)
                for i, line in enumerate(text.split("\n")):
                    blocks.append(f"{label} {line.strip()}".strip() if label and i == 0 else line)
            elif child.tag == f"{_W}tbl":
                blocks.append(_table(child, numbering))
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    walk(content)

    walk(body)
    sample = "\n".join(b for b in blocks if isinstance(b, str))
    if fix_legacy(sample[:20000]) != sample[:20000]:  # a document typed in .VnTime / VNI fonts
        blocks = [
            fix_legacy(b) if isinstance(b, str) else Table([[fix_legacy(c) for c in r] for r in b.rows])
            for b in blocks
        ]
    return blocks
