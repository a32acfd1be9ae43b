"""Plans written other ways: pipe tables with 8 columns and group rows, a plan carried inside a
Quyết định with inline tasks, a table flattened one cell per line."""

from __future__ import annotations

import pytest

from conftest import DATA
from kehoach.importing import parse_file


@pytest.fixture(scope="module")
def province(validate):
    return validate(parse_file(DATA / "tinh_2025_8cot.md"))


def test_header_side_by_side(province):
    doc = province["document"]
    assert (doc["number"], doc["issued_on"], doc["issuer"], doc["superior"]) == (
        "245/KH-SNV",
        "2025-09-12",
        "Sở Nội vụ",
        "Ủy ban nhân dân tỉnh Khánh Hòa",
    )
    assert doc["title"] == "Tuyên truyền cải cách hành chính trên địa bàn tỉnh giai đoạn 2025 - 2026"
    assert doc["year"] == 2025 and doc["horizon"] == [2025, 2026]
    assert len(doc["bases"]) == 3  # "... và Quyết định số ..." is two documents
    assert doc["signer"]["name"] == "Trần Thị Minh Hằng"


def test_pipe_table_eight_columns(province):
    acts = province["activities"]
    assert [a["no"] for a in acts] == ["1", "2", "1", "2", "3", "4"]  # numbering restarts per group
    assert acts[0]["group"] == "I. Tuyên truyền trên báo chí"
    assert acts[2]["group"] == "II. Tập huấn, hội nghị"
    assert acts[1]["coordinators"] == ["Các sở, ngành", "UBND xã, phường, đặc khu"]
    assert acts[2]["coordinators"] == ["Sở Tài chính", "Sở Tư pháp", "UBND các xã, phường"]
    assert (acts[2]["product"], acts[2]["budget"], acts[2]["note"]) == (
        "Lớp tập huấn",
        "Ngân sách tỉnh",
        "02 lớp",
    )
    assert acts[0]["timeframe"] == {
        "text": "Hằng tháng",
        "start": "2025-01-01",
        "end": "2026-12-31",
        "regular": True,
    }
    assert acts[3]["timeframe"]["start"] == "2025-10-01" and acts[3]["timeframe"]["end"] == "2026-06-30"
    assert acts[5]["timeframe"]["start"] == "2026-07-01"


def test_province_duties(province):
    duties = {d["text"][:25]: d for d in province["duties"]}
    assert duties["Theo dõi, đôn đốc việc th"]["due"] == {"date": "2025-12-15", "inclusive": False}
    assert duties["Định kỳ hằng quý báo cáo "]["recurrence"] == [{"every": "quarter"}]
    assert duties["Báo cáo kết quả thực hiện"]["recurrence"] == [{"every": "month", "day": 20}]
    assert duties["Báo cáo kết quả thực hiện"]["report_to"] == "Sở Nội vụ"
    assert duties["Gửi báo cáo năm chậm nhất"]["report_to"] == "Phòng Cải cách hành chính - Sở Nội vụ"
    weekly = duties["Giao Báo và Phát thanh, T"]
    assert weekly["who"] == ["Báo và Phát thanh, Truyền hình Khánh Hòa"]
    assert weekly["recurrence"] == [{"every": "week", "min_count": 2, "min_minutes": 15}]
    # objectives' target years and yearly budgeting are not duties
    assert not any(d["section"].startswith("I.") for d in province["duties"])


@pytest.fixture(scope="module")
def decision(validate):
    return validate(parse_file(DATA / "quyet_dinh_2026_inline.txt"))


def test_plan_inside_decision(decision):
    doc = decision["document"]
    # the document is the decision (issue 10, item 5): its kind, number and trích yếu; the plan it
    # carries keeps its own kind and title beside them
    assert doc["kind"] == "QUYẾT ĐỊNH"
    assert doc["number"] == "87/QĐ-UBND" and doc["issued_on"] == "2026-01-16"
    assert doc["carries"] == {
        "kind": "KẾ HOẠCH",
        "title": "Chuyển đổi số trong cơ quan nhà nước tỉnh Lâm Đồng năm 2026",
    }
    assert (
        doc["title"]
        == "Về việc ban hành Kế hoạch chuyển đổi số trong cơ quan nhà nước tỉnh Lâm Đồng năm 2026"
    )
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert doc["signer"] == {
        "name": "Nguyễn Văn Phúc",
        "position": "PHÓ CHỦ TỊCH",
        "authority": "KT. CHỦ TỊCH",
    }
    assert len(doc["bases"]) == 2  # "Xét đề nghị" is not a legal basis
    assert [s["heading"] for s in decision["sections"]] == [
        "MỤC TIÊU",
        "NHIỆM VỤ VÀ GIẢI PHÁP",
        "TỔ CHỨC THỰC HIỆN",
    ]


def test_inline_tasks(decision):
    acts = decision["activities"]
    assert [a["lead"] for a in acts] == [
        "Sở Khoa học và Công nghệ",
        "Văn phòng UBND tỉnh",
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ",
        "Công an tỉnh",
    ]
    assert acts[0]["coordinators"] == ["Văn phòng UBND tỉnh", "Công an tỉnh", "UBND các xã, phường, đặc khu"]
    assert acts[0]["timeframe"]["text"] == "Quý II/2026"
    assert acts[1]["timeframe"] == {
        "text": "trước ngày 30 tháng 6 năm 2026",
        "start": None,
        "end": "2026-06-30",
        "regular": False,
    }
    assert acts[2]["timeframe"]["start"] == "2026-03-01"
    assert acts[3]["content"] == "Đào tạo kỹ năng số cho cán bộ, công chức cấp xã"
    assert acts[3]["coordinators"] == ["Sở Khoa học và Công nghệ", "Sở Tài chính", "các cơ quan liên quan"]
    assert acts[3]["timeframe"]["start"] == "2026-07-01"
    assert acts[4]["timeframe"]["regular"] is True


def test_decision_duties(decision):
    by_start = {d["text"][:22]: d for d in decision["duties"]}
    assert by_start["Hướng dẫn, đôn đốc tri"]["recurrence"] == [{"every": "6 months"}, {"every": "year"}]
    assert by_start["Tổng hợp kết quả, báo "]["due"] == {"date": "2026-12-31", "inclusive": True}
    assert by_start["Tham mưu bố trí kinh p"]["recurrence"] == []
    assert by_start["Xây dựng kế hoạch của "]["due"] == {"date": "2026-02-15", "inclusive": False}
    assert not any("Thời hạn" in d["text"] for d in decision["duties"])


def test_flattened_table(validate):
    plan = validate(parse_file(DATA / "flattened_2024.txt"))
    acts = plan["activities"]
    assert [a["no"] for a in acts] == ["1", "2", "3"]
    assert acts[0]["lead"] == "Trung tâm Văn hóa - Thông tin và Thể thao huyện"
    assert acts[1]["lead"] == "Phòng Nội vụ" and acts[1]["coordinators"] == []  # empty cell left out
    assert acts[1]["timeframe"]["start"] == "2024-07-01"
    assert acts[2]["coordinators"] == ["Các cơ quan, đơn vị"]
    assert plan["duties"][0]["due"] == {"date": "2024-12-05", "inclusive": False}
