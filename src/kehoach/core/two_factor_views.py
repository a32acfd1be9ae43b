"""Xác thực hai bước: the code page after the password, and enrolment on the account page."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kehoach.core import two_factor
from kehoach.core.errors import DomainError
from kehoach.core.login_throttle import remember_device


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _no_store(response):
    response["Cache-Control"] = "no-store"  # secrets and backup codes must not stay in any cache
    return response


@login_required
def login_code(request):
    """Nhập mã xác thực: the second step of signing in, for users with a confirmed device."""
    if not two_factor.code_pending(request):
        return redirect("home")
    form = CodeForm(request.POST or None)
    user = request.user
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        wait = two_factor.wait_seconds(user, code)
        device = None if wait else two_factor.check_code(user, code)
        if device is not None:
            target = request.session.pop(two_factor.NEXT_KEY, "") or "home"
            if target != "home" and not url_has_allowed_host_and_scheme(
                target, {request.get_host()}, require_https=request.is_secure()
            ):
                target = "home"
            two_factor.passed(request, device)
            response = redirect(target)
            remember_device(request, response, user)
            return response
        if two_factor.failed(request, user):
            logout(request)
            messages.error(request, "Sai mã xác thực quá nhiều lần. Hãy đăng nhập lại từ đầu.")
            return redirect("login")
        wait = two_factor.wait_seconds(user, code)
        form.add_error(
            "code",
            f"Mã không đúng hoặc đã hết hạn. Hãy thử lại sau {wait} giây."
            if wait
            else "Mã không đúng hoặc đã hết hạn.",
        )
        status = 400
    elif request.method == "POST":
        status = 400
    return _no_store(render(request, "core/login_code.html", {"form": form}, status=status))


@login_required
def account_2fa(request):
    """Xác thực hai bước trên trang tài khoản: enrol (QR + secret + confirm), backup codes, turn off."""
    enrolled = two_factor.has_device(request.user)
    form = CodeForm(request.POST or None)
    codes = None
    status = 200
    device = None
    if not enrolled:
        device = two_factor.pending_enrolment(request.user)
        if request.method == "POST" and form.is_valid():
            codes = two_factor.confirm_enrolment(request.user, form.cleaned_data["code"])
            if codes is None:
                form.add_error("code", "Mã không đúng. Hãy nhập mã đang hiện trong ứng dụng xác thực.")
                status = 400
            else:
                request.session.pop(two_factor.SESSION_KEY, None)  # an enrolment owed is now done
                enrolled, device, form = True, None, CodeForm()
        elif request.method == "POST":
            status = 400
    context = {
        "enrolled": enrolled,
        "form": form,
        "codes": codes,
        "required": two_factor.is_required_for(request.user),
        "secret": two_factor.secret_of(device) if device is not None else "",
        "qr": two_factor.qr_svg(device) if device is not None else "",
    }
    return _no_store(render(request, "core/account_2fa.html", context, status=status))


@login_required
@require_POST
def backup_codes(request):
    """Cấp lại mã dự phòng (shown once)."""
    try:
        codes = two_factor.regenerate_backup_codes(request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("account-2fa")
    context = {"enrolled": True, "form": CodeForm(), "codes": codes, "required": False}
    return _no_store(render(request, "core/account_2fa.html", context))


@login_required
@require_POST
def turn_off(request):
    """Tắt xác thực hai bước (refused when it is required for the user's role)."""
    if two_factor.is_required_for(request.user):
        messages.error(request, "Vai trò của bạn bắt buộc xác thực hai bước; không tắt được.")
        return redirect("account-2fa")
    two_factor.reset(request.user)
    messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("account-2fa")
