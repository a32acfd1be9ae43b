"""Request middleware: audit actor, upload size limit."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from kehoach.core.audit import acting_as


class AuditActorMiddleware:
    """Attribute every change made during a request to its signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        with acting_as(user if user is not None and user.is_authenticated else None):
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
