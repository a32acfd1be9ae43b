"""Row edits of the review (thêm / tách / gộp dòng) and the confidence of each field (độ tin cậy)."""

from __future__ import annotations

from kehoach.importing import parse_bytes
from kehoach.importing.confidence import LOW, assess, least
from kehoach.importing.rows import add_row, empty_row, merge_rows, split_content, split_row


def row(no, content, lead="Sở Nội vụ", coords=(), text="Quý I/2025", start="2025-01-01", end="2025-03-31"):
    return {
        "no": no,
        "content": content,
        "lead": lead,
        "coordinators": list(coords),
        "timeframe": {"text": text, "start": start, "end": end, "regular": False},
        "note": None,
        "product": None,
    }


def test_split_content_at_lines_bullets_semicolons_then_sentences():
    assert split_content("Rà soát văn bản\nBan hành quy chế") == ("Rà soát văn bản", "Ban hành quy chế")
    assert split_content("Tuyên truyền - In tờ rơi - Phát thanh") == (
        "Tuyên truyền",
        "- In tờ rơi - Phát thanh",
    )
    assert split_content("Rà soát; ban hành quy chế") == ("Rà soát", "ban hành quy chế")
    assert split_content("Rà soát văn bản. Ban hành quy chế.") == ("Rà soát văn bản.", "Ban hành quy chế.")
    assert split_content("Rà soát văn bản") is None


def test_split_row_keeps_lead_and_time_and_leaves_the_input_alone():
    rows = [row("1", "Rà soát; ban hành quy chế", coords=["Sở Tư pháp"]), row("2", "Tổng kết")]
    out = split_row(rows, 0)
    assert [r["content"] for r in out] == ["Rà soát", "ban hành quy chế", "Tổng kết"]
    assert (
        out[1]["lead"] == "Sở Nội vụ" and out[1]["coordinators"] == ["Sở Tư pháp"] and out[1]["no"] == "1.b"
    )
    assert rows[0]["content"] == "Rà soát; ban hành quy chế"  # input unchanged
    assert split_row(rows, 1) == rows  # nothing to cut: unchanged
    assert [r["content"] for r in split_row(rows, 0, at="ban hành")] == [
        "Rà soát",
        "ban hành quy chế",
        "Tổng kết",
    ]


def test_merge_rows_joins_content_unites_coordinators_and_widens_time():
    a = row("1", "Rà soát văn bản", coords=["Sở Tư pháp"])
    b = row("", "cấp tỉnh", lead=None, coords=["Sở Tư pháp", "Công an tỉnh"], text="Quý II/2025",
            start="2025-04-01", end="2025-06-30")  # fmt: skip
    out = merge_rows([a, b], 0)
    assert len(out) == 1
    m = out[0]
    assert m["content"] == "Rà soát văn bản cấp tỉnh" and m["lead"] == "Sở Nội vụ"
    assert m["coordinators"] == ["Sở Tư pháp", "Công an tỉnh"]
    assert (m["timeframe"]["start"], m["timeframe"]["end"]) == ("2025-01-01", "2025-06-30")
    assert m["timeframe"]["text"] == "Quý I/2025; Quý II/2025"
    assert merge_rows([a], 0) == [a]  # no row below: unchanged


def test_add_row_inserts_a_blank_row():
    rows = [row("1", "A"), row("2", "B")]
    assert [r["content"] for r in add_row(rows, 0)] == ["A", "", "B"]
    assert add_row(rows)[-1] == empty_row("3")


def test_confident_row_has_no_doubts():
    conf, doubts = assess(row("1", "Rà soát văn bản quy phạm pháp luật"))
    assert doubts == [] and least({"confidence": conf}) == 1.0


def test_missing_lead_and_unread_time_are_doubtful():
    conf, doubts = assess(
        row("1", "Tập huấn cho cán bộ", lead=None, text="Khi có yêu cầu", start=None, end=None)
    )
    assert conf["lead"] < LOW and conf["timeframe"] < LOW
    assert {d["field"] for d in doubts} == {"lead", "timeframe"}


def test_split_lead_sentence_is_noted_but_not_flagged():
    conf, doubts = assess(row("1", "Tuyên truyền pháp luật"), {"sentence": True})
    assert LOW <= conf["lead"] < 1 and doubts[0]["field"] == "lead"


def test_parsed_activities_carry_confidence_and_doubts():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 12/KH-UBND\nKhánh Hòa, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH\n"
        "Tuyên truyền năm 2025\nPHỤ LỤC\nSTT\tNội dung\tCơ quan chủ trì\tThời gian\n"
        "1\tTuyên truyền pháp luật\tSở Tư pháp chủ trì, phối hợp với Sở Nội vụ\tQuý I/2025\n"
        "2\tTập huấn cán bộ\t\tKhi có yêu cầu\n"
    )
    acts = parse_bytes(text.encode(), "x.txt")["activities"]
    assert all(set(a["confidence"]) == {"content", "lead", "coordinators", "timeframe"} for a in acts)
    assert acts[0]["confidence"]["lead"] == 0.8 and least(acts[1]) < LOW
    assert "_flags" not in acts[0]
