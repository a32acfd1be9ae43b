"""The six kinds of issue 10, each as a general rule on small real-shaped examples (the issue's own)."""

from __future__ import annotations

import pytest

from kehoach.importing import parse_bytes
from kehoach.importing.gazetteer import continues_enumeration
from kehoach.importing.leads import split_lead_sentence
from kehoach.importing.names import split_parties
from kehoach.importing.structure import year_from_title
from kehoach.importing.timeframes import parse_timeframe

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 12/KH-UBND\nKhánh Hòa, ngày 10 tháng 3 năm 2025\n"
    "KẾ HOẠCH\nThực hiện chuyển đổi số tỉnh Khánh Hòa đến năm 2030\n"
)


def activities(body: str, head: str = HEAD) -> list[dict]:
    return parse_bytes((head + body).encode(), "ke-hoach.txt")["activities"]


# 1. lead cells that hold a sentence ----------------------------------------------------------


def test_lead_sentence_becomes_lead_and_coordinators_without_breaking_compound_names():
    lead, coords, sentence = split_lead_sentence(
        "Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành, đoàn thể tỉnh, Ủy ban nhân dân xã, phường, "
        "báo, đài và các cơ quan liên quan"
    )
    assert sentence and lead == "Sở Tư pháp"
    assert coords == [
        "các sở, ban, ngành, đoàn thể tỉnh",
        "Ủy ban nhân dân xã, phường",
        "báo, đài",
        "các cơ quan liên quan",
    ]


@pytest.mark.parametrize(
    ("cell", "lead", "coords"),
    [
        ("Sở Nội vụ chủ trì", "Sở Nội vụ", []),
        (
            "Chủ trì: Sở Nội vụ; Phối hợp: Sở Tư pháp, Sở Tài chính",
            "Sở Nội vụ",
            ["Sở Tư pháp", "Sở Tài chính"],
        ),
        ("Sở Nội vụ (chủ trì), Sở Tư pháp", "Sở Nội vụ", ["Sở Tư pháp"]),
        ("Sở Y tế chủ trì phối hợp Sở Giáo dục và Đào tạo", "Sở Y tế", ["Sở Giáo dục và Đào tạo"]),
    ],
)
def test_other_lead_sentence_shapes(cell, lead, coords):
    assert split_lead_sentence(cell)[:2] == (lead, coords)


@pytest.mark.parametrize(
    "cell",
    [
        "Sở Văn hóa, Thể thao và Du lịch và Sở Giáo dục và Đào tạo",
        "Sở Tài chính; Sở Nội vụ",
        "Các Sở, ban, ngành",
    ],
)
def test_joint_and_group_leads_are_kept_as_written(cell):
    assert split_lead_sentence(cell) == (cell, [], False)


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Sở Văn hóa, Thể thao và Du lịch và Sở Giáo dục và Đào tạo", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo"]),
        ("Sở Nội vụ, Sở Tư pháp và UBND các huyện, thị xã, thành phố", ["Sở Nội vụ", "Sở Tư pháp", "UBND các huyện, thị xã, thành phố"]),
        ("Ủy ban nhân dân xã, phường, đặc khu và các cơ quan, đơn vị liên quan", ["Ủy ban nhân dân xã, phường, đặc khu", "các cơ quan, đơn vị liên quan"]),
        ("Báo Khánh Hòa, Đài Phát thanh và Truyền hình tỉnh", ["Báo Khánh Hòa", "Đài Phát thanh và Truyền hình tỉnh"]),
        ("Các cơ quan, đơn vị thuộc UBND huyện", ["Các cơ quan, đơn vị thuộc UBND huyện"]),
    ],
)  # fmt: skip
def test_coordinator_cells_split_between_parties_only(text, parties):
    assert split_parties(text) == parties


