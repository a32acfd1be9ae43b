"""Chống dò mật khẩu: sign-in throttling for the site, /admin/ and ``POST /api/v1/auth/token``.

django-axes does the counting and the refusing (its backend runs before the password check, on
every path that calls ``authenticate(request, ...)``); this module is our policy, in its callables:

* **Keys.** Failures are counted per *normalised username* (from any address) and per *address*
  (for any username), each on its own. The username is normalised the way sign-in sees it
  (strip, NFKC, casefold), so "vpub ", "VPUB" and full-width "ｖｐｕｂ" share one counter.
* **Progressive cool-off, never a permanent lock.** After ``AXES_FAILURE_LIMIT`` failures the key
  is paused for 1 minute; every further ``AXES_FAILURE_LIMIT`` failures double the pause, up to
  30 minutes. When the pause is over the right password works again; a success clears the key.
* **A stranger cannot lock a user out of their own browser.** A successful sign-in leaves a
  signed "known device" cookie (thiết bị quen) naming the user. A browser carrying it for the
  username being tried is not subject to the username/address pause; it has its own budget of
  ``KEHOACH_DEVICE_MAX_FAILURES`` failures, after which the cookie stops helping until the next
  success. So guessing from elsewhere slows the guesser and never the owner at their own PC.
* **Nor out of their usual address.** An address the user signed in from before (site or API,
  within the device-cookie window) counts the same way for that user: another PC in the same
  office, or a script on the same server, keeps the right password working with its own budget
  of ``KEHOACH_DEVICE_MAX_FAILURES`` failures for that user and address. A stranger elsewhere,
  guessing or locking, is paused as above.
"""

import datetime
import hashlib
import secrets
import unicodedata

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core import signing
from django.core.cache import cache
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render

COOKIE_SALT = "kehoach.known-device"
MAX_COOL_OFF_MINUTES = 30


def normalise_username(raw: str | None) -> str:
    """The key a username is counted under: what Django's sign-in form would look up, casefolded."""
    return unicodedata.normalize("NFKC", str(raw or "")).strip().casefold()[:150]


def username_of(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE."""
    credentials = credentials or {}
    raw = credentials.get("username")
    if raw is None and request is not None and request.method == "POST":
        raw = request.POST.get("username")
    return normalise_username(raw)


def client_address(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, already rewritten by ProxyClientAddressMiddleware behind nginx."""
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # nosec B104 - a counter key, not a bind address


def _failures_for(request) -> int:
    """Failures recorded so far for this request's username or for its address, whichever is more."""
    from axes.models import AccessAttempt  # type: ignore[import-untyped]
    from django.db.models import Sum

    username = username_of(request, getattr(request, "axes_credentials", None))
    by_user = AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))
    by_address = AccessAttempt.objects.filter(ip_address=client_address(request)).aggregate(
        n=Sum("failures_since_start")
    )
    return max(by_user["n"] or 0, by_address["n"] or 0)


def cool_off(request=None) -> datetime.timedelta:
    """AXES_COOLOFF_TIME: 1 minute at the limit, doubled for every further limit's worth, capped."""
    if request is None:
        return datetime.timedelta(minutes=MAX_COOL_OFF_MINUTES)
    limit = settings.AXES_FAILURE_LIMIT
    rounds = max(0, _failures_for(request) // limit - 1)
    return datetime.timedelta(minutes=min(MAX_COOL_OFF_MINUTES, 2**rounds))


# --- known devices -------------------------------------------------------------------------


def _device(request) -> dict | None:
    raw = request.COOKIES.get(settings.KEHOACH_DEVICE_COOKIE)
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=COOKIE_SALT, max_age=settings.KEHOACH_DEVICE_COOKIE_DAYS * 86400)
    except signing.BadSignature:
        return None
    return value if isinstance(value, dict) and "u" in value and "d" in value else None


def _device_failures_key(device_id: str) -> str:
    return f"kehoach:device-failures:{device_id}"


def _address_key(username: str, address: str) -> str:
    # hashed: usernames may hold any character, and cache keys must stay plain
    digest = hashlib.sha256(f"{username}\0{address}".encode()).hexdigest()
    return f"kehoach:known-address:{digest}"


def is_known_device(request, credentials: dict | None) -> bool:
    """AXES_WHITELIST_CALLABLE: the owner's own browser, or an address they signed in from before,
    while it has failures left in its budget."""
    if request is None:
        return False
    username = username_of(request, credentials)
    device = _device(request)
    budget = settings.KEHOACH_DEVICE_MAX_FAILURES
    if device is not None and device["u"] == username:
        return cache.get(_device_failures_key(device["d"]), 0) < budget
    known = cache.get(_address_key(username, client_address(request)))
    return known is not None and known < budget


@receiver(user_login_failed)
def _count_device_failure(sender, credentials, request=None, **kwargs):
    """A failure from a known device spends that device's own budget."""
    if request is None:
        return
    device = _device(request)
    if device is not None:
        key = _device_failures_key(device["d"])
        cache.set(key, cache.get(key, 0) + 1, timeout=MAX_COOL_OFF_MINUTES * 60)
    address = _address_key(username_of(request, credentials), client_address(request))
    known = cache.get(address)
    if known is not None:  # the failure spends that user's budget at this address
        cache.set(address, known + 1, timeout=settings.KEHOACH_DEVICE_COOKIE_DAYS * 86400)


def remember_address(request, user) -> None:
    """After a successful sign-in (site or API): this address is one the user signs in from."""
    key = _address_key(normalise_username(user.get_username()), client_address(request))
    cache.set(key, 0, timeout=settings.KEHOACH_DEVICE_COOKIE_DAYS * 86400)


def remember_device(request, response, user) -> None:
    """After a successful sign-in: mark this browser as the user's (and reset its failure budget)."""
    device = _device(request)
    device_id = device["d"] if device and device["u"] == normalise_username(user.get_username()) else None
    device_id = device_id or secrets.token_urlsafe(16)
    cache.delete(_device_failures_key(device_id))
    remember_address(request, user)
    value = signing.dumps({"u": normalise_username(user.get_username()), "d": device_id}, salt=COOKIE_SALT)
    response.set_cookie(
        settings.KEHOACH_DEVICE_COOKIE,
        value,
        max_age=settings.KEHOACH_DEVICE_COOKIE_DAYS * 86400,
        httponly=True,
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        samesite="Lax",
    )


# --- what a locked-out client is told ------------------------------------------------------


def locked_message(request) -> str:
    minutes = int(cool_off(request).total_seconds() // 60)
    return (
        f"Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút. "
        "Trên máy tính hoặc từ mạng bạn vẫn thường dùng, bạn vẫn đăng nhập được bằng mật khẩu đúng."
    )


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: JSON 429 for the API, the sign-in page (429) for pages and /admin/."""
    message = locked_message(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    from django.contrib.auth.forms import AuthenticationForm

    context = {"form": AuthenticationForm(request), "lockout": message, "next": ""}
    return render(request, "core/login.html", context, status=429)
