"""Appendix tables as real plans lay them out: two-row headers over merged parents, a column
numbering row, group rows, sub-items inside a content cell, collective party names, one party per
line, and the usual time cells. Each shape in a .docx built here and, where text has it, in .txt."""

from __future__ import annotations

import io

import pytest

from kehoach.importing import parse_bytes
from kehoach.importing.timeframes import parse_timeframe

HEAD = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH ĐỒNG NAI",
    "Số: 12/KH-UBND",
    "Đồng Nai, ngày 10 tháng 01 năm 2025",
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2025",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao hiệu quả công tác cải cách hành chính.",
    "II. NHIỆM VỤ",
    "Chi tiết tại Phụ lục kèm theo.",
]
T = "\t"


def _docx(rows: list[list[str | None]], merges: list[tuple[tuple[int, int], tuple[int, int]]]) -> bytes:
    import docx

    document = docx.Document()
    for line in HEAD:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text is not None:
                table.cell(i, j).text = text
    for (a, b), (c, d) in merges:
        table.cell(a, b).merge(table.cell(c, d))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _plan(validate, data: bytes | str, name: str) -> dict:
    if isinstance(data, str):
        data = ("\n".join(HEAD) + "\nPHỤ LỤC\n" + data + "\n").encode("utf-8")
    return validate(parse_bytes(data, name))


def _row(a: dict) -> tuple:
    tf = a["timeframe"]
    return (
        a["no"],
        a["content"],
        a["lead"],
        a["coordinators"],
        tf["text"],
        tf["start"],
        tf["end"],
        tf["regular"],
    )


# ------------------------------------------------------------------ 1. two-row header, merged parents

TWO_ROW = [
    ["STT", "Nội dung công việc", "Cơ quan thực hiện", None, "Thời gian thực hiện", None, "Kinh phí", None, "Ghi chú"],
    [None, None, "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành", "Nguồn", "Số tiền", None],
    ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Sở Nội vụ", "Tháng 3/2025", "Tháng 6/2025", "NSNN", "100", ""],
    ["2", "Kiểm tra công tác cải cách hành chính", "Sở Nội vụ", "Văn phòng UBND tỉnh", "01/4/2025", "Trước 31/12/2025", "", "", "Đột xuất"],
    ["3", "Tổng kết", "Sở Nội vụ", "", "Quý IV/2025", "", "", "", ""],
]  # fmt: skip
TWO_ROW_MERGES = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (0, 5)), ((0, 6), (0, 7)), ((0, 8), (1, 8))]  # fmt: skip
TWO_ROW_EXPECTED = [
    ("1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", ["Sở Nội vụ"], "Tháng 3/2025 - Tháng 6/2025", "2025-03-01", "2025-06-30", False),
    ("2", "Kiểm tra công tác cải cách hành chính", "Sở Nội vụ", ["Văn phòng UBND tỉnh"], "01/4/2025 - Trước 31/12/2025", "2025-04-01", "2025-12-31", False),
    ("3", "Tổng kết", "Sở Nội vụ", [], "Quý IV/2025", "2025-10-01", "2025-12-31", False),
]  # fmt: skip


def test_two_row_header_docx(validate):
    plan = _plan(validate, _docx(TWO_ROW, TWO_ROW_MERGES), "kh.docx")
    assert [_row(a) for a in plan["activities"]] == TWO_ROW_EXPECTED
    assert plan["activities"][0]["budget"] == "NSNN; 100"
    assert plan["activities"][1]["note"] == "Đột xuất"


def test_two_row_header_docx_without_vertical_merge(validate):
    rows = [[c or "" for c in r] for r in TWO_ROW]
    merges = [((0, 2), (0, 3)), ((0, 4), (0, 5)), ((0, 6), (0, 7))]
    plan = _plan(validate, _docx(rows, merges), "kh.docx")
    assert [_row(a) for a in plan["activities"]] == TWO_ROW_EXPECTED