def test_gazetteer_enumerations():
    assert continues_enumeration("các sở, ban", "ngành")
    assert continues_enumeration("Ủy ban nhân dân xã", "phường")
    assert continues_enumeration("báo", "đài")
    assert not continues_enumeration("Ủy ban nhân dân xã, phường", "báo")
    assert not continues_enumeration("các sở, ban, ngành", "Ủy ban nhân dân xã")


def test_lead_sentence_in_a_table_row():
    acts = activities(
        "PHỤ LỤC\nSTT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
        "1\tTuyên truyền pháp luật\tSở Tư pháp chủ trì, phối hợp với Sở Nội vụ và Công an tỉnh\tQuý III/2025\n"
        "2\tXây dựng đề án\tSở Văn hóa, Thể thao và Du lịch và Sở Giáo dục và Đào tạo\tNăm 2026\n"
    )
    assert (acts[0]["lead"], acts[0]["coordinators"]) == ("Sở Tư pháp", ["Sở Nội vụ", "Công an tỉnh"])
    assert acts[1]["lead"] == "Sở Văn hóa, Thể thao và Du lịch và Sở Giáo dục và Đào tạo"


# 2. lead and coordinator columns headed differently, group leads ------------------------------


@pytest.mark.parametrize(
    "header",
    [
        ("Nội dung", "Cơ quan chủ trì", "Cơ quan, đơn vị phối hợp", "Thời gian"),
        ("Nhiệm vụ", "Đơn vị chủ trì thực hiện", "Đơn vị phối hợp", "Thời hạn hoàn thành"),
        ("Nội dung công việc", "Chủ trì", "Phối hợp", "Tiến độ"),
    ],
)
def test_lead_and_coordinator_columns_by_their_header_words(header):
    acts = activities(
        "PHỤ LỤC\nSTT\t" + "\t".join(header) + "\n"
        "1\tViệc A\tCác Sở, ban, ngành\tSở Nội vụ\tQuý I/2025\n2\tViệc B\tUBND các xã, phường\tSở Tư pháp\tNăm 2026\n"
    )
    assert [(a["lead"], a["coordinators"]) for a in acts] == [
        ("Các Sở, ban, ngành", ["Sở Nội vụ"]),
        ("UBND các xã, phường", ["Sở Tư pháp"]),
    ]


def test_two_row_header_with_merged_parent():
    acts = activities(
        "PHỤ LỤC\nSTT\tNội dung\tCơ quan thực hiện\t\tThời gian\n\t\tChủ trì\tPhối hợp\t\n"
        "1\tTập huấn\tSở Nội vụ\tSở Tư pháp\tQuý IV/2025\n"
    )
    assert (acts[0]["lead"], acts[0]["coordinators"]) == ("Sở Nội vụ", ["Sở Tư pháp"])


# 3 and 6. rows under group rows, bullets, extra columns; product and note apart from content ---


def test_group_rows_bullets_and_extra_columns():
    acts = activities(
        "PHỤ LỤC\nSTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tCơ quan phối hợp\tThời gian\tSản phẩm\tGhi chú\n"
        "I\tCẢI CÁCH THỂ CHẾ\t\t\t\t\t\n"
        "1\tRà soát văn bản\tSở Tư pháp\tCác sở, ngành\tQuý I/2025\tBáo cáo rà soát\tTrọng tâm\n"
        "\t- Văn bản cấp tỉnh\t\t\t\t\t\n"
        "2\tXây dựng quy chế\tVăn phòng UBND tỉnh\tSở Nội vụ\tQuý II/2025\tQuyết định của UBND tỉnh\t\n"
        "II\tCẢI CÁCH TỔ CHỨC BỘ MÁY\t\t\t\t\t\n"
        "1\tSắp xếp đơn vị\tSở Nội vụ\t\tNăm 2026\tĐề án\t\n"
    )
    assert [a["no"] for a in acts] == ["1", "2", "1"]
    assert acts[0]["content"] == "Rà soát văn bản - Văn bản cấp tỉnh"
    assert (acts[0]["product"], acts[0]["note"]) == ("Báo cáo rà soát", "Trọng tâm")
    assert acts[1]["product"] == "Quyết định của UBND tỉnh" and acts[1]["note"] is None
    assert [a["group"] for a in acts] == ["I. CẢI CÁCH THỂ CHẾ"] * 2 + ["II. CẢI CÁCH TỔ CHỨC BỘ MÁY"]


