"""``kehoach generate --scale district|province|national [--seed N]``: synthetic data of the real shape.

Deterministic for a seed: two-tier units with Vietnamese names, plans with clauses, activities and
duties for all communes, deliverables made by the real generator (``generate_deliverables``),
submissions on time / late / returned / missed, airings that decide each commune's own weekly
deliverable, outputs, budgets, feedback and index results. Rows go in by batched bulk inserts
(no per-row audit entries: generated data is not anyone's change).
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models.functions import Mod
from django.utils import timezone

from kehoach.scale.names import DEPARTMENTS, PROVINCES, SYLLABLES, commune_name

BATCH = 5000
YEAR = 2025
PASSWORD = "kehoach-demo"


@dataclass(frozen=True)
class Scale:
    provinces: int
    departments: int  # per province
    communes: int  # in all
    plans: int
    activities: int  # per plan
    outputs: int  # in all
    weekly_share: int = 85  # % of commune-weeks with an airing


SCALES = {
    "district": Scale(provinces=1, departments=12, communes=20, plans=1, activities=30, outputs=20_000),
    "province": Scale(provinces=1, departments=25, communes=133, plans=2, activities=100, outputs=200_000),
    "national": Scale(provinces=34, departments=3, communes=3300, plans=8, activities=103, outputs=2_000_000),
}

FORMS = ["website_article", "radio", "leaflet", "poster", "conference", "social_media", "loudspeaker"]
TOPICS = ["importance", "policy", "procedures", "digital_government", "indices", "results"]
AUDIENCES = ["officials", "citizens", "businesses", "members"]


class Bar:
    """A text progress bar: one line per step on a pipe, redrawn in place on a terminal."""

    def __init__(self, out, total_steps: int):
        self.out, self.total, self.done, self.t0 = out, total_steps, 0, time.monotonic()
        self.tty = hasattr(out, "isatty") and out.isatty()

    def step(self, label: str, count: int | None = None) -> None:
        self.done += 1
        pct = int(100 * self.done / self.total)
        bar = "#" * (pct // 5) + "." * (20 - pct // 5)
        extra = f" {count:,}".replace(",", ".") if count is not None else ""
        line = f"[{bar}] {pct:3d}% {time.monotonic() - self.t0:6.1f}s {label}{extra}"
        self.out.write(("\r" + line.ljust(90)) if self.tty else line + "\n")
        if self.tty and self.done == self.total:
            self.out.write("\n")
        self.out.flush()


def _bulk(model, rows, bar_note: Callable[[int], None] | None = None) -> int:
    n = 0
    for i in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[i : i + BATCH], batch_size=BATCH)
        n += len(rows[i : i + BATCH])
    return n


def generate(scale_name: str, seed: int = 1, out=None, outputs: int | None = None) -> dict:
    """Load one scale of synthetic data into an empty database; returns the row counts."""
    from dataclasses import replace

    from kehoach.org.models import Unit

    out = out or sys.stdout
    scale = SCALES[scale_name]
    if outputs is not None:
        scale = replace(scale, outputs=outputs)
    if Unit.objects.filter(code__startswith="gen-").exists():
        from kehoach.core.errors import DomainError

        raise DomainError("Cơ sở dữ liệu đã có dữ liệu sinh (mã gen-…); hãy dùng một cơ sở dữ liệu trống.")
    rng = random.Random(seed)
    bar = Bar(out, 9 + scale.plans * 2)
    counts: dict[str, int] = {}
    with transaction.atomic():
        units = _units(scale, scale_name, counts)
        bar.step("đơn vị", counts["units"])
        _users(units, counts)
        bar.step("tài khoản", counts["users"])
    plans = []
    for p in range(scale.plans):
        with transaction.atomic():
            plans.append(_plan(p, scale, units, rng, counts))
        bar.step(f"kế hoạch {p + 1}/{scale.plans}: nhiệm vụ", counts["activities"])
        _deliverables(plans[-1], units, scale, seed, counts)
        bar.step(f"kế hoạch {p + 1}/{scale.plans}: việc phải nộp", counts["deliverables"])
    _airings(plans[0], units, scale, seed, counts)
    bar.step("lượt phát sóng", counts["broadcasts"])
    _outputs(plans, units, scale, rng, counts, bar)
    bar.step("sản phẩm tuyên truyền", counts["outputs"])
    # Loaded with COPY, outside the services: the daily summary is counted once, in SQL, at the end.
    from kehoach.outputs.summaries import rebuild

    counts["output_summary_rows"] = rebuild()
    _vacuum("outputs_outputdailysummary")
    bar.step("tổng hợp sản phẩm theo ngày", counts["output_summary_rows"])
    _budgets(plans, units, rng, counts)
    bar.step("dự toán kinh phí", counts["budgets"])
    _feedback(units, rng, counts)
    bar.step("phản ánh, kiến nghị", counts["feedback"])
    _indices(units, rng, counts)
    bar.step("chỉ số", counts["indices"])
    _refresh(plans)
    bar.step("tình trạng")
    return counts


# --- units and accounts ----------------------------------------------------------------------


@dataclass
class Units:
    root: object  # the issuer of the plans (UBND tỉnh/huyện, or Bộ Nội vụ nationally)
    coordinator: object
    finance: object
    provinces: list
    departments: list
    communes: list
    groups: list  # "UBND các xã, phường" of each province


def _units(scale: Scale, scale_name: str, counts: dict) -> Units:
    from kehoach.org.models import Unit, UnitGroup, UnitKind

    national = scale_name == "national"
    district = scale_name == "district"
    top = None
    if national:
        top = Unit.objects.create(code="gen-bnv", name="Bộ Nội vụ", kind=UnitKind.OTHER, sort_order=1)
    provinces, departments, communes, groups = [], [], [], []
    per = [scale.communes // scale.provinces + (1 if i < scale.communes % scale.provinces else 0)
           for i in range(scale.provinces)]  # fmt: skip
    for pi in range(scale.provinces):
        pname = "Ninh Phước" if district else PROVINCES[pi]
        level = "huyện" if district else "tỉnh"
        head = Unit.objects.create(
            code=f"gen-p{pi:02d}",
            name=f"Ủy ban nhân dân {level} {pname}",
            short_name=f"UBND {level} {pname}",
            kind=UnitKind.PEOPLES_COMMITTEE,
            parent=top,
            sort_order=10 + pi,
        )
        provinces.append(head)
        dept_kind = UnitKind.OFFICE if district else UnitKind.PROVINCE_DEPARTMENT
        prefix = "Phòng" if district else "Sở"
        rows = []
        for di, (dname, dcode) in enumerate(DEPARTMENTS[: scale.departments]):
            name = dname if dname.startswith(("Văn phòng", "Trung tâm", "Ban", "Hội", "Đoàn", "Liên", "Mặt", "Bộ", "Công", "Đài", "Thanh")) else f"{prefix} {dname}"  # fmt: skip
            rows.append(Unit(code=f"gen-p{pi:02d}-{dcode}", name=f"{name} {pname}"[:255], kind=dept_kind,
                             parent=head, sort_order=100 + di))  # fmt: skip
        for ci in range(per[pi]):
            cname = commune_name(ci)
            kind = UnitKind.WARD if ci % 7 == 0 else UnitKind.COMMUNE
            word = "phường" if kind == UnitKind.WARD else "xã"
            rows.append(Unit(code=f"gen-p{pi:02d}-x{ci:03d}", name=f"Ủy ban nhân dân {word} {cname}",
                             short_name=f"UBND {word} {cname}", kind=kind, parent=head, sort_order=1000 + ci))  # fmt: skip
        Unit.objects.bulk_create(rows, batch_size=BATCH)
        created = list(Unit.objects.filter(parent=head).order_by("sort_order", "id"))
        departments += [u for u in created if u.kind == dept_kind]
        communes += [u for u in created if u.kind in (UnitKind.COMMUNE, UnitKind.WARD)]
        groups.append(UnitGroup.objects.create(
            code=f"gen-p{pi:02d}-xa", name=f"UBND các xã, phường ({pname})", within=head,
            kinds=[UnitKind.COMMUNE, UnitKind.WARD]))  # fmt: skip
    root = top or provinces[0]
    nv = Unit.objects.create(code="gen-nv", name="Vụ Cải cách hành chính", kind=UnitKind.OTHER, parent=top) if national else departments[0]  # fmt: skip
    tc = Unit.objects.create(code="gen-tc", name="Vụ Kế hoạch - Tài chính", kind=UnitKind.OTHER, parent=top) if national else departments[1]  # fmt: skip
    counts["units"] = Unit.objects.filter(code__startswith="gen-").count()
    return Units(root, nv, tc, provinces, departments, communes, groups)


def _users(units: Units, counts: dict) -> None:
    """Accounts for the bench and for a look around (password ``kehoach-demo``)."""
    from kehoach.org.models import Membership, Role

    User = get_user_model()
    pw = make_password(PASSWORD)
    people = [
        ("gen-noivu", units.coordinator, Role.COORDINATOR),
        ("gen-taichinh", units.finance, Role.FINANCE),
        ("gen-lanhdao", units.root, Role.LEADER),
        ("gen-xa", units.communes[0], Role.OFFICER),
    ]
    for username, unit, role in people:
        user = User.objects.create(username=username, password=pw)
        Membership.objects.create(user=user, unit=unit, role=role)
    counts["users"] = len(people)


# --- plans, deliverables, submissions ----------------------------------------------------------


def _plan(p: int, scale: Scale, units: Units, rng: random.Random, counts: dict):
    from kehoach.plans.models import Activity, Clause, Duty, DutyKind, Plan, PlanStatus

    plan = Plan.objects.create(
        number=f"{100 + p}/KH-GEN",
        title=f"Kế hoạch tuyên truyền cải cách hành chính năm {YEAR} (số {p + 1})",
        issuer=units.root,
        year=YEAR,
        issued_on=datetime.date(YEAR, 1, 10 + p),
        status=PlanStatus.ISSUED,
        coordinator_unit=units.coordinator,
        appraiser_unit=units.finance,
        signer_name="Nguyễn Văn A",
        signer_position="CHỦ TỊCH",
    )
    clauses = [Clause(plan=plan, label=lab, path=lab, heading=h, depth=lab.count("."), order=i)
               for i, (lab, h) in enumerate([("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NỘI DUNG TUYÊN TRUYỀN"),
                                             ("III", "HÌNH THỨC TUYÊN TRUYỀN"), ("IV", "KINH PHÍ"),
                                             ("V", "TỔ CHỨC THỰC HIỆN"), ("V.1", "Các cơ quan, đơn vị")])]  # fmt: skip
    Clause.objects.bulk_create(clauses)
    acts = []
    for a in range(scale.activities):
        start = datetime.date(YEAR, 1 + rng.randrange(9), 1)
        end = min(datetime.date(YEAR, 12, 31), start + datetime.timedelta(days=rng.randrange(60, 300)))
        lead = rng.choice(units.departments)
        acts.append(Activity(
            plan=plan, no=str(a + 1), order=a, group_title=f"Nhóm nhiệm vụ {a // 10 + 1}",
            content=f"Tuyên truyền {rng.choice(['thủ tục hành chính', 'chuyển đổi số', 'Chỉ số PAR INDEX', 'dịch vụ công trực tuyến'])} đợt {a + 1}",
            lead_text=lead.name, lead_unit=lead, timeframe_text=f"Tháng {start.month}-{end.month}/{YEAR}",
            start=start, end=end, progress=rng.choice([0, 25, 50, 75, 100, 100]),
        ))  # fmt: skip
    Activity.objects.bulk_create(acts, batch_size=BATCH)
    clause = Clause.objects.get(plan=plan, label="V.1")
    duties = [
        (DutyKind.SUBPLAN, "Xây dựng kế hoạch tuyên truyền CCHC của đơn vị", datetime.date(YEAR, 2, 28), []),
        (DutyKind.REPORT, "Báo cáo kết quả tuyên truyền CCHC 6 tháng, năm", None,
         [{"every": "6 months"}, {"every": "year"}]),
        (DutyKind.REPORT, "Báo cáo kết quả tuyên truyền CCHC hằng quý", None, [{"every": "quarter"}]),
    ]  # fmt: skip
    if p == 0:
        duties.append((DutyKind.BROADCAST, "Duy trì chuyên mục CCHC trên đài truyền thanh mỗi tuần ít nhất một lần",
                       None, [{"every": "week", "min_count": 1, "min_minutes": 10}]))  # fmt: skip
    for i, (kind, text, due, rec) in enumerate(duties):
        duty = Duty.objects.create(plan=plan, clause=clause, section="V.1", order=i, kind=kind, text=text,
                                   due_date=due, recurrence=rec)  # fmt: skip
        duty.who_groups.add(*units.groups)
        if kind != DutyKind.BROADCAST:
            duty.who_units.add(*units.departments)
    counts["activities"] = counts.get("activities", 0) + len(acts)
    return plan


def _deliverables(plan, units: Units, scale: Scale, seed: int, counts: dict) -> None:
    """The real generator makes the rows; then each period gets its share of outcomes, by id bucket."""
    from kehoach.tracking.models import Deliverable, ReviewDecision, Submission
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    qs = Deliverable.objects.filter(plan=plan).exclude(kind="broadcast")
    # Out of 20 buckets: 12 on time and accepted, 3 late, 2 returned, 1 awaiting review, 2 missed.
    outcomes = [("accepted", False, 0, 12), ("accepted", True, 5, 3), ("returned", False, 0, 2),
                ("submitted", False, 0, 1), ("missed", None, 0, 2)]  # fmt: skip
    groups = list(qs.order_by().values_list("period", "due_date").distinct())
    with transaction.atomic():
        for period, due in groups:
            lo = 0
            for status, late, days, share in outcomes:
                buckets = [(b + seed) % 20 for b in range(lo, lo + share)]
                lo += share
                fields = {"status": status}
                if late is not None:
                    at = datetime.datetime.combine(due + datetime.timedelta(days=days - 1 if not late else days),
                                                   datetime.time(9), tzinfo=timezone.get_current_timezone())  # fmt: skip
                    fields.update(submitted_at=at, submitted_late=late)
                qs.filter(period=period, due_date=due).annotate(b=Mod("id", 20)).filter(b__in=buckets).update(
                    **fields
                )
    subs = []
    decisions = {"accepted": ReviewDecision.ACCEPTED, "returned": ReviewDecision.RETURNED, "submitted": ""}
    rows = qs.filter(submitted_at__isnull=False).values_list("id", "status", "submitted_at", "submitted_late")
    for did, status, at, late in rows.iterator(chunk_size=BATCH):
        decision = decisions[status]
        subs.append(Submission(
            deliverable_id=did, number=1, submitted_at=at, is_late=late,
            text="Báo cáo kết quả thực hiện trong kỳ.", results="Đã tổ chức tuyên truyền theo kế hoạch.",
            review_decision=decision, reviewed_at=(at + datetime.timedelta(days=2)) if decision else None,
            review_comment="Đề nghị bổ sung số liệu." if status == "returned" else "",
        ))  # fmt: skip
        if len(subs) >= BATCH:
            Submission.objects.bulk_create(subs)
            counts["submissions"] = counts.get("submissions", 0) + len(subs)
            subs = []
    Submission.objects.bulk_create(subs)
    counts["submissions"] = counts.get("submissions", 0) + len(subs)
    counts["deliverables"] = Deliverable.objects.count()


def _aired(unit_id: int, week_start: datetime.date, seed: int, share: int) -> bool:
    return (unit_id * 1_000_003 + week_start.toordinal() * 7919 + seed * 104_729) % 100 < share


def _airings(plan, units: Units, scale: Scale, seed: int, counts: dict) -> None:
    """Each commune's weekly deliverable is judged by that commune's own airings (issue 11)."""
    from kehoach.outputs.models import Broadcast
    from kehoach.tracking.models import Deliverable

    tz = timezone.get_current_timezone()
    weekly = Deliverable.objects.filter(plan=plan, kind="broadcast").values_list(
        "id", "unit_id", "period_start"
    )
    from django.db import connection

    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(timezone.now())
    columns = ["unit_id", "plan_id", "aired_at", "minutes", "title", "recording", "created_at", "updated_at"]
    accepted, missed, airings = [], [], []
    names = {u.pk: u.short_name or u.name for u in units.communes}
    for did, unit_id, start in list(weekly):
        if _aired(unit_id, start, seed, scale.weekly_share):
            accepted.append(did)
            at = datetime.datetime.combine(
                start + datetime.timedelta(days=2), datetime.time(18, 30), tzinfo=tz
            )
            title = f"Chuyên mục Cải cách hành chính - {names.get(unit_id, '')}"[:300]
            airings.append((unit_id, plan.pk, adapt(at), 15, title, "", now, now))
        else:
            missed.append(did)
    for i in range(0, len(airings), BATCH):
        with transaction.atomic():
            _insert(Broadcast, columns, airings[i : i + BATCH])
    counts["broadcasts"] = len(airings)
    for ids, status in ((accepted, "accepted"), (missed, "missed")):
        for i in range(0, len(ids), 900):
            Deliverable.objects.filter(pk__in=ids[i : i + 900]).update(status=status)


# --- outputs, budgets, feedback, indices ----------------------------------------------------


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """COPY (PostgreSQL) or executemany (SQLite): the ORM costs ~0.5 ms a row building objects."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # COPY: PostgreSQL's bulk path, an order of magnitude faster than INSERTs.
            with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # nosec B608: table and column names are our own model metadata, values are parameters
            cur.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)  # nosec B608


