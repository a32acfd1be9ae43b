"""Tracking pages: my unit's deliverables, a deliverable with its versions and the submit flow,
the coordinator's review queue, follow-up and urging, problems, inspections.

Every page starts from a ``for_user`` queryset: another unit's record is a 404.
"""

from __future__ import annotations

import dataclasses
import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.as_of import as_of_from
from kehoach.core.errors import DomainError
from kehoach.core.export import wants_xlsx
from kehoach.fulfilment.prefill import report_prefill
from kehoach.notices import selectors as notice_selectors
from kehoach.org import fields as unit_fields
from kehoach.org.models import Unit
from kehoach.plans.defaults import coordinated, default_plan_for
from kehoach.plans.models import DutyKind, Plan
from kehoach.rules.periods import parse_period
from kehoach.rules.standing import OWED, document_scope
from kehoach.tracking import reminders, selectors, services
from kehoach.tracking.exports import deliverables_xlsx, review_xlsx
from kehoach.tracking.forms import (
    FIGURES,
    EvidenceForm,
    LockForm,
    ReviewForm,
    SubmitForm,
    UrgingForm,
)
from kehoach.tracking.models import (
    Deliverable,
    DeliverableStatus,
    Submission,
)

KIND_FILTERS = [
    ("docs", "Kế hoạch và báo cáo"),
    ("broadcast", "Tuần phát sóng"),
    ("all", "Tất cả"),
]


def _plan(request, plans=None) -> Plan | None:
    """The plan the page is about: ?plan=, else the user's default plan (``plans.defaults``)."""
    plans = Plan.objects.for_user(request.user) if plans is None else plans
    pk = request.GET.get("plan") or request.POST.get("plan")
    if pk:
        try:
            return plans.filter(pk=int(pk)).first()
        except ValueError:
            return None
    return default_plan_for(request.user, plans)


def _today() -> datetime.date:
    return timezone.localdate()


def _kind_filter(qs, value: str):
    if value == "broadcast":
        return qs.filter(kind=DutyKind.BROADCAST)
    if value == "all":
        return qs
    return qs.exclude(kind=DutyKind.BROADCAST)


@login_required
def deliverable_list(request):
    """Việc phải nộp: a task list for a unit; a filterable table of every unit for coordinators."""
    plan = _plan(request)
    wide = permissions.sees_everything(request.user)
    today = _today()
    qs = Deliverable.objects.for_user(request.user).select_related("unit", "duty")
    if plan:
        qs = qs.filter(plan=plan)
    f = {k: request.GET.get(k, "") for k in ("period", "unit", "status", "kind")}
    f["kind"] = f["kind"] or "docs"
    qs = _kind_filter(qs, f["kind"])
    if f["period"]:
        qs = qs.filter(period=f["period"])
    qs = qs.as_of(today)
    if f["status"] in DeliverableStatus.values:
        qs = qs.filter(state=f["status"])
    elif f["status"] == "overdue":
        qs = qs.filter(overdue=True)
    # Nationally 3,400 units: the unit filter is a box for a code or a name, not a list of them all
    typed_unit = wide and plan is not None and Unit.objects.count() > unit_fields.UNITS_IN_A_LIST
    unit_error = ""
    if typed_unit and f["unit"]:
        try:
            unit = unit_fields.UnitRefField(Unit.objects.all()).clean(f["unit"])
        except ValidationError as e:
            unit, unit_error = None, e.messages[0]
        qs = qs.filter(unit=unit) if unit else qs.none()
    elif f["unit"].isdigit():
        qs = qs.filter(unit_id=int(f["unit"]))
    if wants_xlsx(request):
        return deliverables_xlsx(qs, today)
    counts = selectors.status_counts(qs)
    paginator = Paginator(qs.order_by("due_date", "unit__sort_order", "id"), 50)
    paginator.count = sum(counts.values())  # the counts above already counted them (one pass fewer)
    page = paginator.get_page(request.GET.get("page"))
    periods = (
        Deliverable.objects.for_user(request.user)
        .filter(plan=plan)
        .order_by("period_start", "period")
        .values_list("period", flat=True)
        .distinct()
        if plan
        else []
    )
    units = (
        Unit.objects.filter(deliverables__plan=plan).distinct() if (plan and wide and not typed_unit) else []
    )
    return render(
        request,
        "tracking/list.html",
        {
            "plan": plan,
            "page": page,
            "wide": wide,
            # Only the plan's coordinator reviews: the leader sees no link to a queue that is not theirs.
            "is_coordinator": bool(plan) and permissions.is_coordinator(request.user, plan),
            "filters": f,
            "periods": _period_choices(periods),
            "units": units,
            "typed_unit": typed_unit,
            "unit_error": unit_error,
            "statuses": DeliverableStatus.choices,
            "kinds": KIND_FILTERS,
            "counts": [(DeliverableStatus(k).label, k, n) for k, n in counts.items() if n],
            "today": today,
            "query": request.GET.copy(),
        },
    )