# 4. time frames against the issue date and the horizon ---------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "regular"),
    [
        ("Thường xuyên", "2025-01-01", "2030-12-31", True),
        ("Hằng năm", "2025-01-01", "2030-12-31", True),
        ("Hàng năm", "2025-01-01", "2030-12-31", True),
        ("Quý III/2025", "2025-07-01", "2025-09-30", False),
        ("Tháng 12/2025", "2025-12-01", "2025-12-31", False),
        ("Năm 2026", "2026-01-01", "2026-12-31", False),
        ("2025–2026", "2025-01-01", "2026-12-31", False),
        ("Trước 30/6/2026", None, "2026-06-30", False),
        ("Trước ngày 15 tháng 12 hằng năm", None, "2030-12-15", True),
    ],
)
def test_time_frames_in_a_plan_to_2030(text, start, end, regular):
    tf = parse_timeframe(text, 2025, (2025, 2030))
    assert (tf["start"], tf["end"], tf["regular"]) == (start, end, regular)


@pytest.mark.parametrize(
    ("title", "horizon"),
    [
        ("Phát triển du lịch năm 2025, định hướng đến năm 2030", (2025, (2025, 2030))),
        ("Thực hiện Chiến lược đến năm 2030, tầm nhìn đến năm 2045", (None, (0, 2030))),
        ("Cải cách hành chính giai đoạn 2021 - 2025", (2021, (2021, 2025))),
    ],
)
def test_horizon_from_the_title(title, horizon):
    assert year_from_title(title) == horizon


def test_regular_work_in_a_plan_issued_in_2025_to_2030_spans_2025_to_2030():
    plan = parse_bytes(
        (
            HEAD
            + "PHỤ LỤC\nSTT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n1\tTuyên truyền\tSở Nội vụ\tThường xuyên\n"
        ).encode(),
        "x.txt",
    )
    assert plan["document"]["title"] == "Thực hiện chuyển đổi số tỉnh Khánh Hòa đến năm 2030"
    assert plan["document"]["horizon"] == [2025, 2030]
    tf = plan["activities"][0]["timeframe"]
    assert (tf["start"], tf["end"], tf["regular"]) == ("2025-01-01", "2030-12-31", True)


# 5. a decision that carries the plan in an annex ---------------------------------------------


def test_decision_carrying_a_plan_gives_the_annex_activities_under_the_decision_number():
    head = (
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 345/QĐ-UBND\nKhánh Hòa, ngày 10 tháng 3 năm 2025\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch cải cách hành chính năm 2025\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
        "Nguyễn Văn B\nKẾ HOẠCH\nCải cách hành chính năm 2025\n"
        "(Ban hành kèm theo Quyết định số 345/QĐ-UBND ngày 10/3/2025 của UBND tỉnh)\n"
    )
    plan = parse_bytes(
        (head + "PHỤ LỤC\nSTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm\n"
         "1\tRà soát TTHC\tSở Tư pháp\tCác sở, ngành\tQuý II/2025\tBáo cáo\n").encode(),
        "qd.txt",
    )  # fmt: skip
    doc = plan["document"]
    assert doc["number"] == "345/QĐ-UBND" and doc["wrapper"]["kind"] == "QUYẾT ĐỊNH"
    assert doc["year"] == 2025
    assert [(a["content"], a["lead"], a["product"]) for a in plan["activities"]] == [
        ("Rà soát TTHC", "Sở Tư pháp", "Báo cáo")
    ]
