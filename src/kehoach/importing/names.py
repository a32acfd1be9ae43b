"""Organisation names (tên cơ quan, đơn vị): matching keys, accent folding, splitting lists of parties.

Pure functions over strings. The Django ``org`` app uses :func:`normalize_key` to resolve aliases
such as "VP.HĐND-UBND" and "Văn phòng HĐND-UBND" to the same unit.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .gazetteer import bare_class, continues_enumeration, tail_class

__all__ = [
    "fold",
    "normalize_key",
    "strip_accents",
    "split_parties",
    "take_org",
    "looks_like_org",
    "ORG_HEADS",
]

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """NFC and whitespace folded to single spaces (the schema's text form)."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())  # str.split() == re's \s+


def strip_accents(text: str) -> str:
    """Remove Vietnamese diacritics ("Phước Hậu" -> "Phuoc Hau"); đ/Đ become d/D too."""
    decomposed = unicodedata.normalize("NFD", text or "")
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", out.replace("đ", "d").replace("Đ", "D"))


# Old tone placement ("hoà", "uỷ", "quí") -> the placement used in current official texts.
_TONES = {
    "à": "ò",
    "á": "ó",
    "ả": "ỏ",
    "ã": "õ",
    "ạ": "ọ",
}
_OA = re.compile(r"o([àáảãạ])(?![\w])")
_OE = re.compile(r"o([èéẻẽẹ])(?![\w])")
_UY = re.compile(r"(?<![q])u([ỳýỷỹỵ])(?![\w])")
_QUI = re.compile(r"qu([ìíỉĩị])")
_TONE_OF = {}
for _base, _row in {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
    "i": "ìíỉĩị",
    "o": "òóỏõọ",
    "u": "ùúủũụ",
}.items():
    for _i, _ch in enumerate(_row):
        _TONE_OF[_ch] = (_base, _i)
_WITH_TONE = {
    "o": "òóỏõọ",
    "u": "ùúủũụ",
    "y": "ỳýỷỹỵ",
}


def unify_tones(text: str) -> str:
    """'hoà' -> 'hòa', 'uỷ' -> 'ủy', 'quí' -> 'quý' (lower-case input)."""
    text = _OA.sub(lambda m: _WITH_TONE["o"][_TONE_OF[m.group(1)][1]] + "a", text)
    text = _OE.sub(lambda m: _WITH_TONE["o"][_TONE_OF[m.group(1)][1]] + "e", text)
    text = _UY.sub(lambda m: _WITH_TONE["u"][_TONE_OF[m.group(1)][1]] + "y", text)
    text = _QUI.sub(lambda m: "qu" + _WITH_TONE["y"][_TONE_OF[m.group(1)][1]], text)
    return text.replace("qui", "quy")


# Abbreviations seen in plans, matched on whole tokens after case folding. Multi-token keys are
# matched before single tokens. Context-dependent "TT" is handled in _expand().
_ABBR = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "ub": "ủy ban",
    "vp": "văn phòng",
    "mttq": "mặt trận tổ quốc",
    "mttqvn": "mặt trận tổ quốc việt nam",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "ubmttqvn": "ủy ban mặt trận tổ quốc việt nam",
    "vh": "văn hóa",
    "tc": "tài chính",
    "kh": "kế hoạch",
    "khcn": "khoa học công nghệ",
    "pct": "phó chủ tịch",
    "gdđt": "giáo dục đào tạo",
    "gd": "giáo dục",
    "đt": "đào tạo",
    "lđtbxh": "lao động thương binh xã hội",
    "tnmt": "tài nguyên môi trường",
    "nnptnt": "nông nghiệp phát triển nông thôn",
    "nnmt": "nông nghiệp môi trường",
    "tttt": "thông tin truyền thông",
    "gtvt": "giao thông vận tải",
    "khđt": "kế hoạch đầu tư",
    "vhttdl": "văn hóa thể thao du lịch",
    "vhtt": "văn hóa thể thao",
    "kthạ": "kinh tế hạ tầng",
    "ktht": "kinh tế hạ tầng",
    "bchqs": "bộ chỉ huy quân sự",
    "chqs": "chỉ huy quân sự",
    "tp": "thành phố",
    "tx": "thị xã",
    "tw": "trung ương",
    "cchc": "cải cách hành chính",
    "tthc": "thủ tục hành chính",
    "đvsn": "đơn vị sự nghiệp",
    "tn": "tài nguyên",
    "mt": "môi trường",
    "lđtb": "lao động thương binh",
    "xh": "xã hội",
    "ttđt": "thông tin điện tử",
    "ttvhtt": "trung tâm văn hóa thể thao",
}
# "KH&CN", "KH-CN", "KHCN": science and technology, not "kế hoạch".
_PAIRS = {
    ("kh", "cn"): "khoa học công nghệ",
    ("kh", "đt"): "kế hoạch đầu tư",
    ("tn", "mt"): "tài nguyên môi trường",
    ("gd", "đt"): "giáo dục đào tạo",
    ("tt", "tt"): "thông tin truyền thông",
}
_LEADERS = {"huyện", "tỉnh", "thành", "hđnd", "đảng", "hội"}  # "TT Huyện ủy": thường trực