def _period_choices(codes) -> list[tuple[str, str]]:
    out = []
    for code in dict.fromkeys(codes):
        try:
            out.append((code, parse_period(code).label_vi))
        except ValueError:
            out.append((code, code))
    return out


def _lock_periods(plan) -> list[tuple[str, str]]:
    """The plan's report and unit-plan periods, by their labels, for the period-lock select."""
    # Each period once from the database (nationally 27,000 rows were fetched to keep 8).
    codes = (
        Deliverable.objects.filter(plan=plan, kind__in=selectors.NOT_BROADCAST)
        .order_by("period_start", "-period_end")
        .values_list("period", "period_start", "period_end")
        .distinct()
    )
    return _period_choices(c for c, _start, _end in codes)


def _deliverable_or_404(request, pk) -> Deliverable:
    return get_object_or_404(Deliverable.objects.for_user(request.user).with_relations(), pk=pk)


def _basis(request) -> str:
    basis = request.GET.get("basis", "cutoff")
    return basis if basis in services.PREFILL_BASES else "cutoff"


def _initial(d: Deliverable, basis: str = "cutoff") -> dict:
    initial = {"version": d.version}
    if d.kind == DutyKind.REPORT:
        last = d.submissions.order_by("-number").first()
        figures = last.figures if last and last.figures else report_prefill(d, basis)
        for key, _ in FIGURES:
            initial[f"fig_{key}"] = figures.get(key, 0)
        initial["by_form"] = json.dumps(figures.get("by_form") or {})
        if last:
            initial.update(
                text=last.text, results=last.results, shortcomings=last.shortcomings, proposals=last.proposals
            )
    return initial


@login_required
def deliverable_detail(request, pk):
    """A deliverable: due date, status, why it is locked, every version, and the submit flow:
    the form (figures pre-filled from logged outputs) → check your answers → Nộp."""
    d = _deliverable_or_404(request, pk)
    today = _today()
    basis = _basis(request)
    window = services.prefill_window(d, basis)
    can_submit = (
        permissions.can_act_for(request.user, d.unit_id) and "submit" in d.actions and d.is_open_on(today)
    )
    is_report = d.kind == DutyKind.REPORT
    step = request.POST.get("step", "") if request.method == "POST" else ""
    form = SubmitForm(
        request.POST or None, initial=None if request.POST else _initial(d, basis), is_report=is_report
    )
    evidence = EvidenceForm(request.POST or None, request.FILES or None)
    status = 200
    template = "tracking/detail.html"
    if request.method == "POST":
        if not permissions.can_act_for(request.user, d.unit_id):
            raise Http404
        if step == "edit":
            pass  # back from the check page: the bound form keeps what was typed
        elif form.is_valid() and step == "check":
            template = "tracking/check.html"
            evidence = EvidenceForm()
        elif form.is_valid() and step == "submit":
            if evidence.is_valid():
                try:
                    services.submit(
                        d,
                        request.user,
                        text=form.cleaned_data["text"] or form.cleaned_data.get("results", "")[:200],
                        file=evidence.cleaned_data.get("file"),
                        figures=form.figures(),
                        results=form.cleaned_data.get("results", ""),
                        shortcomings=form.cleaned_data.get("shortcomings", ""),
                        proposals=form.cleaned_data.get("proposals", ""),
                        version=form.cleaned_data["version"],
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                    status = exc.status
                else:
                    word = "trễ hạn" if d.status == DeliverableStatus.LATE else "đúng hạn"
                    messages.success(request, f"Đã nộp {d.title.lower()} ({word}).")
                    return redirect("tracking:detail", pk=d.pk)
            else:
                template, status = "tracking/check.html", 400
        else:
            status = 400
    submissions = list(d.submissions.select_related("author", "reviewed_by").order_by("-number"))
    for s in submissions:
        # Figures are stored by code; people read them under the form's labels.
        s.figure_rows = [(label, s.figures[key]) for key, label in FIGURES if key in (s.figures or {})]
    return render(
        request,
        template,
        {
            "d": d,
            "form": form,
            "evidence": evidence,
            "can_submit": can_submit,
            "is_report": is_report,
            "submissions": submissions,
            "today": today,
            "is_coordinator": permissions.is_coordinator(request.user, d.plan),
            "review_form": ReviewForm(initial={"version": d.version}),
            "overdue": d.is_overdue_on(today),
            "window": window,
            "basis": basis,
        },
        status=status,
    )


@login_required
def evidence(request, pk):
    """Evidence is served only to those who may see the deliverable."""
    sub = get_object_or_404(
        Submission.objects.filter(deliverable__in=Deliverable.objects.for_user(request.user)), pk=pk
    )
    if not sub.file:
        raise Http404
    return FileResponse(sub.file.open("rb"), as_attachment=True, filename=sub.file_name)


@login_required
def review_queue(request):
    """Hàng chờ tiếp nhận: handed-in deliverables, sortable by due date and unit."""
    plan = _plan(request, coordinated(request.user))
    if plan is None or not permissions.is_coordinator(request.user, plan):
        raise Http404
    sort = request.GET.get("sort", "due")
    order = {
        "due": ["due_date", "unit__sort_order"],
        "unit": ["unit__sort_order", "due_date"],
        "submitted": ["submitted_at"],
    }
    qs = selectors.review_queue(request.user, plan).order_by(*order.get(sort, order["due"]), "id")
    if wants_xlsx(request):
        return review_xlsx(qs, plan)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "tracking/review.html", {"plan": plan, "page": page, "sort": sort, "form": ReviewForm()}
    )


