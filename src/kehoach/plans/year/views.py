"""Sang năm mới on pages: copy a plan to next year, issue a draft, close a year."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.plans import year_turn
from kehoach.plans.models import Plan
from kehoach.tracking import year_end


def _year(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def copy_plan(request, pk):
    """Nút "Sao chép sang năm sau": the copy opens as a draft to check before issuing."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=pk)
    if not permissions.is_coordinator(request.user, plan):
        raise PermissionDenied(_("Chỉ cơ quan thường trực được sao chép kế hoạch."))
    year = _year(request.POST.get("year"))
    try:
        if year is None:
            raise DomainError(_("Năm phải là một số, ví dụ 2022."))
        new = year_turn.copy_plan(
            plan, year, user=request.user, confirm_duplicate=request.POST.get("confirm_duplicate") == "1"
        )
    except year_turn.DuplicateCopy as exc:
        messages.warning(
            request,
            _(
                "Kế hoạch này đã được sao chép sang năm %(y)d (kế hoạch #%(n)d). "
                "Đánh dấu “Vẫn tạo thêm khi năm đó đã có bản sao” nếu vẫn muốn tạo thêm một bản."
            )
            % {"y": year, "n": exc.plan_id},
        )
        return redirect("plans:detail", exc.plan_id)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan.pk)
    messages.success(
        request, _("Đã tạo bản dự thảo năm %(y)d. Kiểm tra rồi bấm “Ban hành” để giao việc.") % {"y": year}
    )
    return redirect("plans:detail", new.pk)


@login_required
@require_POST
def activate_plan(request, pk):
    """Nút "Ban hành": the draft becomes the units' work and its deliverables are generated."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=pk)
    if not permissions.is_coordinator(request.user, plan):
        raise PermissionDenied(_("Chỉ cơ quan thường trực được ban hành kế hoạch."))
    try:
        counts = year_end.issue_plan(plan, request.user, number=request.POST.get("number", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ban hành; đã sinh %(n)d việc phải nộp.") % {"n": counts["created"]})
    return redirect("plans:detail", plan.pk)


@login_required
def close_year(request):
    """Khóa sổ năm: shows the year's plans first; "Khóa sổ" locks their periods."""
    if not permissions.is_any_coordinator(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên hoặc cơ quan thường trực được khóa sổ năm."))
    year = _year(request.POST.get("year") or request.GET.get("year")) or timezone.localdate().year - 1
    plans = Plan.objects.for_user(request.user).filter(year=year).exclude(status="draft")
    status = 200
    if request.method == "POST":
        try:
            result = year_end.close_year(year, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
        else:
            messages.success(
                request,
                _("Đã khóa sổ năm %(y)d: %(n)d việc phải nộp đã khóa; mọi số liệu vẫn xem được.")
                % {"y": year, "n": result["locked"]},
            )
            return redirect(f"{request.path}?year={year}")
    years = range(datetime.date.today().year + 1, 2019, -1)
    return render(
        request, "plans/close_year.html", {"year": year, "plans": plans, "years": years}, status=status
    )
