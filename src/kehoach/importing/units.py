"""Units (cơ quan, đơn vị): every organisation named, once, with all its spellings."""

from __future__ import annotations

import re

from .names import _ABBR, fold, normalize_key, split_parties

MAX_COUNT_SCANS = 300  # spellings counted in the text (a real plan names fewer than 150)

_ADMIN = {"xã", "phường", "huyện", "tỉnh", "quận", "trấn", "phố", "khu", "thị"}


def _abbrev_count(name: str) -> int:
    toks = re.findall(r"\w+", name.casefold())
    return sum(1 for t in toks if t in _ABBR or t == "tt")


def _near_signatures(key: str) -> list[tuple]:
    """The key with each inner word blanked in turn: two keys share a signature exactly when
    :func:`_near` holds (one inner word different, not a place name's)."""
    t = key.split()
    if len(t) < 8:
        return []
    out = []
    for i in range(1, len(t) - 1):
        if set(t[:i]) & _ADMIN:
            break  # the words before i only grow: no later position qualifies either
        out.append((i, *t[:i], *t[i + 1 :]))
    return out


def _near(a: str, b: str) -> bool:
    """One word different in a long name ('... và Truyền hình huyện' / '... và truyền thanh huyện'),
    not a place name ('xã Phước Hậu' / 'xã Phước Dân')."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 8:
        return False
    diff = [i for i in range(len(ta)) if ta[i] != tb[i]]
    if len(diff) != 1:
        return False
    i = diff[0]
    return 0 < i < len(ta) - 1 and not (set(ta[:i]) & _ADMIN)


class UnitIndex:
    """Groups spellings by :func:`normalize_key`; the name shown is the fullest, most used spelling."""

    def __init__(self, full_text: str):
        self.text = full_text
        self.groups: list[dict] = []  # {"keys": set, "spellings": {spelling: count}}
        self.by_key: dict[str, dict] = {}
        self.by_sig: dict[tuple, dict] = {}

    def add(self, name: str | None, weight: int = 1) -> None:
        name = re.sub(
            r"\s*\((?:để |đ/c |b/c|bc|để b/c|để biết|t/h|thực hiện|phối hợp)[^)]*\)\s*$", "", fold(name or "")
        )
        name = name.strip(" .;,:")
        if not name or len(name) > 150 or re.match(r"^(Lưu|Như)\b", name):
            return
        key = normalize_key(name)
        if not key:
            return
        group = self.by_key.get(key)
        sigs = _near_signatures(key)
        if group is None:
            # a near spelling is found through its signatures (one word blanked), not by comparing
            # with every group: linear in the number of names
            group = next((self.by_sig[s] for s in sigs if s in self.by_sig), None)
        if group is None:
            group = {"keys": set(), "spellings": {}}
            self.groups.append(group)
        group["keys"].add(key)
        self.by_key[key] = group
        for s in sigs:
            self.by_sig.setdefault(s, group)
        group["spellings"].setdefault(name, 0)

    def add_parties(self, text: str | None) -> None:
        for p in split_parties(text or ""):
            self.add(p)

    def finish(self) -> None:
        """Count each spelling in the document, and pick up case variants written in the body."""
        text = re.sub(r"\s+", " ", self.text)
        low = text.lower()
        same_length = len(low) == len(text)  # lower() keeps offsets for Vietnamese
        budget = MAX_COUNT_SCANS  # one scan of the text per spelling: bounded for huge documents
        for g in self.groups:
            for sp in list(g["spellings"]):
                budget -= 1
                if budget < 0:
                    return
                needle = sp.lower()
                if not same_length:
                    continue
                start = low.find(needle)
                while start != -1:
                    end = start + len(needle)
                    boundary = (start == 0 or not low[start - 1].isalnum()) and (
                        end >= len(low) or not low[end].isalnum()
                    )
                    if boundary:
                        found = text[start:end]
                        if found == sp or normalize_key(found) in g["keys"]:
                            g["spellings"][found] = g["spellings"].get(found, 0) + 1
                    start = low.find(needle, end)

    def canonical(self, name: str | None) -> str | None:
        if not name:
            return None
        parties = split_parties(name)
        first = parties[0] if parties else name
        bare = re.sub(r"\s*\([^()]*\)$", "", first) or first  # "... (phụ trách Nội vụ)"
        g = self.by_key.get(normalize_key(bare)) or self.by_key.get(normalize_key(first))
        first = bare if g is None else first
        return self._name(g) if g else fold(first)

    @staticmethod
    def _name(g: dict) -> str:
        order = list(g["spellings"])
        return min(
            order,
            key=lambda s: (
                _abbrev_count(s),
                s.isupper(),
                -g["spellings"][s],
                s[:1].islower(),
                -len(s),
                order.index(s),
            ),
        )

    def as_list(self) -> list[dict]:
        out = []
        for g in self.groups:
            name = self._name(g)
            out.append({"name": name, "aliases": [s for s in g["spellings"] if s != name]})
        return out
