"""Workflows on plans: saving an imported plan, updating an activity's progress."""

import datetime
import re
from collections import Counter

from django.db import transaction
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.audit import record
from kehoach.core.errors import DomainError, Forbidden, check_version
from kehoach.core.validation import NOTE_MAX, clean_text, clean_web_url
from kehoach.org.models import Unit, UnitGroup, UnitKind
from kehoach.org.services import NameIndex, add_alias
from kehoach.plans.guards import refuse_if_closed
from kehoach.plans.models import Activity, ActivityUpdate, Clause, Duty, DutyKind, Plan, PlanStatus

# Recurrence "every" values the import schema uses.
REPORT_EVERY = {"month", "quarter", "6 months", "year"}


def _date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(f"Ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD).")


def duty_kind(text: str, due: dict | None, recurrence: list[dict]) -> str:
    """Which deliverable a duty produces: its own plan, a periodic report, a weekly broadcast, or ongoing work."""
    low = text.lower()
    everies = {r.get("every") for r in recurrence}
    if "week" in everies and any(r.get("min_minutes") for r in recurrence):
        return DutyKind.BROADCAST
    if everies & REPORT_EVERY and "báo cáo" in low:
        return DutyKind.REPORT
    if due and re.search(r"(xây dựng|ban hành)\s+(kế hoạch|chương trình)", low):
        return DutyKind.SUBPLAN
    if due and "báo cáo" in low:
        return DutyKind.REPORT
    return DutyKind.TASK


class _Resolver:
    """Resolve names with the user's choices from the review page taking precedence."""

    def __init__(self, mappings: dict | None, issuer: Unit | None, create_missing: bool):
        self.index = NameIndex()
        self.mappings = mappings or {}
        self.issuer = issuer
        self.create_missing = create_missing
        self.warnings: list[str] = []

    def __call__(self, name: str | None):
        if not name:
            return None
        choice = self.mappings.get(name)
        if choice:
            kind, _, pk = str(choice).partition(":")
            if kind == "unit":
                return Unit.objects.get(pk=int(pk))
            if kind == "group":
                return UnitGroup.objects.get(pk=int(pk))
            if kind == "new":
                return self._create(name)
            if kind == "none":
                return None
        res = self.index.resolve(name)
        if res.found:
            target = res.unit or res.group
            if res.method != "exact":
                add_alias(target, name)
            return target
        if self.create_missing:
            return self._create(name)
        self.warnings.append(f"Chưa xác định được đơn vị: {name}")
        return None

    def _create(self, name: str) -> Unit:
        base = (
            re.sub(r"[^a-z0-9]+", "-", name.lower().encode("ascii", "ignore").decode()).strip("-")[:30]
            or "unit"
        )
        code, n = base, 1
        while Unit.objects.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        unit = Unit.objects.create(code=code, name=name, kind=UnitKind.OTHER, parent=self.issuer)
        self.index = NameIndex()
        return unit


def _save_clauses(
    plan: Plan, nodes: list[dict], parent: Clause | None, prefix: str, depth: int, counter: list[int]
) -> dict:
    paths: dict[str, Clause] = {}
    for node in nodes:
        label = (node.get("label") or "").strip()
        path = prefix if label in ("-", "+", "") else (f"{prefix}.{label}" if prefix else label)
        counter[0] += 1
        clause = Clause.objects.create(
            plan=plan,
            parent=parent,
            label=label,
            path=path,
            heading=node.get("heading") or "",
            text=node.get("text") or "",
            depth=depth,
            order=counter[0],
        )
        if label not in ("-", "+", ""):
            paths.setdefault(path, clause)
        paths.update(
            {
                k: v
                for k, v in _save_clauses(
                    plan, node.get("children") or [], clause, path, depth + 1, counter
                ).items()
                if k not in paths
            }
        )
    return paths