@pytest.mark.parametrize("keep_leading_tabs", [True, False])
def test_two_row_header_text(validate, keep_leading_tabs):
    sub = ["", "", "Chủ trì", "Phối hợp", "Từ", "Đến", "Nguồn", "Số tiền"]
    lines = [T.join(["STT", "Nội dung công việc", "Cơ quan thực hiện", "", "Thời gian thực hiện", "", "Kinh phí", "", "Ghi chú"]),
             T.join(sub) if keep_leading_tabs else T.join(sub[2:])]  # fmt: skip
    lines += [T.join(c or "" for c in r) for r in TWO_ROW[2:]]
    plan = _plan(validate, "\n".join(lines), "kh.txt")
    assert [_row(a) for a in plan["activities"]] == TWO_ROW_EXPECTED


def test_two_row_header_markdown(validate):
    text = "\n".join(
        [
            "| STT | Nội dung | Cơ quan thực hiện | | Thời gian | | Ghi chú |",
            "|---|---|---|---|---|---|---|",
            "| | | Chủ trì | Phối hợp | Bắt đầu | Hoàn thành | |",
            "| 1 | Rà soát văn bản | Sở Tư pháp | Sở Nội vụ<br>Văn phòng UBND tỉnh | Tháng 9/2025 | Tháng 10/2025 | |",
        ]
    )
    plan = _plan(validate, text, "kh.md")
    assert [_row(a) for a in plan["activities"]] == [
        ("1", "Rà soát văn bản", "Sở Tư pháp", ["Sở Nội vụ", "Văn phòng UBND tỉnh"],
         "Tháng 9/2025 - Tháng 10/2025", "2025-09-01", "2025-10-31", False),
    ]  # fmt: skip


# ------------------------------------------------------------------ 2. column numbering row


NUMBERED_HEAD = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"]
NUMBERED_BODY = [
    ["1", "Tuyên truyền cải cách hành chính", "Sở Nội vụ", "Sở Tư pháp", "Năm 2025", ""],
    ["2", "Khảo sát sự hài lòng", "Sở Nội vụ", "", "Tháng 10/2025", ""],
]
NUMBERED_EXPECTED = [
    ("1", "Tuyên truyền cải cách hành chính", "Sở Nội vụ", ["Sở Tư pháp"], "Năm 2025", "2025-01-01", "2025-12-31", False),
    ("2", "Khảo sát sự hài lòng", "Sở Nội vụ", [], "Tháng 10/2025", "2025-10-01", "2025-10-31", False),
]  # fmt: skip