def _expand(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = out[-1] if out else ""
        # "TT&TT" is "thông tin và truyền thông" unless it follows "VH" or names a centre (trung tâm)
        if (tok, nxt) in _PAIRS and not (tok == "tt" and (prev in ("văn", "hóa") or out[:1] == ["trung"])):
            out.extend(_PAIRS[(tok, nxt)].split())
            i += 2
            continue
        if tok == "tt":
            if nxt in _LEADERS and (nxt != "huyện" or tokens[i + 2 : i + 3] == ["ủy"]):
                rep = "thường trực"
            elif prev == "trang" or nxt == "điện":
                rep = "thông tin"
            elif prev == "hóa":
                # "VH-TT" after "Phòng" is "Văn hóa - Thông tin"; after "Trung tâm" it is "thể thao"
                rep = "thông tin" if out[:1] == ["phòng"] else "thể thao"
            else:
                rep = "trung tâm"
            out.extend(rep.split())
        elif tok in _ABBR:
            out.extend(_ABBR[tok].split())
        else:
            out.append(tok)
        i += 1
    return out


_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=8192)  # the same few dozen names are keyed thousands of times in a long table
def normalize_key(name: str) -> str:
    """Matching key for an organisation name.

    NFC, case folded, old/new tone placement unified, abbreviations expanded ("UBND" ->
    "ủy ban nhân dân", "VP." -> "văn phòng", "TT" -> "trung tâm"/"thường trực"/"thông tin" by
    context), punctuation and the word "và"/"&" dropped, whitespace folded. Both spellings of a
    name give the same key: "VP.HĐND-UBND" == "Văn phòng HĐND - UBND".
    """
    text = unify_tones(fold(name).casefold())
    tokens = _TOKEN.findall(text.replace("_", " "))
    tokens = _expand(tokens)
    return " ".join(t for t in tokens if t != "và")


