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
    """Text never holds NUL characters, and PostgreSQL refuses them: answer 400 instead of failing later.

    Page forms are already guarded by Django's form fields; this covers JSON API bodies and queries.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        body = b""
        if request.content_type == "application/json":
            body = request.body
        if "%00" in query or b"\\u0000" in body or b"\x00" in body:
            return JsonResponse({"detail": "Dữ liệu chứa ký tự NUL không hợp lệ."}, status=400)
        return self.get_response(request)
