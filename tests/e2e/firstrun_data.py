"""The spreadsheets an administrator of Tỉnh Khánh Hòa would bring on the first day.

Units follow the two-tier shape after 1 July 2025: the province's departments, agencies, front and
mass organisations, then its 65 communes, wards and the special zone (Nghị quyết 1667/NQ-UBTVQH15);
people are one focal person per unit plus the coordinator, finance and leader. Deterministic.
"""

import io
import unicodedata

TOP = ("kh-ubnd", "Ủy ban nhân dân tỉnh Khánh Hòa")

DEPARTMENTS = [
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Xây dựng",
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Thanh tra tỉnh",
    "Ban Quản lý Khu kinh tế Vân Phong",
]
AGENCIES = [  # (name, kind)
    ("Đài Phát thanh và Truyền hình Khánh Hòa", "service_unit"),
    ("Báo Khánh Hòa", "service_unit"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "service_unit"),
    ("Trường Chính trị tỉnh", "service_unit"),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "service_unit"),
    ("Công an tỉnh", "other"),
    ("Bộ Chỉ huy Quân sự tỉnh", "other"),
    ("Bảo hiểm xã hội tỉnh", "other"),
    ("Thuế tỉnh", "other"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "front"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "mass_org"),
    ("Tỉnh Đoàn", "mass_org"),
    ("Hội Nông dân tỉnh", "mass_org"),
    ("Hội Cựu chiến binh tỉnh", "mass_org"),
    ("Liên đoàn Lao động tỉnh", "mass_org"),
    ("Kho bạc Nhà nước khu vực XIII", "other"),
    ("Liên minh Hợp tác xã tỉnh", "other"),
    ("Hội Chữ thập đỏ tỉnh", "other"),
    ("Trung tâm Công nghệ thông tin và Truyền thông", "service_unit"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "service_unit"),
    ("Văn phòng Tỉnh ủy", "party"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "party"),
]
WARDS = [
    "Nha Trang",
    "Bắc Nha Trang",
    "Tây Nha Trang",
    "Nam Nha Trang",
    "Bắc Cam Ranh",
    "Cam Ranh",
    "Cam Linh",
    "Ba Ngòi",
    "Ninh Hòa",
    "Đông Ninh Hòa",
    "Hòa Thắng",
    "Phan Rang",
    "Đông Hải",
    "Ninh Chử",
    "Bảo An",
    "Đô Vinh",
]
COMMUNES = [
    "Nam Cam Ranh",
    "Bắc Ninh Hòa",
    "Tân Định",
    "Nam Ninh Hòa",
    "Tây Ninh Hòa",
    "Hòa Trí",
    "Đại Lãnh",
    "Tu Bông",
    "Vạn Thắng",
    "Vạn Ninh",
    "Vạn Hưng",
    "Diên Khánh",
    "Diên Lạc",
    "Diên Điền",
    "Diên Lâm",
    "Diên Thọ",
    "Suối Hiệp",
    "Cam Lâm",
    "Suối Dầu",
    "Cam Hiệp",
    "Cam An",
    "Bắc Khánh Vĩnh",
    "Trung Khánh Vĩnh",
    "Tây Khánh Vĩnh",
    "Nam Khánh Vĩnh",
    "Khánh Vĩnh",
    "Khánh Sơn",
    "Tây Khánh Sơn",
    "Đông Khánh Sơn",
    "Ninh Phước",
    "Phước Hữu",
    "Phước Hậu",
    "Thuận Nam",
    "Cà Ná",
    "Phước Hà",
    "Phước Dinh",
    "Ninh Hải",
    "Xuân Hải",
    "Vĩnh Hải",
    "Thuận Bắc",
    "Công Hải",
    "Ninh Sơn",
    "Lâm Sơn",
    "Anh Dũng",
    "Mỹ Sơn",
    "Bác Ái Đông",
    "Bác Ái",
    "Bác Ái Tây",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu", "Thị Kim", "Đức", "Hoàng"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai"]
GIVEN += ["Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"]


def slug(text: str) -> str:
    """Ascii code of a Vietnamese name: "Bắc Nha Trang" -> "bac-nha-trang"."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())[:34].strip("-")


def units() -> list[tuple[str, str, str]]:
    """(code, name, kind) of every unit under the province's people's committee."""
    rows = [
        (
            "kh-van-phong-ubnd" if n.startswith("Văn phòng") else f"kh-{slug(n)}",
            f"{n} tỉnh Khánh Hòa" if n.startswith("Sở") else n,
            "province_department",
        )
        for n in DEPARTMENTS
    ]
    rows += [(f"kh-{slug(n)}", n, kind) for n, kind in AGENCIES]
    rows += [(f"kh-p-{slug(n)}", f"Ủy ban nhân dân phường {n}", "ward") for n in WARDS]
    rows += [(f"kh-x-{slug(n)}", f"Ủy ban nhân dân xã {n}", "commune") for n in COMMUNES]
    rows.append(("kh-dk-truong-sa", "Ủy ban nhân dân đặc khu Trường Sa", "special_zone"))
    return rows


def units_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(
        ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Tên gọi khác", "Thư điện tử"]
    )
    for code, name, kind in units():
        short = name.replace("Ủy ban nhân dân ", "UBND ") if name.startswith("Ủy ban") else ""
        sheet.append([code, name, kind, TOP[0], short, f"{code}@khanhhoa.gov.vn"])
    return _save(book)


def person_name(i: int) -> str:
    return f"{SURNAMES[i % 12]} {MIDDLE[(i // 12) % 10]} {GIVEN[(i * 7) % 24]}"


def people() -> list[tuple[str, str, str, str, str]]:
    """(username, full name, unit code, role, email): the three roles of the plan, then a focal
    person (cán bộ đầu mối) for every unit."""
    rows = [
        ("kh-noivu", "Lê Thị Ngọc Ánh", "kh-so-noi-vu", "Cơ quan thường trực", "ngocanh@khanhhoa.gov.vn"),
        ("kh-taichinh", "Nguyễn Văn Phúc", "kh-so-tai-chinh", "tài chính", "vanphuc@khanhhoa.gov.vn"),
        ("kh-lanhdao", "Trần Quốc Bảo", TOP[0], "lãnh đạo", "quocbao@khanhhoa.gov.vn"),
    ]
    for i, (code, _name, _kind) in enumerate(units()):
        user = "cb-" + code.removeprefix("kh-")
        rows.append((user, person_name(i), code, "cán bộ", f"{user}@khanhhoa.gov.vn"))
    return rows


def people_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Cán bộ"
    sheet.append(["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Vai trò", "Thư điện tử"])
    for row in people():
        sheet.append(list(row))
    return _save(book)


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
