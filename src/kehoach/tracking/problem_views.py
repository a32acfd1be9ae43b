"""Tracking pages for problems and proposals (vướng mắc, đề xuất) and inspections (kiểm tra):
raised by units, answered or followed up by the coordinator. Every page starts from a
``for_user`` queryset: another unit's record is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.core.export import wants_xlsx
from kehoach.org.models import Unit
from kehoach.tracking import followup as problem_services
from kehoach.tracking.exports import problems_xlsx
from kehoach.tracking.forms import AnswerForm, FollowUpForm, InspectionForm, ProblemForm
from kehoach.tracking.models import Deliverable, Inspection, Problem, ProblemStatus
from kehoach.tracking.views import _plan


@login_required
def problems(request):
    """Vướng mắc, đề xuất: list, raise (units), answer (coordinator)."""
    plan = _plan(request)
    if plan is None:
        raise Http404
    my_units = Unit.objects.filter(pk__in=permissions.unit_ids(request.user, permissions.ACTING_ROLES))
    form = ProblemForm(request.POST or None, units=my_units, initial={"unit": my_units.first()})
    status = 200
    if request.method == "POST":
        if not my_units.exists():
            raise Http404
        if form.is_valid():
            try:
                problem_services.raise_problem(
                    plan,
                    form.cleaned_data["unit"],
                    request.user,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    content=form.cleaned_data["content"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Đã gửi vướng mắc, đề xuất tới Phòng Nội vụ.")
                return redirect(f"{reverse('tracking:problems')}?plan={plan.pk}")
        else:
            status = 400
    qs = Problem.objects.for_user(request.user).filter(plan=plan).select_related("unit", "answered_by")
    st = request.GET.get("status", "")
    if st in ProblemStatus.values:
        qs = qs.filter(status=st)
    if wants_xlsx(request):
        return problems_xlsx(qs, plan)
    can_answer = permissions.is_coordinator(request.user, plan) or permissions.is_leader(request.user, plan)
    return render(
        request,
        "tracking/problems.html",
        {
            "plan": plan,
            "items": qs,
            "form": form,
            "can_raise": my_units.exists(),
            "can_answer": can_answer,
            "is_coordinator": permissions.is_coordinator(request.user, plan),
            "answer_form": AnswerForm(),
            "statuses": ProblemStatus.choices,
            "status": st,
        },
        status=status,
    )


@login_required
@require_POST
def problem_answer(request, pk):
    p = get_object_or_404(Problem.objects.for_user(request.user).select_related("plan"), pk=pk)
    try:
        if request.POST.get("action") == "forward":
            problem_services.forward_problem(p, request.user)
            messages.success(request, "Đã chuyển UBND huyện.")
        else:
            form = AnswerForm(request.POST)
            if not form.is_valid():
                raise DomainError("Cần nhập nội dung trả lời.")
            problem_services.answer_problem(
                p, request.user, answer=form.cleaned_data["answer"], close=form.cleaned_data["close"]
            )
            messages.success(request, "Đã trả lời.")
    except DomainError as exc:
        if exc.status == 403:
            raise Http404
        messages.error(request, exc.message)
    return redirect(f"{reverse('tracking:problems')}?plan={p.plan_id}#problem-{p.pk}")


@login_required
def inspections(request):
    """Kiểm tra (V.1.b): planned and done inspections, findings and follow-up."""
    plan = _plan(request)
    if plan is None:
        raise Http404
    is_coord = permissions.is_coordinator(request.user, plan)
    # The plan's units: a semi-join (EXISTS), where a join made DISTINCT over every deliverable.
    units = Unit.objects.filter(Exists(Deliverable.objects.filter(plan=plan, unit=OuterRef("pk"))))
    form = InspectionForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST":
        if not is_coord:
            raise Http404
        if form.is_valid():
            try:
                problem_services.record_inspection(
                    plan,
                    form.cleaned_data["unit"],
                    request.user,
                    date=form.cleaned_data["date"],
                    inspectors=form.cleaned_data["inspectors"],
                    findings=form.cleaned_data["findings"],
                    recommendations=form.cleaned_data["recommendations"],
                    status=form.cleaned_data["status"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Đã ghi nhận cuộc kiểm tra.")
                return redirect(f"{reverse('tracking:inspections')}?plan={plan.pk}")
        else:
            status = 400
    items = Inspection.objects.for_user(request.user).filter(plan=plan).select_related("unit")
    mine = permissions.unit_ids(request.user, permissions.ACTING_ROLES)
    return render(
        request,
        "tracking/inspections.html",
        {
            "plan": plan,
            "items": items,
            "form": form,
            "is_coordinator": is_coord,
            "my_units": mine,
            "follow_form": FollowUpForm(),
        },
        status=status,
    )


@login_required
@require_POST
def inspection_follow_up(request, pk):
    i = get_object_or_404(Inspection.objects.for_user(request.user).select_related("plan"), pk=pk)
    form = FollowUpForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("Cần nhập kết quả khắc phục.")
        problem_services.follow_up_inspection(i, request.user, follow_up=form.cleaned_data["follow_up"])
    except DomainError as exc:
        if exc.status == 403:
            raise Http404
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã cập nhật kết quả khắc phục.")
    return redirect(f"{reverse('tracking:inspections')}?plan={i.plan_id}")
