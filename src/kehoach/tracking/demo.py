"""A realistic, deterministic 2021 for the demo: unit plans, half-year and annual reports,
reviews, problems raised and two inspections. Everything goes through the services with
explicit 2021 dates, so on-time and late are real. Idempotent: skipped once the plan has
submissions.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from kehoach.core.audit import acting_as
from kehoach.fulfilment import broadcasts
from kehoach.fulfilment.prefill import report_prefill
from kehoach.plans.models import DutyKind
from kehoach.tracking import followup, services
from kehoach.tracking.models import Deliverable, Inspection, Problem, Submission

#: "As of" day of the demo history: the statuses are those of the end of 2021.
AS_OF = datetime.date(2021, 12, 31)
#: Units whose 2021 reports stay open in the demo (the checks rely on phuocdan).
KEEP_OPEN = {"phuocdan"}


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def _actor(unit, fallback):
    return unit.focal_person or fallback


def _submit(d: Deliverable, who, day: datetime.date, rng: random.Random, *, report: bool) -> None:
    figures, results, shortcomings, proposals = {}, "", "", ""
    if report:
        pre = report_prefill(d)
        figures = {k: v for k, v in pre.items() if k not in ("window_start", "window_end")}
        results = rng.choice(
            [
                "Đã đăng tin, bài về CCHC trên trang thông tin điện tử; niêm yết công khai thủ tục hành chính tại Bộ phận một cửa.",
                "Lồng ghép tuyên truyền CCHC trong các buổi họp dân, sinh hoạt đoàn thể; phát thanh trên loa truyền thanh cơ sở.",
                "Tổ chức quán triệt Kế hoạch CCHC năm 2021 cho cán bộ, công chức; cập nhật TTHC mới ban hành.",
            ]
        )
        shortcomings = rng.choice(
            [
                "Kinh phí cho tuyên truyền còn hạn chế.",
                "Hình thức tuyên truyền chưa đa dạng.",
                "Một số tin bài chậm cập nhật.",
            ]
        )
        proposals = rng.choice(
            ["", "Đề nghị cấp thêm tờ gấp tuyên truyền.", "Đề nghị tổ chức tập huấn kỹ năng viết tin bài."]
        )
    text = f"{d.unit.name}: {d.title}."
    services.submit(
        d,
        who,
        text=text,
        figures=figures,
        results=results,
        shortcomings=shortcomings,
        proposals=proposals,
        now=_at(day, rng.randint(7, 16), rng.randint(0, 59)),
    )


def _review(d: Deliverable, coordinator, decision: str, day: datetime.date, comment: str = "") -> None:
    services.review(d, coordinator, decision=decision, comment=comment or "Đạt yêu cầu.", now=_at(day, 14))


def load(plan, units) -> None:
    """Generate deliverables, then play 2021 out (once)."""
    services.generate_deliverables(plan)
    # Weekly broadcast deliverables follow the radio centre's log (loaded by the outputs demo).
    broadcasts.sync_broadcast_deliverables(plan, today=datetime.date(2021, 12, 31))
    if Submission.objects.filter(deliverable__plan=plan).exists():
        return
    rng = random.Random(2021)
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    coordinator = User.objects.filter(username="noivu").first() or admin
    rows = list(
        Deliverable.objects.filter(plan=plan, kind__in=[DutyKind.SUBPLAN, DutyKind.REPORT])
        .select_related("unit__focal_person", "plan")
        .order_by("unit__sort_order", "due_date")
    )

    for d in rows:
        who = _actor(d.unit, admin)
        code = d.unit.code
        with acting_as(who):
            if d.kind == DutyKind.SUBPLAN:
                # Unit plans, due before 26/01/2021: most on time, some late, a few never sent.
                roll = rng.random()
                if code in KEEP_OPEN or roll < 0.72:
                    _submit(d, who, datetime.date(2021, 1, rng.randint(19, 25)), rng, report=False)
                    if rng.random() < 0.85:
                        _review(d, coordinator, "accept", datetime.date(2021, 2, 2))
                elif roll < 0.9:
                    _submit(d, who, datetime.date(2021, 1, rng.randint(27, 29)), rng, report=False)
                    _review(d, coordinator, "accept", datetime.date(2021, 2, 3))
            elif d.period.endswith("-H1"):
                if code in KEEP_OPEN:
                    continue
                roll = rng.random()
                if roll < 0.4:
                    _submit(d, who, datetime.date(2021, 6, rng.randint(15, 21)), rng, report=True)
                    _review(d, coordinator, "accept", datetime.date(2021, 6, 28))
                elif roll < 0.55:
                    _submit(d, who, datetime.date(2021, 6, rng.randint(15, 21)), rng, report=True)
                    _review(
                        d,
                        coordinator,
                        "return",
                        datetime.date(2021, 6, 25),
                        "Thiếu số liệu về số lượt phát thanh; đề nghị bổ sung.",
                    )
                elif roll < 0.7:
                    _submit(d, who, datetime.date(2021, 6, rng.randint(17, 21)), rng, report=True)
                elif roll < 0.85:
                    _submit(d, who, datetime.date(2021, 6, rng.randint(22, 30)), rng, report=True)
                # else: never sent
            elif d.period == "2021":
                if code in KEEP_OPEN:
                    continue
                if rng.random() < 0.3:
                    _submit(d, who, datetime.date(2021, 12, rng.randint(14, 20)), rng, report=True)

    _problems_and_inspections(plan, units, coordinator, admin)
    services.refresh_statuses(plan, AS_OF)


def _problems_and_inspections(plan, units, coordinator, admin) -> None:
    if Problem.objects.filter(plan=plan).exists() or Inspection.objects.filter(plan=plan).exists():
        return
    data = [
        (
            "phuocdan",
            "proposal",
            "Đề nghị cấp tờ gấp tuyên truyền CCHC",
            "Thị trấn đề nghị UBND huyện hỗ trợ 500 tờ gấp giới thiệu thủ tục hành chính mức độ 3, 4 để phát tại Bộ phận một cửa.",
            "Phòng Nội vụ đã tổng hợp; kinh phí in tờ gấp được bố trí trong dự toán quý III/2021.",
            True,
        ),
        (
            "phuochau",
            "problem",
            "Loa truyền thanh thôn hư hỏng",
            "Hệ thống loa truyền thanh tại 2 thôn bị hư hỏng, chưa phát được chuyên mục CCHC.",
            "",
            False,
        ),
        (
            "gddt",
            "problem",
            "Chưa rõ mẫu báo cáo 6 tháng",
            "Đề nghị hướng dẫn đề cương báo cáo công tác tuyên truyền CCHC 6 tháng đầu năm.",
            "Đơn vị lồng ghép vào báo cáo CCHC 6 tháng theo đề cương của Sở Nội vụ.",
            False,
        ),
    ]
    for code, kind, title, content, answer, close in data:
        unit = units.get(code)
        if unit is None:
            continue
        who = unit.focal_person or admin
        with acting_as(who):
            p = followup.raise_problem(plan, unit, who, kind=kind, title=title, content=content)
        if answer:
            with acting_as(coordinator):
                followup.answer_problem(
                    p, coordinator, answer=answer, close=close, now=_at(datetime.date(2021, 7, 5))
                )
        elif code == "phuochau":
            with acting_as(coordinator):
                followup.forward_problem(p, coordinator)
    with acting_as(coordinator):
        first = followup.record_inspection(
            plan,
            units["phuocdan"],
            coordinator,
            date=datetime.date(2021, 9, 15),
            inspectors="Phòng Nội vụ, Văn phòng HĐND-UBND",
            findings="Niêm yết thủ tục hành chính chưa đầy đủ; chưa có chuyên mục CCHC trên loa truyền thanh.",
            recommendations="Cập nhật niêm yết TTHC; phát chuyên mục CCHC hằng tuần.",
        )
        followup.record_inspection(
            plan,
            units["phuochau"],
            coordinator,
            date=datetime.date(2021, 11, 10),
            inspectors="Phòng Nội vụ",
            status="planned",
        )
    who = units["phuocdan"].focal_person or admin
    with acting_as(who):
        followup.follow_up_inspection(
            first,
            who,
            follow_up="Đã niêm yết đầy đủ 128 TTHC; phát chuyên mục CCHC vào sáng thứ Hai hằng tuần.",
        )
