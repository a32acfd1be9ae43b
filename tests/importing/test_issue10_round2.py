"""Issue 10, round 2: the general rules behind the corpus scores (each tested on its own shape)."""

from __future__ import annotations

from datetime import date

import pytest

from kehoach.importing import parse_bytes
from kehoach.importing.columns import cell_affinity, guess_roles
from kehoach.importing.duties import find_due
from kehoach.importing.leads import split_lead_field
from kehoach.importing.names import split_parties
from kehoach.importing.structure import repair_labels
from kehoach.importing.timeframes import parse_timeframe
from kehoach.importing.wrapped import wrapped_table

# ---------------------------------------------------------------- column roles from cell contents


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Sở Tư pháp", "lead"),
        ("Ủy ban nhân dân các xã, phường", "coord"),
        ("Quý IV/2026", "time"),
        ("Nhiệm vụ thường xuyên", "time"),
        ("150 triệu đồng", "budget"),
        ("Quyết định của Thủ tướng Chính phủ phê duyệt Đề án", "product"),
        ("Các khóa đào tạo được tổ chức", "product"),
    ],
)
def test_a_cell_fits_its_column_better_than_the_others(text, role):
    mine = cell_affinity(text, role)
    others = {
        r: cell_affinity(text, r) for r in ("content", "lead", "time", "budget", "product") if r != role
    }
    if role == "coord":
        others.pop("lead")  # a unit fits both unit columns; the order decides
    assert all(mine > v for v in others.values()), (mine, others)


def test_long_prose_is_content():
    prose = "Rà soát, sửa đổi, bổ sung các quy định về thủ tục hành chính liên quan đến đầu tư, kinh doanh"
    assert cell_affinity(prose, "content", 1.0) > max(cell_affinity(prose, r, 1.0) for r in ("lead", "time"))


def test_roles_of_a_table_without_header_come_from_its_cells():
    rows = [
        ["1", "Tổ chức hội nghị quán triệt kế hoạch cải cách hành chính năm 2026", "Sở Nội vụ", "Các sở, ban, ngành", "Quý I/2026"],
        ["2", "Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai", "Sở Nông nghiệp và Môi trường", "UBND các xã, phường", "Thường xuyên"],
        ["3", "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị", "Sở Nội vụ", "Thanh tra tỉnh", "Tháng 10/2026"],
    ]  # fmt: skip
    assert guess_roles(rows) == {0: "no", 1: "content", 2: "lead", 3: "coord", 4: "time"}


def test_a_header_word_wins_over_the_cells():
    rows = [["1", "Tổ chức hội nghị quán triệt kế hoạch", "Sở Nội vụ", "Quý I/2026"]]
    assert guess_roles(rows, {2: "coord"})[2] == "coord"


# ---------------------------------------------------------------- wrapped-cell tables (PDF text copies)

WRAPPED = """TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian
hoàn thành
1
Xây dựng Đề án hình thành mạng lưới
chuyên gia pháp lý hỗ trợ nghiên cứu
các vấn đề mới.
Bộ Tư pháp
Bộ Khoa học và
Công nghệ
Cơ quan, tổ chức
và doanh nghiệp
liên quan
Quyết định của
Thủ tướng
Chính phủ
Quý IV/2026
2  Tổng kết việc thi hành Luật Ban hành văn bản
quy phạm pháp luật năm 2025
Bộ Tư pháp
Các bộ,
cơ quan ngang bộ
Báo cáo tổng kết
Tháng
9/2026
Nơi nhận:"""


def test_a_table_cut_line_by_line_is_read_row_by_row():
    items = WRAPPED.split("\n")
    table, end = wrapped_table(items, 0)
    assert items[end] == "Nơi nhận:"
    header, first, second = table.rows
    assert header == [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Kết quả",
        "Thời gian hoàn thành",
    ]
    assert first[0] == "1" and first[2] == "Bộ Tư pháp"
    assert split_parties(first[3]) == [
        "Bộ Khoa học và Công nghệ",
        "Cơ quan, tổ chức và doanh nghiệp liên quan",
    ]
    assert first[4] == "Quyết định của Thủ tướng Chính phủ" and first[5] == "Quý IV/2026"
    assert second[1].startswith("Tổng kết việc thi hành") and second[3] == "Các bộ, cơ quan ngang bộ"
    assert second[5] == "Tháng 9/2026"


def test_a_wrapped_table_gives_activities():
    text = "KẾ HOẠCH\nThực hiện Nghị quyết năm 2026\nI. NHIỆM VỤ\n" + WRAPPED
    acts = parse_bytes(text.encode(), "kh.txt")["activities"]
    assert [(a["no"], a["lead"], a["timeframe"]["end"]) for a in acts] == [
        ("1", "Bộ Tư pháp", "2026-12-31"),
        ("2", "Bộ Tư pháp", "2026-09-30"),
    ]
    assert acts[0]["product"] == "Quyết định của Thủ tướng Chính phủ"


# ---------------------------------------------------------------- inline tasks, decisions, labels


def test_labels_put_on_the_wrong_line_go_back_to_their_text():
    lines = ["1.4.", "Xây dựng kế hoạch tuyên truyền.", "2. Nâng cao năng lực 2.1.", "Rà soát cơ chế.",
             "3. Giải quyết tranh chấp 3.1. Rà soát thiết chế.",
             "- Cơ quan thực hiện: Sở Nội vụ -Thời gian thực hiện: Quý II/2020."]  # fmt: skip
    assert repair_labels(lines) == [
        "1.4. Xây dựng kế hoạch tuyên truyền.",
        "2. Nâng cao năng lực",
        "2.1. Rà soát cơ chế.",
        "3. Giải quyết tranh chấp",
        "3.1. Rà soát thiết chế.",
        "- Cơ quan thực hiện: Sở Nội vụ",
        "- Thời gian thực hiện: Quý II/2020.",
    ]