@pytest.mark.parametrize(
    "numbers", [["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], ["1", "2", "3", "4", "5", "6"]]
)
def test_column_number_row_docx(validate, numbers):
    plan = _plan(validate, _docx([NUMBERED_HEAD, numbers, *NUMBERED_BODY], []), "kh.docx")
    assert [_row(a) for a in plan["activities"]] == NUMBERED_EXPECTED


@pytest.mark.parametrize(
    "numbers", [["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], ["1", "2", "3", "4", "5", "6"]]
)
def test_column_number_row_text(validate, numbers):
    text = "\n".join(T.join(r) for r in [NUMBERED_HEAD, numbers, *NUMBERED_BODY])
    plan = _plan(validate, text, "kh.txt")
    assert [_row(a) for a in plan["activities"]] == NUMBERED_EXPECTED


def test_column_number_row_flattened(validate):
    lines = NUMBERED_HEAD[:5] + ["1", "2", "3", "4", "5"]
    lines += ["1", "Tuyên truyền cải cách hành chính", "Sở Nội vụ", "Sở Tư pháp", "Năm 2025"]
    plan = _plan(validate, "\n".join(lines), "kh.txt")
    assert [_row(a) for a in plan["activities"]] == NUMBERED_EXPECTED[:1]


# ------------------------------------------------------------------ 3. group rows, sub-items


def test_group_rows_and_sub_items_docx(validate):
    rows = [
        NUMBERED_HEAD,
        ["A. NHIỆM VỤ TRỌNG TÂM", "", "", "", "", ""],
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""],
        ["1", "Rà soát văn bản:\na) Văn bản của HĐND tỉnh;\nb) Văn bản của UBND tỉnh", "Sở Tư pháp", "", "Quý II/2025", ""],
        ["B. NHIỆM VỤ THƯỜNG XUYÊN", "", "", "", "", ""],
        ["2", "Kiểm tra công vụ\n- tại các sở\n- tại các huyện", "Sở Nội vụ", "", "Thường xuyên", ""],
    ]  # fmt: skip
    plan = _plan(validate, _docx(rows, [((1, 0), (1, 5)), ((4, 0), (4, 5))]), "kh.docx")
    acts = plan["activities"]
    assert [a["no"] for a in acts] == ["1", "2"]
    assert acts[0]["group"] == "I. CẢI CÁCH THỂ CHẾ"
    assert acts[0]["content"] == "Rà soát văn bản: a) Văn bản của HĐND tỉnh; b) Văn bản của UBND tỉnh"
    assert acts[1]["group"] == "B. NHIỆM VỤ THƯỜNG XUYÊN"
    assert acts[1]["content"] == "Kiểm tra công vụ - tại các sở - tại các huyện"
    assert acts[1]["timeframe"]["regular"] is True


def test_group_cells_merged_by_word_docx(validate):
    rows = [NUMBERED_HEAD, ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""], NUMBERED_BODY[0]]
    plan = _plan(validate, _docx(rows, [((1, 0), (1, 5))]), "kh.docx")  # Word joins them: "I\nCẢI ..."
    assert [a["group"] for a in plan["activities"]] == ["I. CẢI CÁCH THỂ CHẾ"]


def test_group_rows_and_sub_items_text(validate):
    text = "\n".join(
        [
            T.join(NUMBERED_HEAD),
            T.join(["1", "2", "3", "4", "5", "6"]),
            "A. NHIỆM VỤ TRỌNG TÂM",
            T.join(["I", "CẢI CÁCH THỂ CHẾ"]),
            T.join(["1", "Rà soát văn bản:"]),
            "a) Văn bản của HĐND tỉnh;",
            "b) Văn bản của UBND tỉnh" + T + "Sở Tư pháp" + T + "Sở Nội vụ" + T + "Quý II/2025",
            "B. NHIỆM VỤ THƯỜNG XUYÊN",
            T.join(["2", "Kiểm tra công vụ", "Sở Nội vụ", "", "Thường xuyên"]),
        ]
    )
    acts = _plan(validate, text, "kh.txt")["activities"]
    assert [(a["no"], a["group"]) for a in acts] == [
        ("1", "I. CẢI CÁCH THỂ CHẾ"),
        ("2", "B. NHIỆM VỤ THƯỜNG XUYÊN"),
    ]
    assert acts[0]["content"] == "Rà soát văn bản: a) Văn bản của HĐND tỉnh; b) Văn bản của UBND tỉnh"
    assert (acts[0]["lead"], acts[0]["coordinators"]) == ("Sở Tư pháp", ["Sở Nội vụ"])
    assert acts[0]["timeframe"]["end"] == "2025-06-30"


# ------------------------------------------------------------------ 4. parties


PARTY_ROWS = [
    ["1", "Triển khai dịch vụ công trực tuyến", "UBND các xã, phường", "Các sở, ban, ngành", "Năm 2025", ""],
    ["2", "Số hóa hồ sơ", "Các sở, ban, ngành", "Sở Nội vụ\nVăn phòng UBND tỉnh\nUBND các huyện, thành phố", "Năm 2025", ""],
    ["3", "Báo cáo", "Sở Tư pháp\nSở Nội vụ", "- Công an tỉnh;\n- Bộ Chỉ huy Quân sự tỉnh", "Năm 2025", ""],
]  # fmt: skip
PARTY_EXPECTED = [
    ("UBND các xã, phường", ["Các sở, ban, ngành"]),
    ("Các sở, ban, ngành", ["Sở Nội vụ", "Văn phòng UBND tỉnh", "UBND các huyện, thành phố"]),
    ("Sở Tư pháp; Sở Nội vụ", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
]


def test_parties_docx(validate):
    acts = _plan(validate, _docx([NUMBERED_HEAD, *PARTY_ROWS], []), "kh.docx")["activities"]
    assert [(a["lead"], a["coordinators"]) for a in acts] == PARTY_EXPECTED


def test_parties_markdown(validate):
    lines = ["| " + " | ".join(NUMBERED_HEAD) + " |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(c.replace("\n", "<br>") for c in r) + " |" for r in PARTY_ROWS]
    acts = _plan(validate, "\n".join(lines), "kh.md")["activities"]
    assert [(a["lead"], a["coordinators"]) for a in acts] == PARTY_EXPECTED


def test_party_name_wrapped_over_lines_stays_whole(validate):
    rows = [
        NUMBERED_HEAD,
        ["1", "Tuyên truyền", "Sở Thông tin và\nTruyền thông", "UBND các xã,\nphường", "Năm 2025", ""],
    ]
    acts = _plan(validate, _docx(rows, []), "kh.docx")["activities"]
    assert (acts[0]["lead"], acts[0]["coordinators"]) == (
        "Sở Thông tin và Truyền thông",
        ["UBND các xã, phường"],
    )


# ------------------------------------------------------------------ 5. time cells

TIMES = [
    ("Năm 2025", "2025-01-01", "2025-12-31", False),
    ("2025", "2025-01-01", "2025-12-31", False),
    ("Tháng 10/2025", "2025-10-01", "2025-10-31", False),
    ("Quý IV/2025", "2025-10-01", "2025-12-31", False),
    ("Trước 31/12/2025", None, "2025-12-31", False),
    ("Thường xuyên", "2025-01-01", "2025-12-31", True),
    ("Hằng tháng", "2025-01-01", "2025-12-31", True),
    ("Định kỳ hằng quý", "2025-01-01", "2025-12-31", True),
    ("Theo chỉ đạo của UBND tỉnh", None, None, False),
    ("Cả năm 2025", "2025-01-01", "2025-12-31", True),
    ("Tháng 9-10/2025", "2025-09-01", "2025-10-31", False),
    ("Quý III, IV/2025", "2025-07-01", "2025-12-31", False),
    ("Quý II - III/2025", "2025-04-01", "2025-09-30", False),
    ("Quý IV - Quý II/2026", "2025-10-01", "2026-06-30", False),
]


@pytest.mark.parametrize(("text", "start", "end", "regular"), TIMES)
def test_time_cells(text, start, end, regular):
    tf = parse_timeframe(text, 2025)
    assert (tf["text"], tf["start"], tf["end"], tf["regular"]) == (text, start, end, regular)


def test_time_cells_in_docx_and_text(validate):
    body = [[str(k + 1), f"Nhiệm vụ số {k + 1}", "Sở Nội vụ", "", t[0], ""] for k, t in enumerate(TIMES)]
    for data, name in (
        (_docx([NUMBERED_HEAD, *body], []), "kh.docx"),
        ("\n".join(T.join(r) for r in [NUMBERED_HEAD, *body]), "kh.txt"),
    ):
        acts = _plan(validate, data, name)["activities"]
        got = [(a["timeframe"]["text"], a["timeframe"]["start"], a["timeframe"]["end"], a["timeframe"]["regular"]) for a in acts]  # fmt: skip
        assert got == TIMES, name


def test_text_after_a_table_is_not_taken_into_its_last_row(validate):
    text = "\n".join(
        [
            T.join(NUMBERED_HEAD),
            T.join(["1", "Tuyên truyền", "Sở Nội vụ"]),
            "Trên đây là Kế hoạch cải cách hành chính năm 2025.",
            "Nơi nhận:" + T + "KT. CHỦ TỊCH",
        ]
    )
    acts = _plan(validate, text, "kh.txt")["activities"]
    assert [(a["no"], a["content"], a["lead"], a["note"]) for a in acts] == [
        ("1", "Tuyên truyền", "Sở Nội vụ", None)
    ]
