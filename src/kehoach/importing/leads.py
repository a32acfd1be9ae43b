"""Lead cells that hold a sentence (ô chủ trì viết thành câu): "Sở Tư pháp chủ trì, phối hợp với
các sở, ban, ngành, ..." becomes the lead "Sở Tư pháp" and the coordinators, split by
:func:`.names.split_parties` (which keeps compound names whole). A joint lead written without the
words "chủ trì" / "phối hợp" ("Sở Tài chính; Sở Nội vụ") is left as the plan wrote it.
"""

from __future__ import annotations

import re

from .names import fold, looks_like_org, split_parties, take_org

_LEAD = r"(?P<lead>.+?)"
_CHU_TRI = r"\s*(?:\(\s*chủ\s+trì\s*\)|chủ\s+trì)"
_PHOI_HOP = r"(?:cùng\s+)?phối\s+hợp(?:\s+(?:với|cùng))?"
_SENTENCES = (
    # "Chủ trì: Sở Nội vụ; phối hợp: Sở Tư pháp"
    re.compile(r"^chủ\s+trì\s*:\s*" + _LEAD + r"\s*[;,.]?\s*phối\s+hợp\s*:\s*(?P<coord>.+)$", re.I),
    # "Sở Tư pháp chủ trì, phối hợp với ...", "Sở Nội vụ (chủ trì) phối hợp ...", "... chủ trì và phối hợp ..."
    re.compile("^" + _LEAD + _CHU_TRI + r"\s*[,;:.\-–]?\s*(?:và\s+)?" + _PHOI_HOP + r"\s*:?\s*(?P<coord>.+)$", re.I),
    # "Sở Nội vụ (chủ trì), Sở Tư pháp, Sở Tài chính"
    re.compile("^" + _LEAD + r"\s*\(\s*chủ\s+trì\s*\)\s*[,;]\s*(?P<coord>.+)$", re.I),
    # "Sở Nội vụ chủ trì"
    re.compile("^" + _LEAD + _CHU_TRI + r"\s*[.;,]?$", re.I),
    # "Sở Nội vụ phối hợp với Sở Tư pháp" (in the lead column: the first named leads)
    re.compile(r"^(?P<lead>[^,;]+?)\s+" + _PHOI_HOP + r"\s+(?P<coord>.+)$", re.I),
)  # fmt: skip
_COORD_TAIL = re.compile(
    r"\s*\(\s*phối\s+hợp\s*\)\s*$|\s+(?:cùng\s+)?phối\s+hợp\s*(?:thực\s+hiện)?\s*$"
    # "... có liên quan tham mưu thực hiện": what the parties do, not a party
    r"|\s+(?:tham\s+mưu\s*)?(?:tổ\s+chức\s+)?(?:triển\s+khai\s*)?(?:thực\s+hiện)\s*$|\s+tham\s+mưu\s*$",
    re.I,
)


def split_lead_sentence(cell: str | None) -> tuple[str | None, list[str], bool]:
    """(lead, coordinators named in the same cell, whether the cell was a sentence).

    >>> split_lead_sentence("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và Công an tỉnh")
    ('Sở Tư pháp', ['Sở Nội vụ', 'Công an tỉnh'], True)
    """
    text = fold(cell or "")
    if not text or len(text) > 600:
        return (text or None), [], False
    for rx in _SENTENCES:
        m = rx.match(text)
        if not m:
            continue
        lead = m.group("lead").strip(" ,;:.-–")
        if not lead or not looks_like_org(lead) or len(lead) > 200:
            continue
        coord = m.groupdict().get("coord") or ""
        coord = _COORD_TAIL.sub("", coord.strip(" ,;:.")).strip(" ,;:.")
        return lead, (split_parties(coord) if coord else []), True
    return text, [], False


_SUBJECT_VERB = re.compile(
    r"^(?:đôn đốc|hướng dẫn|theo dõi|triển khai|thực hiện|tổ chức|tham mưu|xây dựng|chỉ đạo|"
    r"tổng hợp|kiểm tra|phụ trách|làm đầu mối|có trách nhiệm)\b",
    re.I,
)


def split_lead_field(text: str | None) -> tuple[str | None, list[str], bool]:
    """A "Cơ quan thực hiện:" field written in the body: a lead sentence (as
    :func:`split_lead_sentence`), or a unit followed by what it does ("Sở Thông tin và Truyền
    thông đôn đốc, hướng dẫn các đơn vị ...": the lead is the unit), or a list kept as written."""
    lead, named, sentence = split_lead_sentence(text)
    if sentence or not lead:
        return lead, named, sentence
    org = take_org(lead)
    rest = lead[len(org) :].strip() if org and lead.startswith(org) else ""
    if rest and _SUBJECT_VERB.match(rest):
        return org, [], True
    return lead.rstrip(". "), [], False


def merge_coordinators(first: list[str], more: list[str]) -> list[str]:
    """Both lists in order, each party once."""
    out = list(first)
    for p in more:
        if p not in out:
            out.append(p)
    return out