@login_required
@require_POST
def review_action(request, pk):
    """Accept or return in place (htmx swaps the row); without JS, back to the queue."""
    d = _deliverable_or_404(request, pk)
    if not permissions.is_coordinator(request.user, d.plan):
        raise Http404
    form = ReviewForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.review(
                d,
                request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data.get("version"),
            )
        except DomainError as exc:
            error = exc.message
    else:
        error = "; ".join(e for errs in form.errors.values() for e in errs)
    if request.htmx:
        d.refresh_from_db()
        return render(
            request,
            "tracking/_review_row.html",
            # The queue's count in the heading follows (htmx out-of-band swap of #review-count).
            {
                "d": d,
                "error": error,
                "done": not error,
                "remaining": selectors.review_queue(request.user, d.plan).count(),
            },
            # htmx swaps only 2xx answers: the row itself carries the error message.
            status=200,
        )
    if error:
        messages.error(request, f"{d.unit.name}: {error}")
    else:
        messages.success(
            request, f"Đã {'tiếp nhận' if d.status == 'accepted' else 'trả lại'}: {d.title} — {d.unit.name}."
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("tracking:review")
    return redirect(target)


@dataclasses.dataclass(frozen=True)
class _UnitRow:
    """A unit's line on the follow-up page (đơn vị: quá hạn, đến hạn trong 30 ngày)."""

    pk: int
    name: str
    sort_order: int
    overdue: int
    upcoming: int


@dataclasses.dataclass(frozen=True, order=True)
class _LateRow:
    """A late item of the follow-up list, in its order (due date, unit, id); the page shows
    its deliverable, read for the page only."""

    due_date: datetime.date
    unit_order: int
    pk: int
    unit_id: int = dataclasses.field(compare=False)
    kind: str = dataclasses.field(compare=False)
    period: str = dataclasses.field(compare=False)
    period_start: datetime.date = dataclasses.field(compare=False)
    period_end: datetime.date = dataclasses.field(compare=False)


@login_required
def followup(request):
    """Theo dõi, đôn đốc: per unit, what is coming up and what is overdue; urge late units."""
    plan = _plan(request)
    if plan is None or not permissions.sees_everything(request.user):
        raise Http404
    if request.method == "POST":
        return _followup(request, plan)
    # Five passes over the plan's deliverables as of today, each planned by index (issue 11:
    # 0.5-0.8 s nationally with hash joins over every submission).
    with selectors.without_hash_joins(Deliverable.objects.db):
        return _followup(request, plan)


def _followup(request, plan: Plan):
    today = as_of_from(request)
    is_coord = permissions.is_coordinator(request.user, plan)
    # One rule (rules.standing via Deliverable.objects.as_of): owed and past the last day on time.
    standing = Deliverable.objects.filter(plan=plan, kind__in=selectors.NOT_BROADCAST).as_of(today)
    soon = today + datetime.timedelta(days=30)
    # One pass over what the page speaks of (owed past due, or owed and due within 30 days): the
    # units' counts, the late list in order, its periods and who owes for the chosen period come
    # from these rows (issue 11: four passes over the plan took 0.5-0.8 s nationally).
    facts = (
        standing.filter(Q(overdue=True) | Q(state__in=OWED, due_date__lte=soon))
        .order_by()
        .values_list("id", "unit_id", "kind", "period", "period_start", "period_end", "due_date", "overdue")
    )
    # Names and order of every unit as plain rows (3,400 units as models cost more than the counts).
    units = {
        pk: (order, name)
        for pk, order, name in Unit.objects.order_by().values_list("id", "sort_order", "name")
    }
    counts: dict[int, list[int]] = {}
    late: list[_LateRow] = []
    for pk, unit_id, kind, period_code, start, end, due, is_overdue in facts:
        c = counts.setdefault(unit_id, [0, 0])
        if is_overdue:
            c[0] += 1
            late.append(_LateRow(due, units[unit_id][0], pk, unit_id, kind, period_code, start, end))
        else:
            c[1] += 1
    rows = [_UnitRow(pk, units[pk][1], units[pk][0], n, m) for pk, (n, m) in counts.items()]
    rows.sort(key=lambda u: (-u.overdue, u.sort_order, u.name, u.pk))  # the same order on every load
    # Paged (nationally 3,400 units and 40,000 late items made a 1.9 MB page)
    rows_page = Paginator(rows, 50).get_page(request.GET.get("upage"))
    late.sort()  # by due date, unit, id: as the list always read
    overdue = Paginator(late, 50).get_page(request.GET.get("opage"))
    shown = {d.pk: d for d in standing.filter(pk__in=[r.pk for r in overdue]).select_related("unit", "duty")}
    overdue.object_list = [shown[r.pk] for r in overdue.object_list]
    by_period: dict[tuple, int] = {}
    for r in late:
        by_period[(r.period_start, r.period)] = by_period.get((r.period_start, r.period), 0) + 1
    periods = _period_choices(code for _start, code in sorted(by_period))
    period = request.POST.get("period") or request.GET.get("period") or (periods[-1][0] if periods else "")
    try:
        # Who owes a report or unit plan that the period's documents speak of (rules.standing.Scope,
        # the pure twin of ``in_scope``): the form lists or counts them, not each item.
        scope = document_scope(parse_period(period)) if period else None
    except ValueError:
        scope = None
    roles = (DutyKind.REPORT, DutyKind.SUBPLAN)
    owing = (
        {r.unit_id for r in late if scope.role(r.kind, r.period_start, r.period_end, r.period) in roles}
        if scope
        else set()
    )
    late_units = Unit.objects.filter(pk__in=owing)
    many = len(owing) if len(owing) > unit_fields.UNITS_IN_A_LIST else 0
    form = UrgingForm(
        request.POST or None,
        units=late_units,
        many=many,
        initial={
            "period": period,
            "units": True if many else list(late_units),
            "text": _urging_text(plan, period),
        },
    )
    status = 200
    if request.method == "POST":
        if not is_coord:
            raise Http404
        if form.is_valid():
            try:
                notice = reminders.send_urging(
                    plan,
                    request.user,
                    form.chosen_units(late_units),
                    form.cleaned_data["period"],
                    form.cleaned_data["text"],
                    today=_today(),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, notice_selectors.sent_message(notice))
                return redirect(f"{reverse('tracking:followup')}?plan={plan.pk}&period={period}")
        else:
            status = 400
    notices = plan.urging_notices.prefetch_related("units")[:10]
    return render(
        request,
        "tracking/followup.html",
        {
            "plan": plan,
            "rows": rows_page,
            "overdue": overdue,
            "query": request.GET.copy(),
            "many": many,
            "today": today,
            "form": form,
            "period": period,
            "periods": periods,
            "is_coordinator": is_coord,
            "notices": notices,
            "lock_form": LockForm(initial={"period": period}, periods=_lock_periods(plan)),
        },
        status=status,
    )


def _urging_text(plan: Plan, period: str) -> str:
    try:
        label = parse_period(period).label_vi
    except ValueError:
        label = period
    return (
        f"Thực hiện {plan.kind.capitalize()} số {plan.number} của UBND huyện, đến nay các cơ quan, đơn vị "
        f"có tên dưới đây chưa gửi kế hoạch, báo cáo kỳ {label} về Phòng Nội vụ. "
        "Đề nghị Thủ trưởng các cơ quan, đơn vị khẩn trương thực hiện."
    )


@login_required
@require_POST
def lock(request):
    plan = _plan(request, coordinated(request.user))
    if plan is None or not permissions.is_coordinator(request.user, plan):
        raise Http404
    form = LockForm(request.POST)
    if form.is_valid():
        n = services.lock_period(
            plan, form.cleaned_data["period"], form.cleaned_data["reason"], user=request.user
        )
        label = parse_period(form.cleaned_data["period"]).label_vi
        messages.success(request, f"Đã khóa kỳ {label} ({n} việc).")
    else:
        messages.error(
            request, "Chưa khóa được: " + "; ".join(e for errs in form.errors.values() for e in errs)
        )
    return redirect(f"{reverse('tracking:followup')}?plan={plan.pk}")


@login_required
@require_POST
def reopen(request, pk):
    d = _deliverable_or_404(request, pk)
    if not permissions.is_coordinator(request.user, d.plan):
        raise Http404
    try:
        until = datetime.date.fromisoformat(request.POST.get("until", ""))
        services.reopen(d, request.user, until)
    except ValueError:
        messages.error(request, "Ngày mở lại không hợp lệ.")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã mở lại cho {d.unit.name} nộp đến ngày {until:%d/%m/%Y}.")
    return redirect("tracking:detail", pk=d.pk)
