"""Danh mục đơn vị hành chính: a province's units from the official list, ready for the units import.

The list (``kehoach/data/dvhc_2025.json.gz``, see the README beside it) holds the 34 provinces and
their 3,321 communes, wards and special zones from 01/07/2025 with their official codes (mã ĐVHC).
``rows`` turns one province into the rows of the .xlsx import (the province People's Committee,
optionally the standard departments, then every commune with its official code), so the official
path is checked and saved by the very same service (``unit_import.check`` / ``apply``): redoing it
creates and updates nothing.
"""

import datetime
import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kehoach.core.errors import DomainError
from kehoach.importing.names import normalize_key
from kehoach.org.models import Alias, Unit, UnitKind
from kehoach.org.unit_import import Check, Row, apply, check

#: The two-tier local government (chính quyền địa phương hai cấp) starts on this day.
EFFECTIVE = datetime.date(2025, 7, 1)
KINDS = {"xã": UnitKind.COMMUNE, "phường": UnitKind.WARD, "đặc khu": UnitKind.SPECIAL_ZONE}

#: Cơ quan chuyên môn thuộc UBND cấp tỉnh (Nghị định 45/2025/NĐ-CP, 150/2025/NĐ-CP): the twelve
#: every province has (checked by default), then those only some provinces set up.
DEPARTMENTS: list[tuple[str, str, bool]] = [
    ("van-phong", "Văn phòng Ủy ban nhân dân", True),
    ("so-noi-vu", "Sở Nội vụ", True),
    ("so-tu-phap", "Sở Tư pháp", True),
    ("so-tai-chinh", "Sở Tài chính", True),
    ("so-cong-thuong", "Sở Công Thương", True),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", True),
    ("so-xay-dung", "Sở Xây dựng", True),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", True),
    ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch", True),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", True),
    ("so-y-te", "Sở Y tế", True),
    ("thanh-tra", "Thanh tra", True),
    ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo", False),
    ("so-ngoai-vu", "Sở Ngoại vụ", False),
    ("so-du-lich", "Sở Du lịch", False),
]
DEFAULT_DEPARTMENTS = [key for key, _name, default in DEPARTMENTS if default]


@dataclass(frozen=True)
class Province:
    """Đơn vị hành chính cấp tỉnh: code (2 digits), name ("Tỉnh Cao Bằng"), type ("tỉnh"/"thành phố")."""

    code: str
    name: str
    type: str
    units: tuple[tuple[str, str, str], ...]

    @property
    def committee_name(self) -> str:
        """ "Ủy ban nhân dân tỉnh Cao Bằng" from "Tỉnh Cao Bằng"."""
        return _committee(self.name, self.type)

    @property
    def counts(self) -> dict[str, int]:
        """How many xã, phường, đặc khu, by unit kind ("commune", "ward", "special_zone")."""
        out = dict.fromkeys(KINDS.values(), 0)
        for _code, _name, kind in self.units:
            out[KINDS[kind]] += 1
        return {str(k): n for k, n in out.items()}


def _committee(name: str, type_: str) -> str:
    # The official name starts with its type ("Xã Lâm Bình"); the committee is "Ủy ban nhân dân xã Lâm Bình".
    return f"Ủy ban nhân dân {type_} {name[len(type_) :].strip()}"


@cache
def provinces() -> dict[str, Province]:
    """The 34 provinces and cities by official code, in code order (read once per process)."""
    raw = resources.files("kehoach").joinpath("data/dvhc_2025.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return {
        p["code"]: Province(p["code"], p["name"], p["type"], tuple(tuple(u) for u in p["units"]))
        for p in data["provinces"]
    }


def province(code: str) -> Province:
    """One province by its official code ("4" and "04" both name Cao Bằng)."""
    key = (code or "").strip()
    key = key.zfill(2) if key.isdigit() else key
    found = provinces().get(key)
    if found is None:
        raise DomainError(f"Không có tỉnh, thành phố mã “{code}” trong danh mục đơn vị hành chính.")
    return found


def rows(province_code: str, departments: bool | list[str] = False, top_code: str | None = None) -> list[Row]:
    """The import rows for one province: its People's Committee, departments, communes.

    Codes are the official ones (the province's two digits, each commune's five), so a second run
    matches the first unit for unit; ``top_code`` names an existing unit to stand for the province's
    People's Committee instead (one set up by hand in the first step). Departments get
    ``<province code>-<key>``. Aliases carry the names plans use ("Xã Lâm Bình", "UBND xã Lâm Bình").
    """
    prov = province(province_code)
    top = (top_code or "").strip().lower() or prov.code
    chosen = DEFAULT_DEPARTMENTS if departments is True else list(departments or [])
    unknown = set(chosen) - {key for key, _n, _d in DEPARTMENTS}
    if unknown:
        raise DomainError(f"Không có cơ quan “{', '.join(sorted(unknown))}” trong danh sách sở, ngành.")
    place = prov.name[len(prov.type) :].strip()
    out = [
        Row(
            line=1,
            code=top,
            name=prov.committee_name,
            kind=UnitKind.PEOPLES_COMMITTEE,
            aliases=[f"UBND {prov.type} {place}"],
        )
    ]
    for key, name, _default in DEPARTMENTS:
        if key in chosen:
            # "Văn phòng Ủy ban nhân dân tỉnh X", "Sở Nội vụ tỉnh X": the name a document would use.
            full = f"{name} {prov.type} {place}"
            out.append(
                Row(
                    line=0,
                    code=f"{prov.code}-{key}",
                    name=full,
                    kind=UnitKind.PROVINCE_DEPARTMENT,
                    parent=top,
                )
            )
    for code, name, kind in prov.units:
        type_ = name[: len(kind)].lower()
        out.append(
            Row(
                line=0,
                code=code,
                name=_committee(name, type_),
                kind=KINDS[kind],
                parent=top,
                aliases=[name, f"UBND {type_} {name[len(kind) :].strip()}"],
                valid_from=EFFECTIVE,
            )
        )
    for number, row in enumerate(out, start=1):
        row.line = number
    return out


def import_official(
    province_code: str,
    departments: bool | list[str] = False,
    top_code: str | None = None,
    user=None,
    save: bool = True,
) -> tuple[Check, dict | None]:
    """Lấy đơn vị từ danh mục: check (and when ``save``, save) one province through the units import.

    What the official list does not know is kept from the unit already saved: its e-mail, and the
    date it took effect when one was entered. An alias another unit already holds is left off
    rather than failing the whole province (two provinces both have a "Xã Châu Thành").
    """
    wanted = rows(province_code, departments, top_code)
    existing = {u.code: u for u in Unit.objects.filter(code__in=[r.code for r in wanted])}
    owner = dict(Alias.objects.values_list("key", "unit__code"))
    for row in wanted:
        unit = existing.get(row.code)
        if unit is not None:
            row.email = unit.email
            row.valid_from = unit.valid_from or row.valid_from
        row.aliases = [a for a in row.aliases if owner.get(normalize_key(a)) in (None, row.code)]
    result = check(wanted)
    if not save:
        return result, None
    return result, apply(result, user, verb="Lấy đơn vị từ danh mục đơn vị hành chính")
