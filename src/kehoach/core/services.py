"""Account services: API tokens (mã truy cập API) and what a password change or deactivation revokes.

Pages, the API, the admin and commands call these; each is atomic and writes an audit entry.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kehoach.core import audit
from kehoach.core.errors import DomainError
from kehoach.core.models import ApiToken, TokenScope


def issue_token(user, name: str = "", scope: str = TokenScope.WRITE, days: int | None = None) -> str:
    """Mint a named token for ``user``; returns the secret, which is never stored nor shown again."""
    if scope not in TokenScope.values:
        raise DomainError("Phạm vi phải là 'read' (chỉ đọc) hoặc 'write' (đọc và ghi).")
    if days is not None and not 1 <= days <= settings.KEHOACH_TOKEN_MAX_DAYS:
        raise DomainError(f"Thời hạn phải từ 1 đến {settings.KEHOACH_TOKEN_MAX_DAYS} ngày.")
    with transaction.atomic():
        key = ApiToken.issue(user, name=name.strip(), scope=scope, days=days)
        token = ApiToken.objects.get(key_hash=ApiToken.hash(key))
        audit.record(
            token,
            "action",
            {"name": [None, name], "scope": [None, scope]},
            verb="cấp mã truy cập API",
            actor=user,
        )
    return key


def tokens_of(user):
    """The caller's tokens still in force, newest first (the secret is never among them)."""
    return ApiToken.objects.filter(user=user).active()


def all_tokens():
    """Every user's tokens still in force (for administrators), newest first."""
    return ApiToken.objects.active()


def revoke_token(user, token_id: int, by_admin: bool = False) -> ApiToken:
    """Thu hồi one token: its owner (or an admin) only; revoking twice is harmless."""
    from kehoach.core.validation import BIGINT_MAX

    if not 0 < token_id <= BIGINT_MAX:
        from django.http import Http404

        raise Http404
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None or (token.user_id != user.pk and not by_admin):
            from django.http import Http404

            raise Http404
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record(token, "action", {}, verb="thu hồi mã truy cập API", actor=user)
    return token


def revoke_all_tokens(user, reason: str) -> int:
    """Thu hồi every token of ``user`` (password changed, account deactivated)."""
    with transaction.atomic():
        count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if count:
            audit.record(
                user, "action", {"tokens": [None, count]}, verb=f"thu hồi mọi mã truy cập API ({reason})"
            )
    return count


def _user_pre_save(sender, instance, raw=False, **kwargs):
    """Why a model hook and not a service: passwords change through the admin, `changepassword`,
    the reset link and our own page; deactivation through the admin and org services. Sitting at
    ``save()`` (as AuditedModel does) revokes tokens on every one of those paths. A hash upgraded
    by Django at sign-in also counts as a change: rare (a Django upgrade) and on the safe side."""
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if old is None:
        return
    if old["password"] != instance.password:
        revoke_all_tokens(instance, "đổi mật khẩu")
    elif old["is_active"] and not instance.is_active:
        revoke_all_tokens(instance, "khóa tài khoản")
