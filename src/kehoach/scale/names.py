"""Vietnamese names for generated units: 34 provinces (since 1 July 2025) and commune names."""

PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
    "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
    "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip

SYLLABLES = [
    "Phước", "An", "Hòa", "Bình", "Tân", "Thạnh", "Mỹ", "Long", "Đông", "Tây", "Hải", "Sơn", "Thuận",
    "Lợi", "Phú", "Vĩnh", "Quảng", "Hưng", "Thành", "Xuân", "Trung", "Hiệp", "Đức", "Nghĩa", "Lộc",
    "Khánh", "Minh", "Quang", "Hậu", "Dân", "Nhơn", "Hữu", "Thái", "Cường", "Ninh", "Kim",
]  # fmt: skip

DEPARTMENTS = [
    ("Nội vụ", "nv"), ("Tài chính", "tc"), ("Tư pháp", "tp"), ("Văn hóa, Thể thao và Du lịch", "vh"),
    ("Khoa học và Công nghệ", "kh"), ("Giáo dục và Đào tạo", "gd"), ("Y tế", "yt"), ("Xây dựng", "xd"),
    ("Nông nghiệp và Môi trường", "nn"), ("Công Thương", "ct"), ("Dân tộc và Tôn giáo", "dt"),
    ("Ngoại vụ", "ng"), ("Thanh tra", "tt"), ("Văn phòng Ủy ban nhân dân", "vp"), ("Công an", "ca"),
    ("Bộ Chỉ huy Quân sự", "qs"), ("Đài Phát thanh và Truyền hình", "pt"), ("Ban Quản lý các khu công nghiệp", "kcn"),
    ("Trung tâm Phục vụ hành chính công", "hcc"), ("Mặt trận Tổ quốc", "mt"), ("Liên đoàn Lao động", "ld"),
    ("Đoàn Thanh niên", "dtn"), ("Hội Liên hiệp Phụ nữ", "pn"), ("Hội Nông dân", "hnd"), ("Hội Cựu chiến binh", "ccb"),
]  # fmt: skip


def commune_name(i: int) -> str:
    """A distinct two-syllable name for the i-th commune of a province ("Phước Hậu")."""
    n = len(SYLLABLES)
    a, b = divmod(i, n - 1)
    first = SYLLABLES[a % n]
    second = [s for s in SYLLABLES if s != first][b]
    return f"{first} {second}"
