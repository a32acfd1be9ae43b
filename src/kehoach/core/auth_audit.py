"""Nhật ký đăng nhập và tài khoản: sign-ins (success and failure), sign-outs, and changes to
accounts (create, deactivate, password, groups).

The account is Django's own ``User``, which cannot inherit ``AuditedModel``; its signals are the
one hook that sees the admin, ``createsuperuser``, ``changepassword`` and the demo alike.
Memberships and roles are ``org.Membership``, an ``AuditedModel``, audited by its own ``save()``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from kehoach.core import actor as acting
from kehoach.core.models import AuditAction, AuditEntry, created_changes, removed_changes

# What an account's entry shows. The password hash never enters the log; last_login is the
# sign-in entry's business.
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")


def client_address(request) -> str:
    if request is None:
        return acting.current().address
    return (request.META.get("REMOTE_ADDR") or "")[:64]


def _account_entry(who: acting.Actor, action: str, username: str, user=None, **fields) -> AuditEntry:
    user_model = get_user_model()
    return AuditEntry(
        actor=who.user,
        actor_name=who.user.get_username()
        if who.user
        else ("Hệ thống" if who.kind == acting.SYSTEM else "Khách"),
        actor_kind=who.kind,
        address=who.address[:64],
        action=action,
        model=user_model._meta.label_lower,
        object_id=str(user.pk) if user is not None else "",
        object_repr=(username or "")[:300],
        **fields,
    )


def record_sign_in(request, user, via: str = "web") -> None:
    """Đăng nhập thành công (on a page, or for an API token)."""
    who = acting.Actor(user, acting.USER, client_address(request))
    verb = "đăng nhập" if via == "web" else "cấp mã truy cập API"
    _account_entry(who, AuditAction.LOGIN, user.get_username(), user, verb=verb).save()


def record_sign_in_failure(request, username: str, reason: str = "") -> None:
    """Đăng nhập thất bại: the username tried and where from, whether or not the account exists."""
    username = (username or "")[:150]
    user = get_user_model()._default_manager.filter(username=username).first() if username else None
    who = acting.Actor(None, acting.ANONYMOUS, client_address(request))
    _account_entry(
        who,
        AuditAction.LOGIN_FAILED,
        username,
        user,
        verb=(reason or "sai tên đăng nhập hoặc mật khẩu")[:80],
        changes={"username": [None, username]},
    ).save()


def _on_logged_in(sender, request, user, **kwargs):
    record_sign_in(request, user)


def _on_logged_out(sender, request, user, **kwargs):
    if user is None:  # the session had already expired: nobody to name
        return
    who = acting.Actor(user, acting.USER, client_address(request))
    _account_entry(who, AuditAction.LOGOUT, user.get_username(), user, verb="đăng xuất").save()


def _on_login_failed(sender, credentials, request=None, **kwargs):
    record_sign_in_failure(request, credentials.get("username", ""))


def _snapshot(user) -> dict:
    return {f: getattr(user, f) for f in ACCOUNT_FIELDS}


def _on_user_init(sender, instance, **kwargs):
    # What the row held when read, to tell a password or activity change on save.
    if instance.pk is not None:
        instance._audit_account = (_snapshot(instance), instance.password)


def _on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    after = _snapshot(instance)
    before, old_password = getattr(instance, "_audit_account", (None, None))
    instance._audit_account = (after, instance.password)
    if created:
        AuditEntry.build(instance, AuditAction.CREATE, created_changes(after), verb="tạo tài khoản").save()
        return
    changes = {
        k: [before.get(k) if before else None, v] for k, v in after.items() if not before or before[k] != v
    }
    verbs = []
    if old_password is not None and old_password != instance.password:
        changes["password"] = ["••••", "••••"]  # that it changed, never the hash
        verbs.append("đổi mật khẩu")
    if "is_active" in changes:
        verbs.append("mở khóa tài khoản" if instance.is_active else "khóa tài khoản")
    if changes:
        AuditEntry.build(instance, AuditAction.UPDATE, changes, verb=", ".join(verbs)).save()


def _on_user_deleted(sender, instance, **kwargs):
    AuditEntry.build(
        instance, AuditAction.DELETE, removed_changes(_snapshot(instance)), verb="xóa tài khoản"
    ).save()


def _on_groups_changed(sender, instance, action, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, get_user_model()):
        return
    names = sorted(str(o) for o in model._default_manager.filter(pk__in=pk_set or []))
    label = {"post_add": "thêm", "post_remove": "bớt", "post_clear": "bỏ hết"}[action]
    field = "groups" if model._meta.model_name == "group" else "user_permissions"
    AuditEntry.build(instance, AuditAction.UPDATE, {field: [None, names]}, verb=f"{label} quyền").save()


def _on_locked_out(sender, request=None, username=None, **kwargs):
    """django-axes paused this username or address (and refused an attempt during the pause)."""
    record_sign_in_failure(request, username or "", "bị chặn tạm thời do sai nhiều lần")


def connect() -> None:
    """Called once from ``CoreConfig.ready``."""
    from axes.signals import user_locked_out  # type: ignore[import-untyped]

    user_locked_out.connect(_on_locked_out, dispatch_uid="kehoach_audit_locked_out")
    user_model = get_user_model()
    user_logged_in.connect(_on_logged_in, dispatch_uid="kehoach_audit_login")
    user_logged_out.connect(_on_logged_out, dispatch_uid="kehoach_audit_logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="kehoach_audit_login_failed")
    post_init.connect(_on_user_init, sender=user_model, dispatch_uid="kehoach_audit_user_init")
    post_save.connect(_on_user_saved, sender=user_model, dispatch_uid="kehoach_audit_user_saved")
    post_delete.connect(_on_user_deleted, sender=user_model, dispatch_uid="kehoach_audit_user_deleted")
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            _on_groups_changed, sender=through, dispatch_uid=f"kehoach_audit_{through.__name__}"
        )
