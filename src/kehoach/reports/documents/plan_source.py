"""The imported plan's own words (văn bản gốc): its body and Nơi nhận, as signed, for the export.

Pure text handling: the stored source text is cut at the title and at "Nơi nhận", its paragraphs
re-joined where the extraction broke a sentence, and the reader's stray marks (``*Abz*``) dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARK = re.compile(r"\s*\*[A-Za-z0-9]{1,4}\*")  # marks a text extraction leaves: "*Abz*", "*mm*"
_BOLD = re.compile(r"\*\*")
_PART = re.compile(r"^[IVX]+\.\s")
_ITEM = re.compile(r"^\d+\.\s.{0,120}:$")
_START = re.compile(r"^(Căn cứ|Thực hiện|Theo|Trên cơ sở)\b")


@dataclass
class SourceParts:
    body: list[tuple[str, str]] = field(default_factory=list)  # (kind: part|item|para, text)
    recipients: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    text = _BOLD.sub("", _MARK.sub("", text))
    return re.sub(r"[ \t]+", " ", text).strip()


def _paragraphs(lines: list[str]) -> list[str]:
    paras: list[str] = []
    cur: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            paras.append(_clean(" ".join(cur)))
            cur = []
    out: list[str] = []
    for p in paras:
        # A paragraph that starts in lower case continues the previous one (a page break in the source).
        if out and p[:1].islower() and not out[-1].endswith((".", ":", ";")):
            out[-1] = f"{out[-1]} {p}"
        elif p:
            out.append(p)
    return out


def split_source(text: str) -> SourceParts | None:
    """Body paragraphs from the first "Căn cứ / Thực hiện" to "Nơi nhận", and the recipients.
    None when the text does not look like a plan (nothing reliable to reproduce)."""
    if not text:
        return None
    lines = text.replace("\r\n", "\n").split("\n")
    start = next((i for i, ln in enumerate(lines) if _START.match(_clean(ln))), None)
    end = next((i for i, ln in enumerate(lines) if _clean(ln).startswith("Nơi nhận")), None)
    if start is None or end is None or end <= start:
        return None
    parts = SourceParts()
    for p in _paragraphs(lines[start:end]):
        kind = "part" if _PART.match(p) else "item" if _ITEM.match(p) else "para"
        parts.body.append((kind, p))
    for ln in lines[end + 1 :]:
        ln = _clean(ln)
        if ln.startswith("- "):
            # "- Lưu: VTUB, NV. 07b": a stray code after the final full stop is not the signer's.
            parts.recipients.append(re.sub(r"(\.)\s+\S{1,4}$", r"\1", ln))
        elif parts.recipients and ln:
            break
    return parts if parts.body else None
