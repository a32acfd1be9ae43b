"""Pages every user meets: sign in, my work, the audit log, errors, health."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kehoach.core import audit_display, permissions, two_factor
from kehoach.core.forms import AuditFilterForm
from kehoach.core.login_throttle import remember_device
from kehoach.core.models import ActorKind, AuditAction, AuditEntry


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # the database does not answer: say so, do not crash
        return JsonResponse({"status": "error", "detail": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def healthz_db(request):
    """Database health for operators: the primary answers; the replica's lag and whether reads use it."""
    from kehoach.core import replica

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "detail": "database unavailable"}, status=503)
    lag = replica.replica_lag(max_age=0)
    return JsonResponse(
        {
            "status": "ok",
            "replica": {
                "configured": replica.configured(),
                "lag_seconds": lag,
                "used_for_reads": replica.configured() and replica.replica_fresh(),
            },
        }
    )


def login_view(request):
    """Đăng nhập. Throttling is django-axes' (core/login_throttle.py): a locked-out username or
    address never reaches the password check, and AxesMiddleware answers 429 with the pause."""
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        target = request.POST.get("next") or request.GET.get("next") or "home"
        if target != "home" and not url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            target = "home"
        if two_factor.code_pending(request):
            # The password was right; the code comes next (the known-device mark only after it).
            request.session[two_factor.NEXT_KEY] = "" if target == "home" else target
            return redirect("login-code")
        response = redirect(target)
        remember_device(request, response, user)
        return response
    status = 400 if request.method == "POST" else 200
    return render(
        request, "core/login.html", {"form": form, "next": request.GET.get("next", "")}, status=status
    )


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Bạn đã đăng xuất.")
    return redirect("login")


@login_required
def audit_log(request):
    """Nhật ký thay đổi, for coordinators: who changed what, when, from what to what, in people's words."""
    if not permissions.is_any_coordinator(request.user):
        return forbidden(request)
    people = (
        get_user_model()
        ._default_manager.filter(pk__in=AuditEntry.objects.filter(actor__isnull=False).values("actor_id"))
        .order_by("username")
    )
    actors = [
        (ActorKind.SYSTEM.value, ActorKind.SYSTEM.label),
        (ActorKind.ANONYMOUS.value, "Khách (chưa đăng nhập)"),
        *((str(u.pk), f"{u.get_full_name() or u.get_username()} ({u.get_username()})") for u in people),
    ]
    form = AuditFilterForm(
        request.GET or None,
        object_types=audit_display.object_types(),
        actors=actors,
        actions=AuditAction.choices,
    )
    qs = AuditEntry.objects.all()
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        qs = _filter_audit(qs, form.cleaned_data)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit.html",
        {"page": page, "rows": audit_display.rows(list(page)), "form": form},
        status=status,
    )


def _filter_audit(qs, data: dict):
    """The log narrowed to the form's choices; dates are whole local days (dd/mm/yyyy inclusive)."""
    if data.get("model"):
        qs = qs.filter(model=data["model"])
    who = data.get("actor")
    if who in (ActorKind.SYSTEM, ActorKind.ANONYMOUS):
        qs = qs.filter(actor_kind=who)
    elif who:
        qs = qs.filter(actor_id=int(who), actor_kind=ActorKind.USER)
    if data.get("action"):
        qs = qs.filter(action=data["action"])
    day = datetime.timedelta(days=1)
    if data.get("since"):
        qs = qs.filter(at__gte=timezone.make_aware(datetime.datetime.combine(data["since"], datetime.time())))
    if data.get("until"):
        qs = qs.filter(
            at__lt=timezone.make_aware(datetime.datetime.combine(data["until"] + day, datetime.time()))
        )
    return qs


def not_found(request, exception=None):
    return render(
        request,
        "core/error.html",
        {"status": 404, "message": "Không tìm thấy trang hoặc bạn không có quyền xem."},
        status=404,
    )


def forbidden(request, exception=None):
    response = render(
        request,
        "core/error.html",
        {"status": 403, "message": "Bạn không có quyền thực hiện thao tác này."},
        status=403,
    )
    return response if response else HttpResponseForbidden()


def server_error(request):
    return render(
        request,
        "core/error.html",
        {"status": 500, "message": "Đã có lỗi xảy ra. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại."},
        status=500,
    )
