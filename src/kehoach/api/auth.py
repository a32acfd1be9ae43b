"""Bearer-token and session authentication for the API."""

from django.contrib.auth import authenticate
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from kehoach.core import auth_audit
from kehoach.core.audit import set_actor
from kehoach.core.login_throttle import is_throttled, note_failure
from kehoach.core.models import ApiToken


class BearerAuth(HttpBearer):
    """``Authorization: Bearer TOKEN`` from ``POST /api/v1/auth/token``."""

    def authenticate(self, request, token):
        try:
            row = ApiToken.objects.select_related("user").get(key_hash=ApiToken.hash(token))
        except ApiToken.DoesNotExist:
            return None
        if not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        set_actor(row.user)  # audit entries made during this request name the token's user
        return row.user


def session_auth(request):
    """Signed-in browser sessions may call the API too; unsafe methods must carry the CSRF token."""
    from django.middleware.csrf import CsrfViewMiddleware

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
    if unsafe and CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
        return None
    return user


router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class Detail(Schema):
    detail: str


@router.post("/token", auth=None, response={200: TokenOut, 401: Detail, 429: Detail})
def issue_token(request, payload: TokenIn):
    """Exchange a username and password for an API token."""
    address = request.META.get("REMOTE_ADDR", "")
    if is_throttled(payload.username, address):
        auth_audit.record_sign_in_failure(request, payload.username, "bị chặn tạm thời do sai nhiều lần")
        return Status(429, {"detail": "Đăng nhập sai quá nhiều lần; hãy thử lại sau ít phút."})
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        note_failure(payload.username, address)
        return Status(401, {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."})
    auth_audit.record_sign_in(request, user, via="api")
    return Status(200, {"token": ApiToken.issue(user)})
