"""Bearer-token and session authentication for the API; the caller's tokens (mã truy cập API)."""

import datetime

from django.contrib.auth import authenticate
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import StrictInt

from kehoach.api.pagination import PageParams, paginate
from kehoach.core import auth_audit, services, two_factor
from kehoach.core.audit import set_actor
from kehoach.core.bearer import find_token
from kehoach.core.login_throttle import locked_message, remember_address
from kehoach.core.models import ApiToken, TokenScope
from kehoach.core.validation import BIGINT_MAX

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerAuth(HttpBearer):
    """``Authorization: Bearer TOKEN`` from ``POST /api/v1/auth/token``: not revoked, not expired;
    a read-only token may only read."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        seen = getattr(request, "kehoach_bearer", None)  # looked up already by the idempotency check
        if seen is not None and seen[0] == token:
            row = seen[1]
        else:
            row = find_token(token)
        if row is None or not row.user.is_active:
            return None
        if row.scope == TokenScope.READ and request.method not in SAFE_METHODS:
            raise HttpError(403, "Mã truy cập này chỉ được đọc (phạm vi read).")
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        request.api_token = row
        set_actor(row.user)  # audit entries made during this request name the token's user
        return row.user


def session_auth(request):
    """Signed-in browser sessions may call the API too; unsafe methods must carry the CSRF token."""
    from django.middleware.csrf import CsrfViewMiddleware

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    unsafe = request.method not in SAFE_METHODS
    if unsafe and CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None:
        return None
    return user


router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)
    name: str = Field("", max_length=100, description="tên gợi nhớ của mã, ví dụ 'máy chủ báo cáo'")
    scope: TokenScope = Field(TokenScope.WRITE, description="read: chỉ đọc; write: đọc và ghi")
    days: StrictInt | None = Field(
        None, ge=1, le=365, description="số ngày hiệu lực (mặc định 90, tối đa 365)"
    )
    otp: str = Field("", max_length=32, description="mã xác thực hai bước, khi tài khoản đã bật")


class TokenOut(Schema):
    token: str
    id: int
    name: str
    scope: str
    expires_at: datetime.datetime | None


class TokenInfo(Schema):
    id: int
    user: str  # the owner's username (an admin listing everyone's tokens needs it)
    name: str
    scope: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    last_used_at: datetime.datetime | None


class Detail(Schema):
    detail: str


@router.post("/token", auth=None, response={200: TokenOut, 401: Detail, 429: Detail})
def issue_token(request, payload: TokenIn):
    """Exchange a username and password for an API token (default 90 days, read-write).

    Throttled like the sign-in page (django-axes, per normalised username and per address)."""
    # The throttle's policy reads the username from here (a JSON body is not request.POST).
    request.axes_credentials = {"username": payload.username}
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        return Status(429, {"detail": locked_message(request)})
    if user is None or not user.is_active:
        return Status(401, {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."})
    if two_factor.has_device(user) and two_factor.check_code(user, payload.otp) is None:
        # A password alone must not mint a token for an account with two-factor sign-in.
        two_factor.count_failure(request, user)
        return Status(401, {"detail": "Cần mã xác thực hai bước đúng (trường otp)."})
    auth_audit.record_sign_in(request, user, via="api")
    remember_address(request, user)
    key = services.issue_token(user, name=payload.name, scope=payload.scope, days=payload.days)
    row = ApiToken.objects.get(key_hash=ApiToken.hash(key))
    return Status(
        200, {"token": key, "id": row.pk, "name": row.name, "scope": row.scope, "expires_at": row.expires_at}
    )


@router.get("/tokens", response=list[TokenInfo])
def list_tokens(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    all: bool = False,  # noqa: A002 - the query parameter's name
):
    """The caller's tokens in force (the secret is never shown again); ``all=true`` for an
    administrator: every user's tokens in force, to revoke any of them."""
    rows = services.all_tokens() if all and request.auth.is_superuser else services.tokens_of(request.auth)
    rows = paginate(request, response, rows.select_related("user"), page, order=("-id",))
    return [
        {
            "id": t.pk,
            "user": t.user.get_username(),
            "name": t.name,
            "scope": t.scope,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
        }
        for t in rows
    ]


@router.delete("/tokens/{token_id}", response={204: None, 404: Detail})
def revoke_token(request, token_id: int):
    """Revoke one of the caller's tokens (another user's token: 404; an administrator: any token)."""
    if not 0 < token_id <= BIGINT_MAX:
        return Status(404, {"detail": "Không tìm thấy."})
    services.revoke_token(request.auth, token_id, by_admin=request.auth.is_superuser)
    return Status(204, None)
