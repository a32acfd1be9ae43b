"""Xác thực hai bước (TOTP): an optional second factor for coordinators and leaders (django-otp).

How it fits the sign-in:

* **Enrolment** (đăng ký) on the account page: an unconfirmed TOTP device is made, its QR code
  (inline SVG drawn on the server by segno) and secret are shown, and the device is confirmed by
  one right code. Confirming also issues 10 backup codes (mã dự phòng, a django-otp static device).
* **Sign-in**: the password step is unchanged (django-axes). When the user has a confirmed device,
  ``login()`` marks the session "code pending" (a ``user_logged_in`` receiver, so the admin's login
  form is covered too) and :class:`TwoFactorGateMiddleware` lets such a session reach nothing but
  the code page, sign-out and static files until the right code is given. The flag lives in the
  session, so users without a device cost no query on any request.
* **Guessing** a code is slowed three ways: django-otp's per-device exponential delay (1, 2, 4 ...
  seconds after each wrong code, kept in the database across sessions), a per-session budget of
  ``KEHOACH_2FA_MAX_TRIES`` after which the session is signed out, and every wrong code counts as a
  failed sign-in for django-axes (username and address pause). Six digits go to the TOTP device and
  anything else to the backup codes, so a guesser of 6-digit codes never blocks the backup codes.
* **Required** for coordinators and leaders when ``KEHOACH_2FA_REQUIRED=1`` (default off so the demo
  accounts keep working): without a device such a session may only reach the enrolment page.
* **API tokens** are unaffected: existing tokens keep working; minting a new one with a password
  (``POST /api/v1/auth/token``) also needs ``otp`` when the user has a device.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from kehoach.core import audit, permissions

SESSION_KEY = "kehoach_2fa"  # "code": waiting for the code; "enrol": must enrol first; absent: done
TRIES_KEY = "kehoach_2fa_tries"
NEXT_KEY = "kehoach_2fa_next"
CODE_PENDING = "code"
ENROL_PENDING = "enrol"
BACKUP_CODES = 10


def _totp():
    from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

    return TOTPDevice


def _static():
    from django_otp.plugins.otp_static.models import StaticDevice  # type: ignore[import-untyped]

    return StaticDevice


def has_device(user) -> bool:
    """Has the user a confirmed authenticator app (thiết bị xác thực đã xác nhận)?"""
    return _totp().objects.filter(user=user, confirmed=True).exists()


def is_required_for(user) -> bool:
    """Coordinators, leaders (and superusers) must enrol when KEHOACH_2FA_REQUIRED is on."""
    if not getattr(settings, "KEHOACH_2FA_REQUIRED", False):
        return False
    return permissions.is_any_coordinator(user) or permissions.is_leader(user)


def pending_enrolment(user):
    """The unconfirmed device being enrolled (made on first call, the same one until confirmed)."""
    device = _totp().objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = _totp().objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    return device


def secret_of(device) -> str:
    """The secret in base32, as an authenticator app expects it when typed by hand."""
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii")


def qr_svg(device) -> str:
    """The otpauth:// address as an inline SVG (no script, no style attribute: CSP-clean)."""
    import segno

    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=4, light="#fff", xmldecl=False, svgns=True, title="Mã QR xác thực hai bước"
    )
    return out.getvalue().decode("utf-8")


def _clean(code: str) -> str:
    return "".join(str(code or "").split()).lower()[:32]


