"""Document structure: header (số, ngày, cơ quan ban hành), loại văn bản, trích yếu, căn cứ,
the body as a tree of clauses, chữ ký and nơi nhận.
"""

from __future__ import annotations

import re
from datetime import date

from .clauses import Clause, build_tree, classify, repair_labels  # noqa: F401 (the body's tree, re-exported)
from .names import fold
from .top import complete_issuer

KINDS = (
    "KẾ HOẠCH HÀNH ĐỘNG",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "HƯỚNG DẪN",
    "CHỈ THỊ",
    "NGHỊ QUYẾT",
    "THÔNG BÁO",
    "CÔNG VĂN",
)
_KIND_LINE = re.compile(r"^(" + "|".join(KINDS) + r")$")
_KIND_PREFIX = re.compile(r"^(" + "|".join(KINDS) + r")\s+(\S.*)$")
_NATIONAL = re.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|^ĐẢNG CỘNG SẢN VIỆT NAM$", re.I
)
_MOTTO = re.compile(r"^độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|^[-_=–—.*\s]{3,}$", re.I)
_NUMBER = re.compile(r"^Số\s*[:.]?\s*(\d*\s*/\s*[\w\-.Đđ/ ]*?\w)\s*$", re.I)
_NUMBER_ANY = re.compile(
    r"\bSố\s*[:.]?\s*(\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s*-\s*[A-ZĐ][A-ZĐa-zđ0-9]*)*)"
)
_PLACE_DATE = re.compile(r"^(?:([^,]{2,40}),\s*)?ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.I)
_KEM_THEO = re.compile(
    r"\(\s*(?:Ban hành |Kèm theo |ban hành )?kèm theo\s+(Kế hoạch|Quyết định|Chương trình|Công văn|Văn bản)\s+"
    r"số\s*:?\s*([\w\s/\-Đđ.]+?)\s+ngày\s*(\d{1,2})\s*(?:/|-|tháng)\s*(\d{1,2})\s*(?:/|-|năm)\s*(\d{4})"
    r"(?:\s+của\s+([^)]+))?\)?",
    re.I,
)
_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Theo)\s+(.+)$")
_AUTH = re.compile(r"^(TM|KT|TL|TUQ|T/M|K/T|Q)\s*[./]\s*(\S.*)$|^(TM|KT|TL|TUQ)\s+(\S.*)$")
_POSITIONS = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|TRƯỞNG BAN|TRƯỞNG PHÒNG|CHÁNH VĂN PHÒNG|"
    r"BÍ THƯ|THỦ TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TỔNG CỤC TRƯỞNG|TRƯỞNG|CHÁNH|KT\.?|Q\.?)\b.*$"
)
_ORG_UPPER = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|SỞ|BỘ(?! TRƯỞNG)|BAN(?! HÀNH)|VĂN PHÒNG|PHÒNG|"
    r"(?:ỦY|UỶ) BAN (?:MTTQ|MẶT TRẬN|BẦU CỬ)|TIỂU BAN|"
    r"CỤC|TỔNG CỤC|CHI CỤC|TRUNG TÂM|CÔNG AN|ĐẢNG ỦY|HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|BỘ CHỈ HUY|ĐÀI|HỘI|"
    r"THỦ TƯỚNG CHÍNH PHỦ$|CHÍNH PHỦ$)\b"
)
_ADMIN_UPPER = re.compile(r"^(HUYỆN|TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|THỊ XÃ|THỊ TRẤN|QUẬN|ĐẶC KHU|TP\.?)\s+\S")


# ---------------------------------------------------------------- names in capitals

_LOWER_WORDS = {"huyện", "tỉnh", "xã", "phường", "thị", "trấn", "thành", "phố", "quận", "đặc", "khu", "và"}


