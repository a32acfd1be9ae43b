"""The closing block of a Vietnamese administrative document (phần ký và nơi nhận): who signs, in
what capacity, and the "Nơi nhận:" list (Decree 30 layout, read back from text)."""

from __future__ import annotations

import re

from .names import fold
from .structure import _AUTH


def parse_signature(lines: list[str]) -> dict | None:
    """'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' / (scribbles) / 'Bạch Văn Nguyên'."""
    for i, raw in enumerate(lines):
        s = fold(raw)
        m = _AUTH.match(s)
        authority = None
        if m and (m.group(2) or m.group(4)).upper() == (m.group(2) or m.group(4)):
            prefix = (m.group(1) or m.group(3)).replace("/", "").rstrip(".")
            authority = f"{prefix}. {(m.group(2) or m.group(4)).strip()}"
            j = i + 1
        elif s in ("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "TRƯỞNG BAN", "TRƯỞNG PHÒNG", "BÍ THƯ"):
            j = i
        else:
            continue
        # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH": the signer acts under the last authority line
        while authority and j < len(lines):
            nxt = fold(lines[j])
            m2 = _AUTH.match(nxt) if nxt else None
            if not nxt:
                j += 1
                continue
            if m2 and (m2.group(2) or m2.group(4)).upper() == (m2.group(2) or m2.group(4)):
                prefix = (m2.group(1) or m2.group(3)).replace("/", "").rstrip(".")
                authority = f"{prefix}. {(m2.group(2) or m2.group(4)).strip()}"
                j += 1
                continue
            break
        position = None
        name = None
        for k in range(j, min(len(lines), j + 10)):
            t = fold(lines[k]).strip("*").strip()
            if not t:
                continue
            if position is None and t.upper() == t and re.search(r"[A-ZĐ]", t) and not _AUTH.match(t):
                position = t
                continue
            if _is_person(t):
                name = t
                break
        return {"name": name, "position": position, "authority": authority}
    return None


def _is_person(t: str) -> bool:
    words = t.split()
    if not 2 <= len(words) <= 5 or re.search(r"[\d:;,()/.]", t):
        return False
    return all(w[:1].isupper() and (w[1:] == w[1:].lower()) for w in words)


def parse_recipients(lines: list[str]) -> list[str]:
    """Nơi nhận: '- Sở Nội vụ;' -> 'Sở Nội vụ' (until the list ends)."""
    out: list[str] = []
    start = None
    for i, raw in enumerate(lines):
        if re.match(r"^\s*Nơi nhận\s*:?", raw, re.I):
            start = i
            rest = re.sub(r"^\s*Nơi nhận\s*:?\s*", "", raw, flags=re.I).strip()
            if rest.startswith(("-", "+", "•")):
                out.append(rest)
            break
    if start is None:
        return []
    miss = 0
    for raw in lines[start + 1 :]:
        s = fold(raw)
        if not s:
            continue
        if re.match(r"^[-–+•·]\s*\S", s):
            out.append(s)
            miss = 0
            continue
        if re.match(r"^(PHỤ LỤC|KẾ HOẠCH|QUYẾT ĐỊNH)", s):
            break
        miss += 1
        if miss >= 6:
            break
    cleaned = []
    for s in out:
        s = re.sub(r"^[-–+•·]\s*", "", fold(s)).rstrip(" ;,.")
        cleaned.append(s.strip())
    return [c for c in cleaned if c]