# Words that open an organisation's name (or a collective of them). Used to decide where a list
# of parties may be split and whether a heading names who is responsible.
ORG_HEADS = (
    "các",
    "sở",
    "phòng",
    "ban",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "ub",
    "hđnd",
    "hội đồng",
    "văn phòng",
    "vp",
    "trung tâm",
    "tt",
    "công an",
    "bộ",
    "cục",
    "chi cục",
    "tổng cục",
    "đài",
    "báo",
    "hội",
    "liên đoàn",
    "liên minh",
    "đoàn",
    "huyện đoàn",
    "tỉnh đoàn",
    "thành đoàn",
    "mặt trận",
    "mttq",
    "ủy ban mặt trận",
    "viện",
    "tòa án",
    "kho bạc",
    "thanh tra",
    "bảo hiểm",
    "cơ quan",
    "đơn vị",
    "thủ trưởng",
    "giám đốc",
    "chủ tịch",
    "trường",
    "bệnh viện",
    "bộ chỉ huy",
    "ban chỉ huy",
    "đảng ủy",
    "huyện ủy",
    "tỉnh ủy",
    "thành ủy",
    "cục thuế",
    "chi nhánh",
    "ngân hàng",
    "doanh nghiệp",
    "người đứng đầu",
    "tổ chức",
    "lãnh đạo",
    "cổng thông tin",
    "trang thông tin",
    "tòa soạn",
    "học viện",
    "quỹ",
    "thường trực",
    "tổ công tác",
    "tổ giúp việc",
    "hợp tác xã",
    "mạng lưới",
    "công chức",
    "bộ phận",
    # ministries' departments and other central bodies (Vụ Pháp chế, Ủy ban Dân tộc, Kiểm toán ...)
    "vụ",
    "tổng công ty",
    "công ty",
    "kiểm toán",
    "viện kiểm sát",
    "tập đoàn",
    "đại học",
    "tạp chí",
    "thông tấn xã",
    "quốc hội",
    "chính phủ",
    "thủ tướng",
)
_HEAD_RE = re.compile(
    r"^(?:" + "|".join(re.escape(h) for h in sorted(ORG_HEADS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
# "Phòng, chống tham nhũng" is an activity, not the office "Phòng ..."
_NOT_ORG = re.compile(
    r"^(?:phòng,? chống|phòng ngừa|phòng chống|hội (?:nghị|thảo|thi|diễn)\b|tổ chức (?:thực hiện|triển khai|các|hội|tuyên|tập)|"
    r"công chức(?:,|\s+(?:viên chức|được|phải|thực hiện|và))|ban hành|bảo hiểm (?:xã hội|y tế)? ?cho|báo cáo|đơn vị tính|cơ quan báo chí đưa|"
    r"các (?:nội dung|hoạt động|nhiệm vụ|giải pháp|chương trình|văn bản|hình thức|biện pháp|chỉ tiêu|mục tiêu|quy định|thủ tục|chính sách|lớp|hội nghị|tiểu phẩm|chuyên|kỳ|năm|tháng|quý|bước|dự án|đề án|đối tượng|ngành nghề))",
    re.IGNORECASE,
)


def looks_like_org(text: str) -> bool:
    """Whether a phrase opens with an organisation ("Sở Nội vụ", "Các Phòng, ban", "UBND xã")."""
    t = fold(text)
    t = re.sub(r"^(?:giao|đề nghị|yêu cầu|kính đề nghị)\s+", "", t, flags=re.IGNORECASE)
    return bool(_HEAD_RE.match(t)) and not _NOT_ORG.match(t)


_PARTY_START = re.compile(
    r"^(?:" + "|".join(re.escape(h) for h in sorted(ORG_HEADS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)


# A person named by office opens a party too, in plans that assign work to people ("Các đ/c Phó chủ
# tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên"): capitalised, as a list of offices is printed.
_OFFICE_START = re.compile(
    r"^(?:Đồng chí|Đ/c|Phó\s+)?(?:Chủ tịch|Trưởng|Giám đốc|Chánh|Bí thư|Thủ trưởng|Chuyên viên|Phó)\b"
)


_PEOPLE_START = re.compile(
    r"^(?:các|những)\s+(?:đồng chí|đ/c|chuyên viên|cán bộ|công chức|thành viên)\b", re.I
)


def _starts_party(text: str) -> bool:
    t = text.lstrip()
    if _OFFICE_START.match(t) or _PEOPLE_START.match(t):
        return True
    return not (not _PARTY_START.match(t) or _NOT_ORG.match(t))


def _kind(item: str) -> str:
    """The kind word of a listed party ("Các cơ sở nghiên cứu" -> "cơ sở")."""
    return " ".join(re.sub(r"^(?:các|những)\s+", "", item.strip(), flags=re.I).lower().split()[:2])


def _last_item(current: str) -> str:
    return re.split(r"\s*,\s*|\s+và\s+", current.strip())[-1]


def split_parties(text: str) -> list[str]:
    """A fresh list from :func:`_split_parties` (cached: coordinator cells repeat)."""
    return list(_split_parties(text))


# a list printed one party per line loses the comma at the line break: "Các Bộ, ngành Ủy ban nhân dân
# cấp tỉnh" (a collective ends, a proper name opens)
_LOST_COMMA = re.compile(
    r"\b(ngành|địa phương|đoàn thể|liên quan)\s+(?=(?:Ủy ban|Uỷ ban|UBND|Sở|Bộ(?! trưởng))\s)"
)

# ... and before the closing group: "Sở Y tế cơ quan, đơn vị liên quan"
_LOST_COMMA_GROUP = re.compile(
    r"(?<=[\wà-ỹ])\s+(?=(?:các\s+)?(?:cơ quan|đơn vị)(?:,\s*(?:tổ chức|đơn vị|cơ quan))*\s+(?:có\s+)?liên quan\b)"
)


_NOT_NAME_END = {"và", "các", "với", "của", "cùng", "hoặc", "những", "trưởng", "tịch", "đốc", "đầu", "đạo"}


def _group_after_name(m: re.Match) -> str:
    """'; ' when the words before the group are a proper name ("Sở Y tế"), else the space."""
    before = re.split(r"[,;]", m.string[: m.start()])[-1].strip()
    words = before.split()
    named = len(words) >= 2 and words[-1].lower() not in _NOT_NAME_END  # "Thủ trưởng các cơ quan ..."
    return "; " if before[:1].isupper() and named else m.group(0)


@lru_cache(maxsize=4096)
def _split_parties(text: str) -> tuple[str, ...]:
    """Split a 'Cơ quan phối hợp' cell into parties.

    Splits on ';' and on ' và ' / ',' when what follows opens a new organisation's name; commas
    inside a name ("Các Phòng, ban", "Ủy ban nhân dân các xã, thị trấn") stay: an enumeration of one
    kind of body (:mod:`.gazetteer`: "các sở, ban, ngành", "xã, phường", "báo, đài") is one party, a
    change of kind or a proper name opens the next ("Các sở, ngành" | "UBND xã, phường, đặc khu").
    The final '.' or ';' is dropped.
    """
    text = _LOST_COMMA.sub(r"\1; ", fold(text))
    text = _LOST_COMMA_GROUP.sub(_group_after_name, text)
    parts: list[str] = []
    for chunk in re.split(r"\s*[;\n]\s*", text):
        chunk = re.sub(r"^[-–+•*]\s*", "", chunk.strip(" .;,:")).strip(" .;,:")  # "- Vụ Pháp chế"
        if not chunk:
            continue
        # split on " và " / "," / " cùng " when the next words open an organisation
        pieces = re.split(r"(\s+và\s+|\s*,\s*|\s+với\s+|\s*&\s*)", chunk)
        current = pieces[0]
        i = 1
        while i < len(pieces):
            sep, nxt = pieces[i], pieces[i + 1] if i + 1 < len(pieces) else ""
            is_and = sep.strip() == "và"
            # "các sở, ban, ngành": one enumeration of kinds (gazetteer); "..., phường, báo": a new one
            # (after a comma too: "Các đơn vị thuộc các Bộ ..., các tổ chức quốc tế, các Viện ...")
            new_collective = (is_and or sep.strip() == ",") and re.match(
                r"(?:các|những)\s", nxt.strip(), re.IGNORECASE
            )
            enumerates = not new_collective and continues_enumeration(current, nxt)
            switches = not enumerates and bare_class(nxt) is not None and tail_class(_last_item(current))
            # a collective ("Các công chức chuyên môn, ban, ngành") goes on over commas until a
            # proper name ("..., UBND xã") or another kind of body ("..., phường, báo") opens a party
            collective = (
                sep.strip() == ","
                and re.match(r"^(?:các|những)\s", current.strip(), re.IGNORECASE)
                and not nxt.strip()[:1].isupper()
            )
            # "Các cơ sở nghiên cứu - phát triển, tổ chức hỗ trợ kỹ thuật": two kinds each with its
            # own complement are two parties (bare kinds share the tail: "cơ quan, tổ chức liên quan")
            qualified = (
                sep.strip() == ","
                and len(_last_item(current).split()) >= 3
                and len(nxt.split()) >= 3
                and re.match(r"(?:tổ chức|cơ quan|đơn vị|cơ sở|doanh nghiệp|trường|viện)\s", nxt.strip())
                and not re.search(r"liên quan$", nxt.strip())
                and _kind(_last_item(current)) != _kind(nxt)  # "cơ quan ngang bộ, cơ quan thuộc CP"
            )
            enumerates = enumerates or (collective and not switches and not new_collective and not qualified)
            # "Văn phòng HĐND và UBND huyện" is one office
            joint = (
                sep.strip() == "và"
                and re.search(r"(?:hđnd|hội đồng nhân dân)$", current.strip(), re.IGNORECASE)
                and re.match(r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\b", nxt.strip(), re.IGNORECASE)
            )
            # "VTV, VOV, TTXVN": bodies named by their initials, listed with commas
            initials = sep.strip() == "," and re.fullmatch(r"[A-ZĐ]{2,6}", nxt.strip())
            # "..., tổ chức có liên quan, cơ sở khám bệnh, chữa bệnh": facilities after a closed list
            facility = (
                sep.strip() == ","
                and (current.rstrip().endswith("liên quan") or current.strip()[:1].isupper())
                and re.match(r"(?:các\s+)?cơ sở (?:khám|y tế|giáo dục|đào tạo|nghiên cứu)", nxt.strip())
                is not None
            )  # "Sở Y tế, cơ sở khám bệnh, chữa bệnh": the facilities are a party of their own
            # "Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ": the head of each of them
            headed = (
                sep.strip() == ","
                and re.match(r"^(?:thủ trưởng|người đứng đầu)\s", current.strip(), re.IGNORECASE)
                and re.match(r"^(?:cơ quan|đơn vị)\s", nxt.strip())
            )
            starts = (_starts_party(nxt) or initials or facility) and not headed
            if current.strip() and not enumerates and (switches or (starts and not joint)):
                parts.append(current.strip(" .;,:"))
                current = nxt
            else:
                current = current + sep + nxt
            i += 2
        if current.strip(" .;,:"):
            parts.append(current.strip(" .;,:"))
    return tuple(p for p in parts if p)


# Verb phrases that end an organisation's name inside a sentence ("Giao Phòng Tư pháp tham mưu ...").
_STOPS = (
    "xây dựng",
    "tham mưu",
    "chủ trì",
    "phối hợp",
    "thực hiện",
    "tổ chức",
    "hướng dẫn",
    "kiểm tra",
    "theo dõi",
    "chỉ đạo",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "triển khai",
    "rà soát",
    "báo cáo",
    "cập nhật",
    "đôn đốc",
    "nghiên cứu",
    "tuyên truyền",
    "lồng ghép",
    "bố trí",
    "đảm bảo",
    "bảo đảm",
    "duy trì",
    "quản lý",
    "cung cấp",
    "tiếp nhận",
    "thẩm định",
    "tổng hợp",
    "xem xét",
    "trình",
    "để",
    "trước",
    "chậm nhất",
    "đồng thời",
    "theo",
    "ban hành",
    "phát hành",
    "thường xuyên",
    "định kỳ",
    "hằng",
    "hàng",
    "nhằm",
    "khi",
    "tăng cường",
    "phổ biến",
    "đẩy mạnh",
    "vận động",
    "giám sát",
    "đánh giá",
    "phát động",
    "sơ kết",
    "tổng kết",
    "công khai",
    "là",
    "được",
    "sẽ",
    "cần",
    "phải",
    "chủ động",
    "tiếp tục",
    "thiết lập",
    "phân bổ",
    "bổ sung",
    "đề xuất",
    "kịp thời",
    "xem",
    "về việc",
    "trong",
    "tại",
    "gửi",
    "nghiêm túc",
    "căn cứ",
    "quyết định",
    "tập trung",
    "đưa",
    "chuẩn bị",
    "ứng dụng",
    "mở",
    "biên soạn",
    "in",
    "lập",
    "giải quyết",
    "hỗ trợ",
    "làm",
    "đăng",
    "phát sóng",
    "thông báo",
    "xong",
    "hoàn thành",
    "kết quả",
    "tình hình",
    "kèm theo",
    "đúng",
    "chậm",
    "tiến hành",
)
_STOP_RE = re.compile(
    r"\s(?:" + "|".join(re.escape(s) for s in sorted(_STOPS, key=len, reverse=True)) + r")(?![\w])"
)
_END_RE = re.compile(r"\s*(?:[,;:.(]|\s-\s)")


def _org_head(text: str) -> str:
    """``text`` up to the first lower-case verb phrase that ends an organisation's name."""
    text = fold(text)
    best = len(text)
    for m in _STOP_RE.finditer(text):
        word = text[m.start() + 1 :]
        if not word[:1].islower():
            continue  # "Ban Chỉ đạo", "Sở Xây dựng": capitalised words belong to the name
        before = text[: m.start()].split()
        if before and before[-1].casefold() in ("các", "những", "và") or len(before) < 1:
            continue  # "các tổ chức chính trị - xã hội"
        if word.startswith("tổ chức") and before[-1].endswith(","):
            continue  # "các cơ quan, tổ chức có liên quan": a noun in a list of bodies
        best = m.start()
        break
    return text[:best]


def take_subject(text: str) -> str:
    """The parties a sentence opens with, up to its verb: like :func:`take_org`, but a list
    separated by ';' goes on ("Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố và các
    cơ quan, tổ chức có liên quan căn cứ ..." -> all three)."""
    head = _org_head(text)
    m = re.search(r"[:(]|\.\s|\.$", head)
    if m:
        head = head[: m.start()]
    parts = [p.strip(" ,.;:-") for p in head.split(";")]
    if len(parts) > 1 and all(looks_like_org(p) for p in parts if p):
        return "; ".join(p for p in parts if p)
    return take_org(text)


def take_org(text: str) -> str:
    """The organisation name at the start of ``text`` (up to the first lower-case verb phrase or
    punctuation that ends it): "Phòng Tư pháp tham mưu Hội đồng ..." -> "Phòng Tư pháp".
    """
    head = _org_head(text)
    # keep commas that join words of a collective ("Các Phòng, ban"), cut at other punctuation
    m = re.search(r"[;:(]|\.\s|\.$", head)
    if m:
        head = head[: m.start()]
    return head.strip(" ,.;:-")