def proper_case(text: str) -> str:
    """'ỦY BAN NHÂN DÂN HUYỆN NINH PHƯỚC' -> 'Ủy ban nhân dân huyện Ninh Phước'."""
    words = fold(text).lower().split()
    out: list[str] = []
    place = False
    for i, w in enumerate(words):
        if i == 0:
            out.append(w[:1].upper() + w[1:])
            continue
        if w in ("huyện", "tỉnh", "xã", "phường", "quận", "trấn", "phố", "khu") and not place:
            place = True
            out.append(w)
            continue
        if (
            w in ("thị", "thành", "đặc")
            and i + 1 < len(words)
            and words[i + 1] in ("xã", "trấn", "phố", "khu")
        ):
            out.append(w)
            continue
        if (
            place
            or i == 1
            and out[0].lower() in ("sở", "bộ", "ban", "phòng", "cục", "đài", "hội")
            or out
            and (out[-1].endswith(",") or out[-1] == "và")
            and out[0].lower() in ("sở", "bộ", "phòng")
        ):
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    text = " ".join(out).replace("Ủy ban nhân dân", "Ủy ban nhân dân").replace(" chính phủ", " Chính phủ")
    text = re.sub(r"\bviệt nam\b", "Việt Nam", text).replace("thường trực", "Thường trực")
    # a body named inside the name keeps its capital ("Ban Thường trực Ủy ban MTTQ …", "Văn phòng Hội
    # đồng nhân dân …")
    text = re.sub(r"(?<=\S )(?:ủy|uỷ) ban\b", "Ủy ban", text)
    text = re.sub(r"(?<=\S )hội đồng nhân dân\b", "Hội đồng nhân dân", text)
    # initials keep their capitals ("Ủy ban MTTQ Việt Nam"): words with no vowel
    return " ".join(
        w.upper()
        if len(w) >= 2
        and not re.search(
            r"[aeiouyăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", w, re.I
        )
        and w.isalpha()
        else w
        for w in text.split(" ")
    )


