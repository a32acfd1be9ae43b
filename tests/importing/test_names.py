"""Unit-name keys (normalize_key), accent folding and splitting lists of parties."""

import pytest

from kehoach.importing.names import normalize_key, split_parties, strip_accents, take_org


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("VP.HĐND-UBND", "Văn phòng HĐND-UBND"),
        ("VP. HĐND - UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
        ("TT VH TT & truyền thanh huyện", "Trung tâm Văn hóa thể thao và truyền thanh huyện"),
        ("TT Chính trị huyện", "Trung tâm chính trị huyện"),
        ("Uỷ ban nhân dân xã Phước Hậu", "UBND xã Phước Hậu"),
        ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Ủy ban MTTQ Việt Nam huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện"),
        ("Phòng VH-TT", "Phòng Văn hóa - Thông tin"),
        ("Trung tâm Văn hoá", "Trung tâm Văn hóa"),
        ("Quí", "Quý"),
        ("  Sở Nội vụ. ", "SỞ NỘI VỤ"),
        ("Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    ],
)
def test_same_key(a, b):
    assert normalize_key(a) == normalize_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UBND xã Phước Hậu", "UBND xã Phước Dân"),
        ("TT Huyện ủy", "Trung tâm huyện"),
        ("Sở Nội vụ", "Bộ Nội vụ"),
    ],
)
def test_different_key(a, b):
    assert normalize_key(a) != normalize_key(b)


def test_key_is_readable():
    assert normalize_key("UBND huyện") == "ủy ban nhân dân huyện"
    assert normalize_key("TT Huyện ủy") == "thường trực huyện ủy"


def test_strip_accents():
    assert strip_accents("Đặc khu Phú Quốc, Phước Hậu") == "Dac khu Phu Quoc, Phuoc Hau"
    assert strip_accents("ủy") == "uy"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Ủy ban Mặt trận tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội.",
            ["Ủy ban Mặt trận tổ quốc Việt Nam huyện", "các tổ chức chính trị - xã hội"],
        ),
        (
            "Các Phòng, ban; Ủy ban nhân dân các xã, thị trấn và các cơ quan, đơn vị liên quan.",
            ["Các Phòng, ban", "Ủy ban nhân dân các xã, thị trấn", "các cơ quan, đơn vị liên quan"],
        ),
        (
            "Các Phòng, ban; Ủy ban nhân dân các xã, thị trấn, các cơ quan, đơn vị liên quan.",
            ["Các Phòng, ban", "Ủy ban nhân dân các xã, thị trấn", "các cơ quan, đơn vị liên quan"],
        ),
        (
            "Các sở, ngành, UBND xã, phường, đặc khu",
            ["Các sở, ngành", "UBND xã, phường, đặc khu"],
        ),  # issue 10: a proper name opens a party
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Sở Tài chính, Sở Tư pháp và UBND các xã, phường",
            ["Sở Tài chính", "Sở Tư pháp", "UBND các xã, phường"],
        ),
        (
            "Sở Giáo dục và Đào tạo; Đài Phát thanh và Truyền hình tỉnh",
            ["Sở Giáo dục và Đào tạo", "Đài Phát thanh và Truyền hình tỉnh"],
        ),
        ("", []),
    ],
)
def test_split_parties(text, parties):
    assert split_parties(text) == parties


def test_take_org():
    assert take_org("Phòng Tư pháp tham mưu Hội đồng phối hợp") == "Phòng Tư pháp"
    assert take_org("Trung tâm văn hóa thể thao và truyền thanh huyện xây dựng các tiểu phẩm") == (
        "Trung tâm văn hóa thể thao và truyền thanh huyện"
    )
    assert take_org("Phòng Tài chính - Kế hoạch thẩm định") == "Phòng Tài chính - Kế hoạch"
    assert take_org("Ban Chỉ đạo cải cách hành chính tỉnh theo dõi") == "Ban Chỉ đạo cải cách hành chính tỉnh"
