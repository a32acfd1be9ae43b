"""Thiết lập ban đầu: a guided first run for an administrator starting without the demo.

Five steps, each on its own page that previews before saving and can be redone: the
organisation (its top unit), units (.xlsx), people (.xlsx), the first plan (the existing plan
import), the first reminders (the reminder service, shown before it is sent).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.org import setup as setup_services
from kehoach.org.models import Membership, Unit, UnitKind
from kehoach.plans.models import Plan, PlanStatus
from kehoach.tracking import first_run as first_reminders


def _require_admin(request) -> None:
    if not permissions.is_any_coordinator(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên hoặc cơ quan thường trực được thiết lập ban đầu."))


@login_required
def first_run(request):
    """The checklist: what each step has done so far, and a link to (re)do it."""
    _require_admin(request)
    top = Unit.objects.filter(parent__isnull=True).order_by("sort_order", "id").first()
    steps = [
        (_("Tổ chức (UBND tỉnh hoặc huyện)"), top.name if top else "", "org:setup_organisation"),
        (_("Đơn vị"), _("%(n)d đơn vị") % {"n": Unit.objects.count()}, "org:import"),
        (
            _("Cán bộ"),
            _("%(n)d người") % {"n": Membership.objects.values("user").distinct().count()},
            "org:import_people",
        ),
        (_("Kế hoạch đầu tiên"), _("%(n)d kế hoạch") % {"n": Plan.objects.count()}, "plans:import"),
        (_("Nhắc việc đầu tiên"), "", "org:setup_reminders"),
    ]
    return render(request, "setup/first_run.html", {"steps": steps})


@login_required
def organisation(request):
    """Bước 1: the top unit (a province or a district people's committee), previewed, then saved."""
    _require_admin(request)
    data = {k: request.POST.get(k, "").strip() for k in ("code", "name", "level")}
    preview = None
    status = 200
    if request.method == "POST":
        try:
            preview = setup_services.organisation_change(**data)
            if request.POST.get("confirm"):
                setup_services.save_organisation(**data, user=request.user)
                messages.success(request, _("Đã lưu tổ chức. Bước tiếp: nhập danh sách đơn vị."))
                return redirect("org:setup")
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
    return render(
        request,
        "setup/organisation.html",
        {"data": data, "preview": preview, "kinds": UnitKind},
        status=status,
    )


@login_required
def reminders(request):
    """Bước 5: who would be reminded today; "Gửi" runs the reminder service (each sent once)."""
    _require_admin(request)
    today = timezone.localdate()
    due = first_reminders.reminders_due(today)
    if request.method == "POST":
        sent = first_reminders.send_first_reminders(today)
        messages.success(request, _("Đã gửi %(n)d lời nhắc.") % {"n": sent})
        return redirect("org:setup_reminders")
    plans = Plan.objects.filter(status=PlanStatus.ISSUED).count()
    return render(
        request,
        "setup/reminders.html",
        {"due": due, "plans": plans, "today": today, "horizon": today + datetime.timedelta(days=4)},
    )