def _issuer_from(lines: list[str]) -> tuple[str | None, str | None]:
    """Issuer block ('ỦY BAN NHÂN DÂN' / 'HUYỆN NINH PHƯỚC') -> (issuer, superior body)."""
    orgs: list[str] = []
    for line in lines:
        s = line.strip().strip("*").strip().lstrip("/").strip()  # "/ỦY BAN MTTQ …": a stray slash (086)
        if not s or _NATIONAL.search(s) or _MOTTO.match(s) or _AUTH.match(s):
            continue
        if s != s.upper() or not re.search(r"[A-ZĐÀ-Ỹ]", s):
            continue
        if _ADMIN_UPPER.match(s) and orgs:
            orgs[-1] = f"{orgs[-1]} {s}"
        elif _ORG_UPPER.match(s):
            orgs.append(s)
    orgs = [o for o in orgs if not o.startswith(("PHỤ LỤC",))]
    if not orgs:
        # web copies print the issuer in sentence case ("Bộ Nội vụ" right before "Số: 251/QĐ-BNV")
        for k, line in enumerate(lines[1:], 1):
            if _NUMBER.match(line.strip()) or _NUMBER_ANY.match(line.strip()):
                prev = lines[k - 1].strip()
                if len(prev) <= 60 and _ORG_UPPER.match(prev.upper()) and not _AUTH.match(prev):
                    return proper_case(prev.upper()), None
                break
        return None, None
    names = [proper_case(re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", o)) for o in orgs]
    if len(names) >= 2 and re.fullmatch(r"(?:Ban )?Thường trực", names[-1]):
        # "ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG MINH / BAN THƯỜNG TRỰC": the standing board of the body above
        return f"Ban Thường trực {names[-2]}", names[-3] if len(names) >= 3 else None
    if len(names) >= 2 and names[-1].startswith("Tiểu ban"):
        # "ỦY BAN BẦU CỬ XÃ PHỐ BẢNG" / "TIỂU BAN THÔNG TIN, …": a sub-committee is named with its committee
        return f"{names[-1]}, {names[-2]}", names[-2]
    if len(names) >= 2:
        return names[-1], names[-2]
    return names[0], None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def clean_number(raw: str) -> str | None:
    """ "19 /KH-UBND" -> "19/KH-UBND"; the blank number of an unsigned draft ("Số:   /KH-UBND") -> None."""
    number = re.sub(r"\s+", "", raw).strip(".,;")
    return number if re.match(r"\d", number) else None


class Header:
    """What the top of the document says (and what later pages supply when the top lacks it)."""

    def __init__(self) -> None:
        self.kind = "KẾ HOẠCH"
        self.number: str | None = None
        self.issued_on: str | None = None
        self.issuer: str | None = None
        self.superior: str | None = None
        self.place: str | None = None
        self.title = ""
        self.bases: list[str] = []
        self.wrapper: dict | None = None
        self.carries: dict | None = None  # the plan a decision carries: {kind, title}
        self.found = False  # a document-type line ("KẾ HOẠCH", "QUYẾT ĐỊNH") was seen


def _split_bases(text: str) -> list[str]:
    text = fold(text).rstrip(" ;.,")
    parts = re.split(
        r";\s*|,?\s+và\s+(?=(?:Luật|Nghị định|Quyết định|Thông tư|Chỉ thị|Nghị quyết|Kế hoạch|Công văn|Văn bản|"
        r"Hướng dẫn|Chương trình|Kết luận|Thông báo)\s+(?:số\s+)?\d)",
        text,
    )
    return [p.strip(" ;.,") for p in parts if p and p.strip(" ;.,")]


def parse_header(lines: list[str]) -> tuple[Header, int]:
    """Read the part before the body. Returns the header and the index of the first body line."""
    h = Header()
    kinds = [
        i
        for i, s in enumerate(lines)
        if _KIND_LINE.match(s.strip().rstrip(":").strip())
        and not s.strip().endswith(":")
        or i < 60
        and _titled_kind(lines, i)
    ]
    plan_kinds = [i for i in kinds if not lines[i].strip().startswith("QUYẾT ĐỊNH")]
    first = kinds[0] if kinds else None
    if first is None:
        for i, s in enumerate(lines[:60]):
            m = _KIND_PREFIX.match(s.strip())
            if m and s.strip() == s.strip().upper():
                first = i
                h.kind = m.group(1)
                h.title = m.group(2)
                break
    else:
        h.kind = lines[first].strip().rstrip(":").upper()
    h.found = first is not None
    pre = lines[: first if first is not None else _top_end(lines)]
    for s in pre:
        t = s.strip()
        m = _NUMBER.match(t) or _NUMBER_ANY.match(t)
        if m and not h.number:
            h.number = clean_number(m.group(1))
        m = _PLACE_DATE.match(t)
        if m and not h.issued_on:
            h.place = m.group(1)
            h.issued_on = _iso(int(m.group(4)), int(m.group(3)), int(m.group(2)))
    h.issuer, h.superior = _issuer_from(pre)
    h.issuer = complete_issuer(h.issuer, h.place)
    body_from = first + 1 if first is not None else 0
    title_at = first
    if h.kind == "QUYẾT ĐỊNH" and plan_kinds and first is not None:
        # a plan carried inside a decision ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ...");
        # the document is the decision: its kind, number and trích yếu (the plan's are kept as `carries`)
        h.title, _ = _read_title(lines, first + 1)
        title_at = plan_kinds[0]
        carried, _ = _read_title(lines, title_at + 1)
        h.carries = {"kind": lines[title_at].strip(), "title": carried}
        h.wrapper = {"kind": "QUYẾT ĐỊNH", "number": h.number, "title": h.title}
        h.bases = [b for s in lines[first + 1 : title_at] for b in _basis(s)]
    if title_at is None and not h.title:
        # a copy that lost the type line: the upper-case trích yếu right under the place and date
        dated = next((i for i, s in enumerate(pre) if _PLACE_DATE.search(s.strip())), None)
        if dated is not None and dated + 1 < len(lines):
            nxt = lines[dated + 1].strip()
            if (
                len(nxt) > 12
                and nxt.upper() == nxt
                and re.search(r"[A-ZĐÀ-Ỹ]{3}", nxt)
                and not _AUTHORITY_LINE.match(nxt)
            ):
                h.title, body_from = _read_title(lines, dated + 1)
        # "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" before the articles says what the document is
        for s in lines[:150]:
            verb = s.strip().rstrip(":").strip()
            if s.strip().endswith(":") and verb in ("QUYẾT ĐỊNH", "QUYẾT NGHỊ"):
                h.kind = "QUYẾT ĐỊNH" if verb == "QUYẾT ĐỊNH" else "NGHỊ QUYẾT"
                break
    if title_at is not None and not h.title:
        h.title, body_from = _read_title(lines, title_at + 1)
    elif title_at is not None:
        body_from = title_at + 1
    # bases and the "(Ban hành kèm theo ...)" line right after the title
    i = body_from
    own_bases: list[str] = []
    while i < len(lines):
        s = lines[i].strip()
        if not s or _KEM_THEO.search(s) or _MOTTO.match(s):
            i += 1
            continue
        b = _basis(s)
        if b:
            own_bases.extend(b)
            i += 1
            continue
        break
    if own_bases:
        h.bases = own_bases
    return h, i


def _titled_kind(lines: list[str], i: int) -> bool:
    """ "Quyết định" / "Kế hoạch" alone on a line, over an upper-case trích yếu (web copies)."""
    s = lines[i].strip()
    if s == s.upper() or not _KIND_LINE.match(s.upper()):
        return False
    nxt = next((x.strip() for x in lines[i + 1 : i + 3] if x.strip()), "")
    return len(nxt) > 12 and nxt.upper() == nxt


def _top_end(lines: list[str]) -> int:
    """Where the body begins when no type line was found: the first legal basis, clause or article."""
    for i, s in enumerate(lines[:60]):
        if (_BODY_START.match(s.strip()) or re.match(r"[-–•+]\s", s.strip())) and i > 0:
            return i
    return min(len(lines), 15)


def _basis(line: str) -> list[str]:
    m = _BASIS.match(fold(line))
    if not m or m.group(1).startswith(("Xét", "Theo đề nghị")):
        return []
    rest = m.group(2)
    if m.group(1) == "Theo" and not re.match(r"(Luật|Nghị|Quyết|Thông|Chỉ|Kế|Công|Văn|Hướng)", rest):
        return []
    return _split_bases(rest)


_BODY_START = re.compile(
    r"^(Căn cứ|Thực hiện|Theo|Để|Nhằm|Xét|[IVX]{1,5}\s*[.\-–)]|\d{1,2}\s*[.)]|Điều\s+\d|\(Ban hành|\(Kèm theo)"
)


# the deciding authority printed on its own line under a decision's title
_AUTHORITY_LINE = re.compile(
    r"^(?:(?:CHỦ TỊCH\s+)?ỦY BAN NHÂN DÂN(?:\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU)"
    r"(?:\s+[A-ZĐÀ-Ỹ]+)*)?|BỘ TRƯỞNG BỘ(?:\s+[A-ZĐÀ-Ỹ,]+)+|THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|"
    r"(?:GIÁM ĐỐC|CHỦ TỊCH)\s+[A-ZĐÀ-Ỹ ]+)\s*:?$"
)
_PART = re.compile(r"^Phần\s+(?:[IVX]{1,4}|\d{1,2}|thứ)\b", re.I)
_TITLE_VERB = re.compile(r"^(?:Thực hiện|Triển khai|Theo dõi)\s+\S", re.I)
_CITES = re.compile(r"\bsố\s*:?\s*\d|[;:]$|\b(?:ngày|ngay)\s+\d{1,2}[/\s]")


def _cites_basis(lines: list[str], i: int) -> bool:
    """Whether the "Thực hiện …" paragraph at ``i`` is a basis of the plan, not its trích yếu: it
    ends with ";" or ":", or goes on to say what is issued ("…, UBND tỉnh ban hành Kế hoạch … như sau")."""
    para = []
    for s in lines[i : i + 8]:
        if not s.strip():
            break
        para.append(s.strip())
    text = " ".join(para)
    if re.search(r"[;:]$", text) or re.search(r"ban hành|như sau|xây dựng Kế hoạch", text, re.I):
        return True
    return not re.search(r"\bsố\s*:?\s*\d", text) and bool(_CITES.search(text))


def _read_title(lines: list[str], i: int) -> tuple[str, int]:
    parts: list[str] = []
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            if parts:
                break
            i += 1
            continue
        if _MOTTO.match(s) or _KEM_THEO.search(s):
            break
        if _BODY_START.match(s) and (parts or not _TITLE_VERB.match(s) or _cites_basis(lines, i)):
            break  # "Thực hiện chuyển đổi số ..." right under "KẾ HOẠCH" is the title, not a basis
        if parts and (s.upper() == s and parts[-1].upper() != parts[-1]):
            break  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" after a decision's title
        if parts and (_AUTHORITY_LINE.match(s) or _PART.match(s) or re.match(r"[-–•+]\s", s)):
            break  # "BỘ TRƯỞNG BỘ NỘI VỤ" under an upper-case title; "Phần I. ĐÁNH GIÁ …"
        parts.append(s)
        i += 1
        if len(parts) >= 5:
            break
    return fold(" ".join(parts)).rstrip(":"), i


def fallback_number(lines: list[str], h: Header) -> None:
    """Number, date and issuer from the appendix ('Ban hành kèm theo Kế hoạch số 19 /KH-UBND ngày 25 /01/2021')
    and the issuer block printed on later pages, when the top of the document lacks them."""
    for s in lines:
        m = _KEM_THEO.search(s)
        if m:
            if not h.number and re.search(r"\d", m.group(2)):
                h.number = clean_number(m.group(2))
            if not h.issued_on:
                h.issued_on = _iso(int(m.group(5)), int(m.group(4)), int(m.group(3)))
            break
    if not h.issuer:
        issuer, superior = _issuer_from(lines)
        h.issuer, h.superior = issuer, h.superior or superior


# ---------------------------------------------------------------- body tree

_QUOTED_DATES = re.compile(
    r"ngày\s+\d{1,2}\s*(?:tháng\s+|/|-)\s*\d{1,2}\s*(?:năm\s+|/|-)\s*\d{4}|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{1,5}/\d{4}/[A-ZĐa-zđ0-9-]+",
    re.I,
)


_OBJECTIVE_HEAD = re.compile(
    r"^(?:[a-zđ0-9IVX]{1,4}[.)]\s*)?(?:các\s+)?mục tiêu[^.|;]{0,30}?(?:đến|tới)\s+năm\s+((?:19|20)\d\d)[\s:.]*$",
    re.I,
)


def objectives_horizon(lines: list[str]) -> tuple[int, int] | None:
    """The horizon a plan states in its objectives' headings (mục tiêu đến năm ...) when its title
    names none: "a) Mục tiêu cụ thể đến năm 2030" / "b) Mục tiêu cụ thể đến năm 2035" -> (0, 2035),
    the start left to the caller (the issue year). Only a heading line alone counts: a target in a
    sentence ("đến năm 2030 đạt ...") is a target, not the plan's period; a vision ("Tầm nhìn đến
    năm 2050") is not part of it."""
    years = [
        int(m.group(1)) for line in lines if len(line) < 80 and (m := _OBJECTIVE_HEAD.match(line.strip()))
    ]
    return (0, max(years)) if years else None


_PHASE = re.compile(
    r"^\d{1,2}\.\s*Giai đoạn\s+\d\s*:?\s*\(?\s*từ năm\s+((?:19|20)\d\d)\s+đến\s+(?:hết\s+)?năm\s+((?:19|20)\d\d)",
    re.I,
)


def phases_horizon(lines: list[str]) -> tuple[int, int] | None:
    """The span of a scheme run in phases (các giai đoạn thực hiện) when neither its title nor its
    objectives name one: "1. Giai đoạn 1 từ năm 2023 đến hết năm 2025 …", "3. Giai đoạn 3 (từ năm 2029
    đến hết năm 2030)" -> (2023, 2030). Two phase headings at least."""
    spans = [(int(m.group(1)), int(m.group(2))) for line in lines if (m := _PHASE.match(line.strip()))]
    spans = [s for s in spans if s[0] <= s[1]]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if len(spans) >= 2 else None


def year_from_title(title: str) -> tuple[int | None, tuple[int, int] | None]:
    """'... năm 2021' -> 2021; '... giai đoạn 2026 - 2030' -> (2026, (2026, 2030)).

    Dates and document numbers quoted in the title ("Nghị định số 180/2026/NĐ-CP ngày 21 tháng 5 năm
    2026") do not name the plan's year."""
    title = _QUOTED_DATES.sub(" ", title or "")
    # a period inside quotation marks belongs to the name it quotes (Đề án “… giai đoạn 2022-2025”)
    title = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", title)
    # "… đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031": a term of office, not the plan's period
    title = re.sub(r"nhiệm kỳ\s*(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", " ", title, flags=re.I)
    m = re.search(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", title)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), (int(m.group(1)), int(m.group(2)))
    # "... năm 2025, định hướng đến năm 2030" / "... đến năm 2030, tầm nhìn đến năm 2045": the horizon
    # ends with the first "đến năm"; the vision year is not part of it. The start is the year the
    # title states before it, else unknown here (the caller takes the issue year).
    until = re.search(r"(?<!tầm nhìn )(?:đến|tới)\s+năm\s+((?:19|20)\d\d)", title, re.I)
    if until:
        end = int(until.group(1))
        before = re.findall(r"(?:năm|Năm|NĂM)\s+((?:19|20)\d\d)", title[: until.start()])
        start = int(before[-1]) if before and int(before[-1]) <= end else None
        return start, (start, end) if start else (0, end)
    years = re.findall(r"(?:năm|Năm|NĂM)\s+((?:19|20)\d\d)", title) or re.findall(
        r"\b((?:19|20)\d\d)\b", title
    )
    if years:
        return int(years[-1]), None
    return None, None
