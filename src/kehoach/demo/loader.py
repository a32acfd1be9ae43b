"""Loads the whole demo, idempotently. Each app contributes its part through its ``demo.load``, listed here."""

from importlib.resources import files

from django.db import transaction

from kehoach.budgets import demo as budgets_demo
from kehoach.core.audit import acting_as, acting_as_system, audited_update
from kehoach.demo.org import load_accounts, load_org
from kehoach.indices import demo as indices_demo
from kehoach.notices import demo as notices_demo
from kehoach.outputs import demo as outputs_demo
from kehoach.plans.models import Plan, PlanStatus
from kehoach.public import demo as public_demo
from kehoach.reports import demo as reports_demo
from kehoach.tracking import demo as tracking_demo

SEED = "seed_19_KH-UBND_2021.txt"
PLAN_NUMBER = "19/KH-UBND"
#: Each app's part of the demo, ``load(plan, units)``: outputs first, reports are pre-filled from them.
APPS_WITH_DEMO = [
    ("outputs", outputs_demo.load),
    ("tracking", tracking_demo.load),
    ("budgets", budgets_demo.load),
    ("indices", indices_demo.load),
    ("public", public_demo.load),
    ("reports", reports_demo.load),
    ("notices", notices_demo.load),
]


def load_plan(units) -> Plan:
    """The seed plan, read by the importer from the signed text, saved as an issued plan."""
    import hashlib

    from kehoach.importing import parse_bytes
    from kehoach.plans.services import save_imported_plan

    existing = Plan.objects.filter(number=PLAN_NUMBER, issuer=units["ubnd"]).first()
    if existing:
        return existing
    raw = files("kehoach").joinpath("data", SEED).read_bytes()
    data = parse_bytes(raw, SEED)
    return save_imported_plan(
        data,
        status=PlanStatus.ISSUED,
        issuer=units["ubnd"],
        source_name=SEED,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        source_text=raw.decode("utf-8"),
    )


# Progress the lead units reported in 2021: (activity no, date, progress %, note).
PROGRESS = [
    ("3", "2021-03-25", 100, "Đã ban hành Kế hoạch phổ biến, giáo dục pháp luật năm 2021 có nội dung CCHC."),
    ("4", "2021-02-10", 50, "Đã xây dựng khung chuyên mục, đang biên tập số đầu."),
    ("4", "2021-04-12", 100, "Chuyên mục CCHC phát sóng từ tháng 4/2021 (chậm so với Quý I)."),
    ("5", "2021-06-18", 100, "Tổ chức Hội nghị ISO 9001:2008 cho 22 cơ quan, đơn vị."),
    ("6", "2021-08-20", 60, "Đã rà soát địa chỉ tiếp nhận phản ánh tại 9 xã, thị trấn; còn các phòng, ban."),
    ("7", "2021-11-15", 100, "Mở 02 lớp tập huấn CCHC cho 120 cán bộ, công chức."),
    ("1", "2021-06-30", 50, "Phối hợp Ủy ban MTTQ huyện tuyên truyền tại 4 hội nghị đoàn thể."),
    ("1", "2021-12-20", 100, "Hoàn thành tuyên truyền cho đoàn viên, hội viên cả năm."),
    ("2", "2021-06-30", 50, "Cập nhật 186 thủ tục hành chính lên Trang thông tin điện tử huyện."),
    ("2", "2021-12-30", 90, "Đăng 42 tin, bài về giải quyết TTHC."),
]


def load_progress(plan: Plan) -> None:
    """Progress updates by the lead units through the same service the pages use (history kept)."""
    import datetime

    from django.utils import timezone

    from kehoach.org.models import Membership
    from kehoach.plans.models import ActivityUpdate
    from kehoach.plans.services import update_activity

    if ActivityUpdate.objects.filter(activity__plan=plan).exists():
        return
    for no, day, progress, note in PROGRESS:
        activity = plan.activities.get(no=no)
        member = (
            Membership.objects.filter(unit_id=activity.lead_unit_id, role__in=["officer", "coordinator"])
            .select_related("user")
            .first()
        )
        user = member.user if member else None
        date = datetime.date.fromisoformat(day)
        with acting_as(user):
            activity = update_activity(
                activity, user, version=activity.version, progress=progress, note=note, today=date
            )
        moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 30)))
        latest = ActivityUpdate.objects.filter(activity=activity).latest("id")
        audited_update(ActivityUpdate.objects.filter(pk=latest.pk), created_at=moment)


def run(say=print) -> Plan:
    with acting_as_system(), transaction.atomic():
        say("Đơn vị, nhóm đơn vị ...")
        units = load_org()
        say("Tài khoản ...")
        load_accounts(units)
        say("Kế hoạch 19/KH-UBND ...")
        plan = load_plan(units)
        load_progress(plan)
    for app, load in APPS_WITH_DEMO:
        say(f"Dữ liệu mẫu: {app} ...")
        with acting_as_system(), transaction.atomic():
            load(plan, units)
    # Bring stored statuses up to today, as the daily `kehoach remind` would.
    from django.utils import timezone

    from kehoach.fulfilment.broadcasts import sync_broadcast_deliverables
    from kehoach.tracking.services import refresh_statuses

    with acting_as_system():
        refresh_statuses(plan, timezone.localdate())
        sync_broadcast_deliverables(plan, timezone.localdate())
    return plan
