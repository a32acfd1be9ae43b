"""The header of a plan as web pages and PDF copies mangle it (issue 10: real plans from anywhere)."""

from kehoach.importing import parse_bytes
from kehoach.importing.top import complete_issuer

BODY = "Căn cứ Luật Tổ chức chính quyền địa phương;\nI. MỤC ĐÍCH\n1. Tuyên truyền.\n"


def doc(head: str) -> dict:
    return parse_bytes((head + BODY).encode(), "kh.txt")["document"]


def test_columns_side_by_side_split_by_pipes_and_names_broken_over_lines():
    d = doc(
        "ỦY\nBAN NHÂN DÂN\nTỈNH CAO BẰNG\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 2276/KH-UBND\n|\nCao\n"
        "Bằng, ngày 31 tháng 8 năm 2022\n|\nKẾ HOẠCH\nGIÁM SÁT THỰC HIỆN CHƯƠNG TRÌNH GIẢM NGHÈO NĂM 2022\n"
    )
    assert (d["issuer"], d["number"], d["issued_on"]) == (
        "Ủy ban nhân dân tỉnh Cao Bằng",
        "2276/KH-UBND",
        "2022-08-31",
    )
    assert d["title"] == "GIÁM SÁT THỰC HIỆN CHƯƠNG TRÌNH GIẢM NGHÈO NĂM 2022"


def test_a_header_run_into_one_line_is_read_item_by_item():
    d = doc(
        "ỦY BAN NHÂN DÂN TỈNH KON TUM -------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG "
        "VỀ QUAN HỆ LAO ĐỘNG ỦY BAN NHÂN DÂN TỈNH KON TUM\n"
    )
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Kon Tum"
    assert (d["kind"], d["number"], d["issued_on"]) == ("QUYẾT ĐỊNH", "435/QĐ-UBND", "2020-05-04")
    assert d["title"] == "V/V BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG VỀ QUAN HỆ LAO ĐỘNG"  # not the authority


def test_the_deciding_authority_under_a_title_is_not_part_of_it():
    for authority, issuer in (
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("BỘ TRƯỞNG BỘ NỘI VỤ", "Bộ Nội vụ"),
        ("CHÍNH PHỦ", "Chính phủ"),
    ):
        top = issuer.upper() if issuer != "Bộ Nội vụ" else "BỘ NỘI VỤ"
        d = doc(
            f"{top}\n-------\nSố: 12/QĐ-X\nHà Nội, ngày 01 tháng 3 năm 2025\nQUYẾT ĐỊNH\n"
            f"BAN HÀNH KẾ HOẠCH THÔNG TIN, TUYÊN TRUYỀN NĂM 2025\n{authority}\n"
        )
        assert d["title"] == "BAN HÀNH KẾ HOẠCH THÔNG TIN, TUYÊN TRUYỀN NĂM 2025", authority
        assert d["issuer"] == issuer


def test_a_bare_committee_takes_its_province_from_the_place_line_and_nothing_else():
    assert complete_issuer("Ủy ban nhân dân", "Bắc Ninh") == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert complete_issuer("Ủy ban nhân dân tỉnh", "Bình Định") == "Ủy ban nhân dân tỉnh Bình Định"
    assert complete_issuer("Ủy ban nhân dân", "Cần Thơ") == "Ủy ban nhân dân thành phố Cần Thơ"
    assert complete_issuer("Ủy ban nhân dân", "Phước Dân") == "Ủy ban nhân dân"  # a district's town
    assert (
        complete_issuer("Ủy ban nhân dân huyện Ninh Phước", "Ninh Thuận")
        == "Ủy ban nhân dân huyện Ninh Phước"
    )
    assert complete_issuer("Bộ Nội vụ", "Hà Nội") == "Bộ Nội vụ"


def test_a_copy_without_the_type_line_keeps_number_date_title_and_what_the_articles_say():
    d = doc(
        "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 10/KH-UBND |\n"
        "Hưng Yên, ngày 14 tháng 01 năm 2026 |\nTHỰC HIỆN CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG NĂM 2026\n"
    )
    assert (d["issuer"], d["number"], d["issued_on"]) == (
        "Ủy ban nhân dân tỉnh Hưng Yên",
        "10/KH-UBND",
        "2026-01-14",
    )
    assert d["title"] == "THỰC HIỆN CÔNG TÁC PHÒNG, CHỐNG THAM NHŨNG NĂM 2026" and d["year"] == 2026


def test_a_period_quoted_from_another_scheme_is_not_the_plans_year():
    d = doc(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 186/KH-UBND\nHà Giang, ngày 10 tháng 5 năm 2023\nKẾ HOẠCH\n"
        "PHÁT ĐỘNG THI ĐUA THỰC HIỆN ĐỀ ÁN 06 VỀ “PHÁT TRIỂN ỨNG DỤNG DỮ LIỆU GIAI ĐOẠN 2022 - 2025”\n"
    )
    assert d["year"] == 2023


def test_a_standing_board_is_named_with_the_body_it_belongs_to_and_a_blank_number_is_no_number():
    d = doc(
        "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nSố:      /KH-MTTQ-BTT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLương Minh, ngày 10 tháng 12 năm 2025\nKẾ HOẠCH\n"
        "Kiểm tra, giám sát công tác bầu cử\n"
    )
    assert d["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh"
    assert d["number"] is None  # an unsigned draft: the văn thư fills the number at issue


def test_inline_tasks_keep_their_explanations_and_offices_are_parties():
    plan = parse_bytes(
        (
            "ỦY BAN NHÂN DÂN\nXÃ PHƯỚC HẬU\nSố: 5/KH-UBND\nPhước Hậu, ngày 02 tháng 01 năm 2026\nKẾ HOẠCH\n"
            "Tuyên truyền cải cách hành chính năm 2026\nI. NHIỆM VỤ\n"
            "1.1 Xây dựng chuyên mục cải cách hành chính trên trang tin điện tử.\n"
            "- Bảo đảm cập nhật hằng tuần.\n"
            "- Thời gian hoàn thành: Quý I/2026.\n"
            "- Đơn vị chủ trì: Văn phòng HĐND và UBND xã\n"
            "- Đơn vị phối hợp: Các đ/c Phó Chủ tịch, Trưởng thôn, các đồng chí công chức văn hóa - xã hội.\n"
        ).encode(),
        "kh.txt",
    )
    (a,) = plan["activities"]
    assert a["no"] == "1.1"
    assert a["content"].endswith("trên trang tin điện tử. - Bảo đảm cập nhật hằng tuần.")
    assert a["coordinators"] == [
        "Các đ/c Phó Chủ tịch",
        "Trưởng thôn",
        "các đồng chí công chức văn hóa - xã hội",
    ]
    assert (a["timeframe"]["start"], a["timeframe"]["end"]) == ("2026-01-01", "2026-03-31")
