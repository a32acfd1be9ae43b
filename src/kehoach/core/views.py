"""Pages every user meets: sign in, my work, the audit log, errors, health."""

from importlib import import_module

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.login_throttle import is_throttled, note_failure
from kehoach.core.models import AuditEntry

# Apps that contribute a panel to "Việc của tôi": module kehoach.<app>.home with panel(request) -> str | None.
HOME_PANELS = ["notices", "tracking", "plans", "outputs", "budgets", "public"]


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # the database does not answer: say so, do not crash
        return JsonResponse({"status": "error", "detail": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def login_view(request):
    form = AuthenticationForm(request, data=request.POST or None)
    throttled = False
    if request.method == "POST":
        username = request.POST.get("username", "")
        address = request.META.get("REMOTE_ADDR", "")
        if is_throttled(username, address):
            throttled = True
            form.add_error(None, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút.")
        elif form.is_valid():
            login(request, form.get_user())
            target = request.POST.get("next") or request.GET.get("next") or "home"
            if target != "home" and not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "home"
            return redirect(target)
        else:
            note_failure(username, address)
    status = 429 if throttled else (400 if request.method == "POST" else 200)
    return render(
        request, "core/login.html", {"form": form, "next": request.GET.get("next", "")}, status=status
    )


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Bạn đã đăng xuất.")
    return redirect("login")


@login_required
def home(request):
    """Việc của tôi: what the signed-in person's unit has to do, due first."""
    panels = []
    for app in HOME_PANELS:
        html = import_module(f"kehoach.{app}.home").panel(request)
        if html:
            panels.append(html)
    return render(
        request, "core/home.html", {"panels": panels, "unit": permissions.primary_unit(request.user)}
    )


@login_required
def audit_log(request):
    """Nhật ký thay đổi, for coordinators: who changed what, when, from what to what."""
    if not permissions.is_any_coordinator(request.user):
        return forbidden(request)
    qs = AuditEntry.objects.all()
    model = request.GET.get("model", "")
    actor = request.GET.get("actor", "")
    if model:
        qs = qs.filter(model=model)
    if actor:
        qs = qs.filter(actor_name=actor)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    models = AuditEntry.objects.order_by("model").values_list("model", flat=True).distinct()
    return render(
        request,
        "core/audit.html",
        {"page": page, "models": list(models), "model": model, "actor": actor},
    )


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