def _verify_device(device, code: str) -> bool:
    """One verification, serialised per device so two parallel guesses cannot both skip the delay."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        return bool(allowed and device.verify_token(code))


def wait_seconds(user, code: str = "000000") -> int:
    """How long the device that ``code`` would go to is still paused after wrong codes (0: not paused)."""
    from django.utils import timezone

    device = _device_for(user, code)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


def _device_for(user, code: str):
    code = _clean(code)
    if code.isdigit() and len(code) == 6:
        return _totp().objects.filter(user=user, confirmed=True).first()
    return _static().objects.filter(user=user, confirmed=True).first()


def check_code(user, code: str):
    """The device that accepts ``code`` (TOTP for six digits, else a backup code, used up), or None."""
    code = _clean(code)
    device = _device_for(user, code)
    if device is None or not code or not _verify_device(device, code):
        return None
    return device


@transaction.atomic
def confirm_enrolment(user, code: str) -> list[str] | None:
    """Xác nhận đăng ký: the right code confirms the pending device, replaces any older one and
    returns fresh backup codes (shown once); a wrong code returns None and confirms nothing."""
    device = _totp().objects.filter(user=user, confirmed=False).order_by("pk").first()
    code = _clean(code)
    if device is None or not (code.isdigit() and len(code) == 6) or not _verify_device(device, code):
        return None
    _totp().objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    audit.record(user, "action", {}, verb="bật xác thực hai bước", actor=user)
    return codes


def _new_backup_codes(user) -> list[str]:
    StaticDevice = _static()
    from django_otp.plugins.otp_static.models import StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def regenerate_backup_codes(user) -> list[str]:
    """Cấp lại mã dự phòng: the old ones stop working."""
    if not has_device(user):
        from kehoach.core.errors import DomainError

        raise DomainError("Chưa bật xác thực hai bước.")
    codes = _new_backup_codes(user)
    audit.record(user, "action", {}, verb="cấp lại mã dự phòng xác thực hai bước", actor=user)
    return codes


@transaction.atomic
def reset(user, by=None) -> int:
    """Tắt / đặt lại xác thực hai bước: every device of ``user`` is removed (by the user, or by an
    admin when the phone is lost); the next sign-in asks for the password only."""
    removed = _totp().objects.filter(user=user).delete()[0] + _static().objects.filter(user=user).delete()[0]
    audit.record(
        user,
        "action",
        {},
        verb="đặt lại xác thực hai bước" if by is not None and by != user else "tắt xác thực hai bước",
        actor=by or user,
    )
    return removed


# --- the sign-in flow ----------------------------------------------------------------------


def _on_logged_in(sender, request, user, **kwargs):
    """After the password (any sign-in form): ask for the code, or for an enrolment."""
    if request is None or not hasattr(request, "session"):
        return
    if has_device(user):
        request.session[SESSION_KEY] = CODE_PENDING
        request.session[TRIES_KEY] = 0
    elif is_required_for(user):
        request.session[SESSION_KEY] = ENROL_PENDING
    else:
        request.session.pop(SESSION_KEY, None)


def connect() -> None:
    user_logged_in.connect(_on_logged_in, dispatch_uid="kehoach-two-factor-login")


def code_pending(request) -> bool:
    return getattr(request, "session", None) is not None and request.session.get(SESSION_KEY) == CODE_PENDING


def passed(request, device) -> None:
    """The right code: the session is now fully signed in."""
    import django_otp  # type: ignore[import-untyped]

    request.session.pop(SESSION_KEY, None)
    request.session.pop(TRIES_KEY, None)
    request.session.cycle_key()  # a new session id once both factors are proven
    django_otp.login(request, device)


def failed(request, user) -> bool:
    """A wrong code: counted for django-axes and for this session; True when the budget is spent."""
    count_failure(request, user)
    tries = request.session.get(TRIES_KEY, 0) + 1
    request.session[TRIES_KEY] = tries
    return tries >= settings.KEHOACH_2FA_MAX_TRIES


def count_failure(request, user) -> None:
    """A wrong or missing code at ``POST /api/v1/auth/token``: counted for django-axes."""
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


class TwoFactorGateMiddleware:
    """Until the code is given (or, when required, a device enrolled), a session reaches only the
    code or enrolment page, sign-out, language switch and static files."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/accounts/logout/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        state = session.get(SESSION_KEY) if session is not None else None
        if state and request.user.is_authenticated:
            target = reverse("login-code") if state == CODE_PENDING else reverse("account-2fa")
            if request.path != target and not request.path.startswith(self.OPEN_PREFIXES):
                if request.path.startswith("/api/"):
                    message = (
                        "Cần nhập mã xác thực hai bước trước khi dùng phiên này."
                        if state == CODE_PENDING
                        else "Cần bật xác thực hai bước trước khi dùng phiên này."
                    )
                    return JsonResponse({"detail": message}, status=401)
                return redirect(target)
        return self.get_response(request)