def _outputs(plans, units: Units, scale: Scale, rng: random.Random, counts: dict, bar: Bar) -> None:
    import json

    from django.db import connection

    from kehoach.outputs.models import Output

    producers = [u.pk for u in units.departments + units.communes]
    plan_ids = [p.pk for p in plans]
    start = datetime.date(YEAR, 1, 1).toordinal()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = ["unit_id", "plan_id", "date", "form", "topics", "audiences", "quantity", "quantity_unit",
               "title", "url", "file", "created_at", "updated_at"]  # fmt: skip
    topic_sets = [json.dumps([a, b]) for a in TOPICS for b in TOPICS if a < b]
    audience_sets = [json.dumps([a]) for a in AUDIENCES]
    rows: list[tuple] = []
    for i in range(scale.outputs):
        day = datetime.date.fromordinal(start + rng.randrange(365)).isoformat()
        rows.append((producers[rng.randrange(len(producers))], plan_ids[i % len(plan_ids)], day,
                     FORMS[i % len(FORMS)], topic_sets[rng.randrange(len(topic_sets))], audience_sets[i % 4],
                     1 + rng.randrange(5), "items", f"Tin, bài tuyên truyền cải cách hành chính số {i + 1}",
                     "", "", now, now))  # fmt: skip
        if len(rows) >= BATCH:
            with transaction.atomic():
                _insert(Output, columns, rows)
            rows = []
    with transaction.atomic():
        _insert(Output, columns, rows)
    counts["outputs"] = scale.outputs


