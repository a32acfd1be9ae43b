"""Tỉnh Khánh Hòa after the 1 July 2025 reform (two tiers: province, then communes and wards).

Loaded beside the 2021 Ninh Phước district demo by ``kehoach demo --province``; every code is
prefixed ``kh-`` so nothing of the 2021 demo changes. Ninh Thuận (the 2021 demo's province)
merged into Khánh Hòa (Nghị quyết 202/2025/QH15). Communes and wards are a realistic subset of
the 65 of Nghị quyết 1667/NQ-UBTVQH15 (16/06/2025), as listed at
https://thuviennhadat.vn/phap-ly-nha-dat/full-xa-phuong-moi-khanh-hoa-sau-sap-nhap-tinh-xa-tai-nghi-quyet-1667-686831.html
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from kehoach.core.audit import acting_as_system
from kehoach.demo.org import DEMO_PASSWORD
from kehoach.org.models import Membership, Role, Unit, UnitGroup, UnitKind
from kehoach.org.services import add_alias
from kehoach.plans.models import Activity, Duty, DutyKind, Plan, PlanStatus

REFORM = datetime.date(2025, 7, 1)
PROVINCE = "Khánh Hòa"
PLAN_NUMBER = "26/KH-UBND"

DEPARTMENTS = [
    ("kh-so-noi-vu", "Sở Nội vụ tỉnh Khánh Hòa", "Sở Nội vụ"),
    ("kh-so-tai-chinh", "Sở Tài chính tỉnh Khánh Hòa", "Sở Tài chính"),
    ("kh-so-tu-phap", "Sở Tư pháp tỉnh Khánh Hòa", "Sở Tư pháp"),
    ("kh-so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Khánh Hòa", "Sở VHTTDL"),
    ("kh-so-khcn", "Sở Khoa học và Công nghệ tỉnh Khánh Hòa", "Sở KH&CN"),
    ("kh-van-phong", "Văn phòng UBND tỉnh Khánh Hòa", "Văn phòng UBND tỉnh"),
]
SERVICE_UNITS = [("kh-dai-ptth", "Đài Phát thanh và Truyền hình Khánh Hòa", "Đài PT-TH Khánh Hòa")]

# (code, name, kind) — wards (phường), communes (xã) and the special zone (đặc khu).
COMMUNES = [
    ("kh-nha-trang", "Nha Trang", UnitKind.WARD),
    ("kh-bac-nha-trang", "Bắc Nha Trang", UnitKind.WARD),
    ("kh-nam-nha-trang", "Nam Nha Trang", UnitKind.WARD),
    ("kh-tay-nha-trang", "Tây Nha Trang", UnitKind.WARD),
    ("kh-cam-ranh", "Cam Ranh", UnitKind.WARD),
    ("kh-ba-ngoi", "Ba Ngòi", UnitKind.WARD),
    ("kh-ninh-hoa", "Ninh Hòa", UnitKind.WARD),
    ("kh-phan-rang", "Phan Rang", UnitKind.WARD),
    ("kh-dong-hai", "Đông Hải", UnitKind.WARD),
    ("kh-bao-an", "Bảo An", UnitKind.WARD),
    ("kh-nam-cam-ranh", "Nam Cam Ranh", UnitKind.COMMUNE),
    ("kh-bac-ninh-hoa", "Bắc Ninh Hòa", UnitKind.COMMUNE),
    ("kh-tan-dinh", "Tân Định", UnitKind.COMMUNE),
    ("kh-nam-ninh-hoa", "Nam Ninh Hòa", UnitKind.COMMUNE),
    ("kh-tay-ninh-hoa", "Tây Ninh Hòa", UnitKind.COMMUNE),
    ("kh-hoa-tri", "Hòa Trí", UnitKind.COMMUNE),
    ("kh-dai-lanh", "Đại Lãnh", UnitKind.COMMUNE),
    ("kh-tu-bong", "Tu Bông", UnitKind.COMMUNE),
    ("kh-van-thang", "Vạn Thắng", UnitKind.COMMUNE),
    ("kh-van-ninh", "Vạn Ninh", UnitKind.COMMUNE),
    ("kh-van-hung", "Vạn Hưng", UnitKind.COMMUNE),
    ("kh-dien-khanh", "Diên Khánh", UnitKind.COMMUNE),
    ("kh-dien-lac", "Diên Lạc", UnitKind.COMMUNE),
    ("kh-dien-dien", "Diên Điền", UnitKind.COMMUNE),
    ("kh-dien-lam", "Diên Lâm", UnitKind.COMMUNE),
    ("kh-dien-tho", "Diên Thọ", UnitKind.COMMUNE),
    ("kh-ninh-phuoc", "Ninh Phước", UnitKind.COMMUNE),
    ("kh-phuoc-huu", "Phước Hữu", UnitKind.COMMUNE),
    ("kh-phuoc-hau", "Phước Hậu", UnitKind.COMMUNE),
    ("kh-thuan-nam", "Thuận Nam", UnitKind.COMMUNE),
    ("kh-truong-sa", "Trường Sa", UnitKind.SPECIAL_ZONE),
]
KIND_WORD = {UnitKind.WARD: "phường", UnitKind.COMMUNE: "xã", UnitKind.SPECIAL_ZONE: "đặc khu"}

# username, full name, unit code, role, title
ACCOUNTS = [
    ("kh-noivu", "Lê Thị Ngọc Ánh", "kh-so-noi-vu", Role.COORDINATOR, "Chuyên viên Phòng CCHC"),
    ("kh-taichinh", "Nguyễn Văn Phúc", "kh-so-tai-chinh", Role.FINANCE, "Chuyên viên ngân sách"),
    ("kh-lanhdao", "Trần Quốc Bảo", "kh-ubnd", Role.LEADER, "Phó Chủ tịch UBND tỉnh"),
    ("kh-phanrang", "Phạm Thị Thanh Hương", "kh-phan-rang", Role.OFFICER, "Công chức Văn phòng HĐND và UBND"),
    ("kh-ninhphuoc", "Đỗ Văn Lâm", "kh-ninh-phuoc", Role.OFFICER, "Công chức Văn phòng HĐND và UBND"),
    ("kh-nhatrang", "Võ Thị Kim Oanh", "kh-nha-trang", Role.OFFICER, "Công chức Văn phòng HĐND và UBND"),
]

ACTIVITIES = [
    (
        "1",
        "Tuyên truyền Nghị quyết 202/2025/QH15 và mô hình chính quyền địa phương hai cấp",
        "kh-so-noi-vu",
        3,
        6,
    ),
    ("2", "Chuyên mục CCHC trên sóng Đài Phát thanh và Truyền hình tỉnh", "kh-dai-ptth", 1, 12),
    (
        "3",
        "Công khai thủ tục hành chính tại Trung tâm phục vụ hành chính công các xã, phường",
        "kh-van-phong",
        1,
        12,
    ),
    ("4", "Hội thi tìm hiểu CCHC trong cán bộ, công chức cấp xã", "kh-so-noi-vu", 7, 9),
]


def load_org() -> dict[str, Unit]:
    """Units, the commune group and aliases (idempotent: by code)."""
    units: dict[str, Unit] = {}

    def put(code, name, short, kind, parent, order, aliases=()):
        unit, _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": parent,
                "valid_from": REFORM,
                "sort_order": 1000 + order,
            },
        )
        for alias in aliases:
            add_alias(unit, alias)
        units[code] = unit

    put(
        "kh-ubnd",
        f"Ủy ban nhân dân tỉnh {PROVINCE}",
        "UBND tỉnh Khánh Hòa",
        UnitKind.PEOPLES_COMMITTEE,
        None,
        0,
        ["UBND tỉnh Khánh Hòa"],
    )
    for i, (code, name, short) in enumerate(DEPARTMENTS + SERVICE_UNITS, start=1):
        kind = UnitKind.SERVICE_UNIT if (code, name, short) in SERVICE_UNITS else UnitKind.PROVINCE_DEPARTMENT
        put(code, name, short, kind, units["kh-ubnd"], i, [f"{short} tỉnh Khánh Hòa"])
    for i, (code, place, kind) in enumerate(COMMUNES, start=20):
        word = KIND_WORD[kind]
        put(
            code,
            f"Ủy ban nhân dân {word} {place}",
            f"UBND {word} {place}",
            kind,
            units["kh-ubnd"],
            i,
            [f"UBND {word} {place}, tỉnh Khánh Hòa"],
        )
    group, _ = UnitGroup.objects.update_or_create(
        code="kh-ubnd-xa",
        defaults={
            "name": "Ủy ban nhân dân các xã, phường, đặc khu",
            "within": units["kh-ubnd"],
            "kinds": [str(UnitKind.COMMUNE), str(UnitKind.WARD), str(UnitKind.SPECIAL_ZONE)],
        },
    )
    add_alias(group, "UBND các xã, phường, đặc khu tỉnh Khánh Hòa")
    return units


def load_accounts(units: dict[str, Unit]) -> None:
    User = get_user_model()
    hashed = make_password(DEMO_PASSWORD)
    for username, full_name, code, role, title in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.password = hashed
            user.save()
        Membership.objects.get_or_create(user=user, unit=units[code], role=role, defaults={"title": title})
        if role != Role.LEADER and units[code].focal_person_id is None:
            units[code].focal_person = user
            units[code].save()


def load_plan(units: dict[str, Unit]) -> Plan:
    """Kế hoạch tuyên truyền CCHC năm 2026 with duties for every commune and ward."""
    plan = Plan.objects.filter(number=PLAN_NUMBER, issuer=units["kh-ubnd"]).first()
    if plan:
        return plan
    plan = Plan.objects.create(
        number=PLAN_NUMBER,
        title=f"Tuyên truyền cải cách hành chính tỉnh {PROVINCE} năm 2026",
        issuer=units["kh-ubnd"],
        year=2026,
        issued_on=datetime.date(2026, 1, 20),
        status=PlanStatus.ISSUED,
        coordinator_unit=units["kh-so-noi-vu"],
        appraiser_unit=units["kh-so-tai-chinh"],
        signer_authority="KT. CHỦ TỊCH",
        signer_position="PHÓ CHỦ TỊCH",
        signer_name="Trần Quốc Bảo",
        bases=[
            "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
        ],
    )
    for order, (no, content, lead, start, end) in enumerate(ACTIVITIES):
        last = (
            (datetime.date(2026, end % 12 + 1, 1) - datetime.timedelta(days=1))
            if end < 12
            else datetime.date(2026, 12, 31)
        )
        Activity.objects.create(
            plan=plan,
            no=no,
            order=order,
            content=content,
            lead_unit=units[lead],
            lead_text=units[lead].name,
            start=datetime.date(2026, start, 1),
            end=last,
            timeframe_text=f"Tháng {start}–{end}/2026",
        )
    group = UnitGroup.objects.get(code="kh-ubnd-xa")
    duties = [
        (
            DutyKind.SUBPLAN,
            "V.2.a",
            "Ban hành kế hoạch tuyên truyền CCHC năm 2026 của xã, phường, đặc khu.",
            datetime.date(2026, 2, 28),
            [],
        ),
        (
            DutyKind.REPORT,
            "V.2.b",
            "Báo cáo kết quả tuyên truyền CCHC 6 tháng và năm về Sở Nội vụ.",
            None,
            [{"every": "6 months"}],
        ),
    ]
    for order, (kind, section, text, due, rec) in enumerate(duties):
        duty = Duty.objects.create(
            plan=plan,
            section=section,
            order=order,
            kind=kind,
            text=text,
            due_date=due,
            recurrence=rec,
            who_text=[group.name],
            report_to=units["kh-so-noi-vu"],
            report_to_text="Sở Nội vụ",
        )
        duty.who_groups.add(group)
    radio = Duty.objects.create(
        plan=plan,
        section="V.1.c",
        order=5,
        kind=DutyKind.BROADCAST,
        text="Duy trì chuyên mục CCHC mỗi tuần ít nhất một lần, mỗi lần ít nhất 10 phút.",
        recurrence=[{"every": "week", "min_count": 1, "min_minutes": 10}],
        who_text=["Đài PT-TH Khánh Hòa"],
    )
    radio.who_units.add(units["kh-dai-ptth"])
    return plan


def load_history(plan: Plan) -> None:
    """A little of 2026 already done: progress on the first activity (kept once)."""
    from kehoach.plans.models import ActivityUpdate

    first = plan.activities.get(no="1")
    if not ActivityUpdate.objects.filter(activity=first).exists():
        ActivityUpdate.objects.create(
            activity=first, progress=40, note="Đã tổ chức 12 hội nghị phổ biến mô hình chính quyền hai cấp."
        )
        Activity.objects.filter(pk=first.pk).update(progress=40)


def run(say=print) -> Plan:
    """Load the province beside the 2021 demo (which is loaded first when missing)."""
    from kehoach.demo import loader
    from kehoach.tracking.services import generate_deliverables

    if not Plan.objects.filter(number=loader.PLAN_NUMBER, issuer__code="ubnd").exists():
        say("Bản mẫu 2021 (huyện Ninh Phước) ...")
        loader.run(say=say)
    with acting_as_system(), transaction.atomic():
        say(f"Tỉnh {PROVINCE}: đơn vị, tài khoản ...")
        units = load_org()
        load_accounts(units)
        say(f"Kế hoạch {PLAN_NUMBER} năm 2026 ...")
        plan = load_plan(units)
        load_history(plan)
        generate_deliverables(plan)
    return plan