DECISION = """ỦY BAN NHÂN DÂN TỈNH KON TUM
Số: 435/QĐ-UBND
Kon Tum, ngày 04 tháng 5 năm 2020
QUYẾT ĐỊNH
Ban hành Chương trình hành động về quan hệ lao động
Điều 1. Ban hành kèm theo Quyết định này Chương trình hành động.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
CHƯƠNG TRÌNH HÀNH ĐỘNG
I. NỘI DUNG
1. Tuyên truyền pháp luật lao động cho người lao động.
- Cơ quan thực hiện: Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Liên đoàn Lao động tỉnh và các đơn vị có liên quan tham mưu thực hiện.
- Thời gian thực hiện: Thực hiện thường xuyên, riêng việc quán triệt hoàn thành trong quý II/2020.
2. Hướng dẫn doanh nghiệp thực hiện pháp luật.
- Cơ quan thực hiện: Sở Thông tin và Truyền thông đôn đốc, hướng dẫn các đơn vị triển khai thực hiện.
- Thời gian thực hiện: Thực hiện thường xuyên trong năm.
II. TỔ CHỨC THỰC HIỆN
Sở Lao động - Thương binh và Xã hội tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30 tháng 11 hằng năm.
"""


def test_a_decision_carries_its_programme_after_the_signature():
    plan = parse_bytes(DECISION.encode(), "qd.txt")
    acts = plan["activities"]
    assert [(a["no"], a["lead"], a["coordinators"]) for a in acts] == [
        ("1", "Sở Lao động - Thương binh và Xã hội", ["Liên đoàn Lao động tỉnh", "các đơn vị có liên quan"]),
        ("2", "Sở Thông tin và Truyền thông", []),
    ]
    assert (acts[0]["timeframe"]["start"], acts[0]["timeframe"]["end"]) == ("2020-01-01", None)
    assert (acts[1]["timeframe"]["start"], acts[1]["timeframe"]["end"]) == ("2020-01-01", "2020-12-31")
    (duty,) = [d for d in plan["duties"] if d["due"]]
    assert duty["due"] == {"date": "2020-11-30", "inclusive": False}
    assert duty["recurrence"] == [{"every": "year"}]


def test_a_lead_field_with_a_verb_keeps_the_unit():
    assert split_lead_field("Sở Thông tin và Truyền thông đôn đốc, hướng dẫn các đơn vị.") == (
        "Sở Thông tin và Truyền thông",
        [],
        True,
    )
    assert split_lead_field("Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố.")[0] == (
        "Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố"
    )


# ---------------------------------------------------------------- parties, times, deadlines


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Các đơn vị thuộc các Bộ quản lý lĩnh vực, các tổ chức quốc tế, các Viện nghiên cứu",
            ["Các đơn vị thuộc các Bộ quản lý lĩnh vực", "các tổ chức quốc tế", "các Viện nghiên cứu"],
        ),
        ("Ban Tuyên giáo Trung ương, VTV, VOV, TTXVN", ["Ban Tuyên giáo Trung ương", "VTV", "VOV", "TTXVN"]),
        ("Cơ quan, tổ chức và doanh nghiệp liên quan", ["Cơ quan, tổ chức và doanh nghiệp liên quan"]),
        ("- Vụ Pháp chế; - Văn phòng Bộ.", ["Vụ Pháp chế", "Văn phòng Bộ"]),
        ("các đơn vị có liên quan thuộc Bộ TN&MT", ["các đơn vị có liên quan thuộc Bộ TN&MT"]),
    ],
)
def test_parties(text, parties):
    assert split_parties(text) == parties


@pytest.mark.parametrize(
    ("text", "year", "horizon", "start", "end"),
    [
        ("10-11/2019", 2019, None, "2019-10-01", "2019-11-30"),
        ("Quý III, năm 2022", 2022, None, "2022-07-01", "2022-09-30"),
        ("Tháng 12, năm 2022", 2022, None, "2022-12-01", "2022-12-31"),
        ("Năm 2022 và hàng năm", 2022, (2022, 2030), "2022-01-01", "2030-12-31"),
        ("Năm 2025 và các năm tiếp theo", 2022, (2022, 2030), "2025-01-01", "2030-12-31"),
        ("Từ tháng 4/2025", 2025, (2025, 2025), "2025-04-01", None),
        (
            "Thực hiện định kỳ hằng năm; Riêng năm 2020 hoàn thành trong quý II/2020",
            2020,
            (2020, 0),
            "2020-01-01",
            None,
        ),
        ("Thực hiện thường xuyên trong năm", 2020, (2020, 0), "2020-01-01", "2020-12-31"),
    ],
)
def test_time_frames(text, year, horizon, start, end):
    tf = parse_timeframe(text, year, horizon)
    assert (tf["start"], tf["end"]) == (start, end)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("gửi về Sở Công Thương trước ngày 20 hằng tháng", {"date": "2026-04-20", "inclusive": False}),
        ("báo cáo trước ngày 31 tháng 12 hàng năm", {"date": "2026-12-31", "inclusive": False}),
        ("hoàn thành phê duyệt phương án trong năm 2026", {"date": "2026-12-31", "inclusive": True}),
        (
            "Trong năm 2026, các bộ, ngành; các địa phương hoàn thành việc quán triệt",
            {"date": "2026-12-31", "inclusive": True},
        ),
    ],
)
def test_recurring_deadlines_are_dated_from_the_issue_date(text, due):
    assert find_due(text, 2026, date(2026, 3, 26)) == due