@transaction.atomic
def save_imported_plan(
    data: dict,
    *,
    user=None,
    status: str = PlanStatus.DRAFT,
    mappings: dict | None = None,
    issuer: Unit | None = None,
    create_missing_units: bool = False,
    source_name: str = "",
    source_sha256: str = "",
    source_text: str = "",
    parent: Plan | None = None,
) -> Plan:
    """Turn the importer's object (plan-import.schema.json) into a working plan, all or nothing."""
    doc = data.get("document") or {}
    resolve = _Resolver(mappings, issuer, create_missing_units)
    if issuer is None:
        found = resolve(doc.get("issuer"))
        issuer = found if isinstance(found, Unit) else None
    if issuer is None:
        raise DomainError("Chưa xác định được cơ quan ban hành kế hoạch; hãy chọn cơ quan ban hành.")
    resolve.issuer = issuer
    year = doc.get("year")
    signer = doc.get("signer") or {}
    plan = Plan.objects.create(
        kind=(doc.get("kind") or "KẾ HOẠCH")[:40],
        number=doc.get("number") or "",
        issued_on=_date(doc.get("issued_on")),
        issuer=issuer,
        title=(doc.get("title") or "(chưa có trích yếu)")[:500],
        year=year,
        bases=list(doc.get("bases") or []),
        signer_name=signer.get("name") or "",
        signer_position=signer.get("position") or "",
        signer_authority=signer.get("authority") or "",
        recipients=list(doc.get("recipients") or []),
        status=status,
        parent=parent,
        source_name=source_name[:255],
        source_sha256=source_sha256,
        source_text=source_text,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    paths = _save_clauses(plan, data.get("sections") or [], None, "", 0, [0])

    for order, row in enumerate(data.get("activities") or [], start=1):
        tf = row.get("timeframe") or {}
        lead = resolve(row.get("lead_unit") or row.get("lead"))
        if row.get("lead_unit") and row.get("lead") and isinstance(lead, Unit):
            add_alias(lead, row["lead"])
        activity = Activity.objects.create(
            plan=plan,
            no=str(row.get("no") or order)[:20],
            order=order,
            group_title=(row.get("group") or "")[:300],
            content=row.get("content") or "",
            lead_text=(row.get("lead") or "")[:300],
            lead_unit=lead if isinstance(lead, Unit) else None,
            coordinators_text=list(row.get("coordinators") or []),
            timeframe_text=(tf.get("text") or "")[:200],
            start=_date(tf.get("start")),
            end=_date(tf.get("end")),
            regular=bool(tf.get("regular")),
            product=row.get("product") or "",
            note=row.get("note") or "",
        )
        for name in row.get("coordinators") or []:
            target = resolve(name)
            if isinstance(target, Unit):
                activity.coordinator_units.add(target)
            elif isinstance(target, UnitGroup):
                activity.coordinator_groups.add(target)

    report_targets: Counter = Counter()
    appraiser = None
    for order, row in enumerate(data.get("duties") or [], start=1):
        due = row.get("due") or None
        recurrence = list(row.get("recurrence") or [])
        text = row.get("text") or ""
        report_to = resolve(row.get("report_to")) if row.get("report_to") else None
        duty = Duty.objects.create(
            plan=plan,
            clause=paths.get(row.get("section") or ""),
            section=(row.get("section") or "")[:40],
            order=order,
            kind=duty_kind(text, due, recurrence),
            text=text,
            who_text=list(row.get("who") or []),
            due_date=_date(due.get("date")) if due else None,
            due_inclusive=bool(due.get("inclusive", True)) if due else True,
            recurrence=recurrence,
            report_to_text=(row.get("report_to") or "")[:255],
            report_to=report_to if isinstance(report_to, Unit) else None,
        )
        if isinstance(report_to, Unit):
            report_targets[report_to.pk] += 1
        for name in row.get("who") or []:
            target = resolve(name)
            if isinstance(target, Unit):
                duty.who_units.add(target)
                if appraiser is None and "thẩm định" in text.lower() and "kinh phí" in text.lower():
                    appraiser = target
            elif isinstance(target, UnitGroup):
                duty.who_groups.add(target)

    if report_targets:
        plan.coordinator_unit_id = report_targets.most_common(1)[0][0]
    plan.appraiser_unit = appraiser
    if year:
        plan.period_start = datetime.date(year, 1, 1)
        plan.period_end = datetime.date(year, 12, 31)
    plan.save()
    for warning in resolve.warnings:
        record(plan, "action", {}, verb=warning[:80])
    return plan


@transaction.atomic
def update_activity(
    activity: Activity,
    user,
    *,
    version: int | None,
    progress: int | None = None,
    note: str | None = None,
    link: str = "",
    file=None,
    today: datetime.date | None = None,
) -> Activity:
    """Cập nhật tiến độ: the lead unit (or the coordinator) records progress with evidence."""
    link = clean_web_url(link, "Đường dẫn minh chứng")
    note = clean_text(note, "Nội dung cập nhật", NOTE_MAX)
    activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
    if not permissions.can_edit_activity(user, activity):
        raise Forbidden("Chỉ cơ quan chủ trì hoặc cơ quan thường trực được cập nhật nhiệm vụ này.")
    refuse_if_closed(activity.plan)
    check_version(activity, version)
    if progress is not None:
        if not 0 <= int(progress) <= 100:
            raise DomainError("Tiến độ phải từ 0 đến 100%.")
        activity.progress = int(progress)
        if activity.progress == 100 and activity.completed_on is None:
            activity.completed_on = today or timezone.localdate()
        elif activity.progress < 100:
            activity.completed_on = None
    activity.version += 1
    activity.save()
    ActivityUpdate.objects.create(
        activity=activity,
        author=user,
        progress=activity.progress,
        note=note or "",
        link=link or "",
        file=file or "",
    )
    return activity