def _budgets(plans, units: Units, rng: random.Random, counts: dict) -> None:
    from kehoach.budgets.models import Budget, BudgetItem

    rows = []
    statuses = ["estimated", "appraised", "approved", "approved", "returned"]
    for plan in plans:
        for i, unit in enumerate(units.departments[:40]):
            total = 1_000_000 * (5 + rng.randrange(60))
            status = statuses[i % len(statuses)]
            rows.append(Budget(
                plan=plan, unit=unit, status=status, total=total,
                appraised_amount=total if status in ("appraised", "approved") else None,
                approved_amount=total if status == "approved" else None,
            ))  # fmt: skip
    Budget.objects.bulk_create(rows, batch_size=BATCH)
    items = [BudgetItem(budget=b, description=d, amount=b.total // 2, order=k)
             for b in Budget.objects.filter(plan__in=plans)
             for k, d in enumerate(["In tờ rơi, áp phích", "Chi phí sản xuất chuyên mục"])]  # fmt: skip
    BudgetItem.objects.bulk_create(items, batch_size=BATCH)
    counts["budgets"] = len(rows)


def _feedback(units: Units, rng: random.Random, counts: dict) -> None:
    from kehoach.public.models import Feedback

    tz = timezone.get_current_timezone()
    rows = []
    for i, unit in enumerate(units.communes):
        for k in range(3):
            rows.append(Feedback(
                code=f"GEN{i:05d}{k}", content="Đề nghị rút ngắn thời gian giải quyết hồ sơ đất đai.",
                name=f"Nguyễn Thị {SYLLABLES[(i + k) % len(SYLLABLES)]}", routed_to=unit,
                status=["received", "routed", "answered", "published"][(i + k) % 4],
                received_at=datetime.datetime(YEAR, 1 + (i + k) % 12, 1 + k, 8, tzinfo=tz),
            ))  # fmt: skip
    Feedback.objects.bulk_create(rows, batch_size=BATCH)
    counts["feedback"] = len(rows)


def _indices(units: Units, rng: random.Random, counts: dict) -> None:
    from decimal import Decimal

    from kehoach.indices.models import IndexResult

    rows = [IndexResult(index="par_index", unit=u, year=YEAR - 1, value=Decimal(f"{60 + rng.random() * 35:.2f}"),
                        rank=i + 1, rank_of=len(units.departments))
            for i, u in enumerate(units.departments)]  # fmt: skip
    rows += [IndexResult(index="sipas", unit=u, year=YEAR - 1, value=Decimal(f"{70 + rng.random() * 25:.2f}"))
             for u in units.communes]  # fmt: skip
    IndexResult.objects.bulk_create(rows, batch_size=BATCH)
    counts["indices"] = len(rows)


def _vacuum(table: str) -> None:
    """PostgreSQL: statistics and the visibility map of a freshly loaded table now, not when
    autovacuum gets to it (the summary's reads are index-only scans)."""
    from django.db import connection

    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cur:
            cur.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def _refresh(plans) -> None:
    """Pending deliverables past due become overdue through the real status rule."""
    from kehoach.tracking.services import refresh_statuses

    for plan in plans:
        refresh_statuses(plan, datetime.date(YEAR + 1, 1, 31))
