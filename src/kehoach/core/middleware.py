"""Request middleware: audit actor, upload size limit."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from kehoach.core.actor import acting_as


class AuditActorMiddleware:
    """Attribute every change made during a request to its signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth.models import AnonymousUser

        # An anonymous visitor (a citizen sending feedback) is named as such, never as the system.
        user = getattr(request, "user", None) or AnonymousUser()
        with acting_as(user, address=request.META.get("REMOTE_ADDR", "")):
            return self.get_response(request)


class UploadLimitMiddleware:
    """Refuse oversized bodies with 413 before Django reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.KEHOACH_MAX_UPLOAD_BYTES
        if length > limit:
            message = f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return render(request, "core/error.html", {"status": 413, "message": message}, status=413)
        # Bodies that are not file uploads (JSON, forms) are read into memory: a lower limit.
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE and request.content_type != "multipart/form-data":
            return _too_big(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return self.get_response(request)


class ProxyClientAddressMiddleware:
    """Behind nginx every request comes from 127.0.0.1; take the client address nginx saw.

    Only when KEHOACH_BEHIND_PROXY=1, because the header can be forged when the app is reached directly.
    The right-most X-Forwarded-For entry is the one our own proxy appended.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = getattr(settings, "KEHOACH_BEHIND_PROXY", False)

    def __call__(self, request):
        if self.enabled:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            if forwarded:
                request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)


class LanguageMiddleware:
    """Vietnamese unless the person chose English (the language cookie set by /i18n/setlang/).

    Unlike Django's LocaleMiddleware the browser's Accept-Language is ignored: offices often run
    an English Windows, and the product is Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RejectNulMiddleware:
    """Text never holds NUL characters, and PostgreSQL refuses them: answer 422 in the API (like every
    other invalid value, core/validation.py) and 400 on pages, instead of failing later.

    Covers JSON API bodies, queries and the text fields of forms (urlencoded and multipart, where
    the API's multipart endpoints have no Django form field to guard them); file contents are not text.
    A JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a JSON 413, not Django's HTML 400.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import RequestDataTooBig

        query = request.META.get("QUERY_STRING", "")
        body = b""
        try:
            if request.content_type == "application/json":
                body = request.body
            elif (
                request.method == "POST"
                and request.content_type
                in (
                    "multipart/form-data",
                    "application/x-www-form-urlencoded",
                )
                and any("\x00" in v for values in request.POST.lists() for v in values[1])
            ):
                body = b"\x00"
        except RequestDataTooBig:
            return _too_big(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        except Exception:  # a malformed multipart body: let the view's own parsing answer it
            body = b""
        if "%00" in query or b"\\u0000" in body or b"\x00" in body:
            message = "Dữ liệu chứa ký tự NUL (ký tự điều khiển) không hợp lệ."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=422)
            return render(request, "core/error.html", {"status": 400, "message": message}, status=400)
        return self.get_response(request)


def _too_big(request, limit: int):
    message = f"Dữ liệu gửi lên quá lớn: tối đa {limit // (1024 * 1024)} MB."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "core/error.html", {"status": 413, "message": message}, status=413)


class SessionIdleMiddleware:
    """Phiên hết hạn khi không dùng: each request (at most every 5 minutes, to spare writes) moves the
    session's expiry to now + KEHOACH_SESSION_IDLE_HOURS; the cookie itself dies at browser close."""

    REFRESH_SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get("_kehoach_seen", 0) > self.REFRESH_SECONDS:
                session["_kehoach_seen"] = now  # marks it modified: saved with a fresh expiry
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy (no inline script or style: see static/kehoach/) and Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = settings.KEHOACH_CSP
        self.permissions = settings.KEHOACH_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class BadValueMiddleware:
    """Pages: a value the database cannot hold (integer out of range, over-long text) answers 400
    with a message instead of 500. The API has the same net in kehoach.api.main."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DataError

        if isinstance(exception, DataError | OverflowError):
            message = "Giá trị vượt giới hạn cho phép (số quá lớn, chuỗi quá dài hoặc ngày không hợp lệ)."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=422)
            return render(request, "core/error.html", {"status": 400, "message": message}, status=400)
        return None
