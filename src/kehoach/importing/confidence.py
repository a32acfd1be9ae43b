"""Độ tin cậy của từng ô (confidence per field): how sure the importer is of each field of an
activity, with the reasons in Vietnamese, so the review page can show the doubtful cells first.

Added to each activity as ``confidence`` ({field: 0.0..1.0}) and ``doubts`` ([{field, message}]);
the schema allows these extra properties. A value of 1.0 means nothing looked odd, not "checked".
"""

from __future__ import annotations

import re

from .names import looks_like_org

FIELDS = ("content", "lead", "coordinators", "timeframe")
LOW = 0.6  # below this the review page flags the cell

_LEAD_WORDS = re.compile(r"\b(?:chủ trì|phối hợp)\b", re.I)
_TIME_WORDS = re.compile(r"\b(?:quý|tháng|năm \d{4}|thường xuyên|hằng năm|trước ngày)\b", re.I)


def assess(act: dict, flags: dict | None = None) -> tuple[dict[str, float], list[dict[str, str]]]:
    """(confidence per field, doubts) of one activity. ``flags`` are what the table reader noticed:
    ``sentence`` (the lead cell was a sentence it split), ``inherited`` (lead taken from the row
    above), ``merged`` (lines joined from outside the row)."""
    flags = flags or {}
    conf = dict.fromkeys(FIELDS, 1.0)
    doubts: list[dict[str, str]] = []

    def doubt(field: str, value: float, message: str) -> None:
        conf[field] = min(conf[field], value)
        doubts.append({"field": field, "message": message})

    content = act.get("content") or ""
    if len(content) < 8:
        doubt("content", 0.3, "Nội dung quá ngắn: có thể là tên nhóm hoặc dòng bị tách.")
    elif len(content) > 700:
        doubt("content", 0.5, "Nội dung rất dài: có thể đã gộp nhiều dòng của bảng.")
    if _LEAD_WORDS.search(content) and not act.get("lead"):
        doubt("content", 0.5, "Nội dung có chữ “chủ trì/phối hợp”: kiểm tra cơ quan chủ trì.")
    if flags.get("merged"):
        doubt("content", 0.7, "Nội dung ghép từ dòng tiếp theo trong bảng.")

    lead = act.get("lead")
    if not lead:
        doubt("lead", 0.2, "Không tìm thấy cơ quan chủ trì.")
    else:
        if not looks_like_org(lead):
            doubt("lead", 0.4, "Cơ quan chủ trì không giống tên cơ quan, đơn vị.")
        if len(lead) > 150:
            doubt("lead", 0.4, "Ô chủ trì rất dài: có thể chứa cả câu hoặc nhiều cơ quan.")
        if flags.get("sentence"):
            doubt("lead", 0.8, "Đã tách câu “… chủ trì, phối hợp với …” thành chủ trì và phối hợp.")
        if flags.get("inherited"):
            doubt("lead", 0.5, "Lấy cơ quan chủ trì của dòng trên (ô trống trong bảng).")
    for party in act.get("coordinators") or []:
        if len(party) > 120 or not looks_like_org(party):
            doubt("coordinators", 0.5, f"“{party[:60]}” không giống tên một cơ quan: kiểm tra cách tách.")
            break

    tf = act.get("timeframe") or {}
    if tf.get("text") and not (tf.get("start") or tf.get("end")):
        doubt("timeframe", 0.3, "Không đọc được ngày từ thời gian thực hiện.")
    elif not tf.get("text"):
        doubt("timeframe", 0.6, "Văn bản không ghi thời gian thực hiện.")
    elif tf.get("regular") and not tf.get("end"):
        doubt("timeframe", 0.6, "Thực hiện thường xuyên nhưng không rõ năm kết thúc.")
    if _TIME_WORDS.search(act.get("product") or "") and not tf.get("text"):
        doubt("timeframe", 0.4, "Cột sản phẩm có vẻ chứa thời gian.")
    return {k: round(v, 2) for k, v in conf.items()}, doubts


def annotate(activities: list[dict]) -> None:
    """Add ``confidence`` and ``doubts`` to each activity (in place); drop the reader's flags."""
    for act in activities:
        act["confidence"], act["doubts"] = assess(act, act.pop("_flags", None))


def least(act: dict) -> float:
    """The lowest confidence of an activity (1.0 when it has none): the review page sorts by it."""
    return min((act.get("confidence") or {}).values(), default=1.0)
