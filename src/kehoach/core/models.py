"""Base models shared by every app: timestamps, optimistic versions, the audit log, API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(models.Model):
    """A model whose every create, update and delete is written to the audit log.

    The actor comes from ``kehoach.core.audit.acting_as`` (set by the web middleware,
    the API auth and the management commands). Works for admin, pages, API and commands
    alike, because it sits at ``save()`` rather than in each view.
    """

    audit_exclude: tuple[str, ...] = ("updated_at", "created_at")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from kehoach.core import audit

        creating = self._state.adding
        before = getattr(self, "_audit_loaded", None)
        super().save(*args, **kwargs)
        after = self._audit_snapshot()
        if creating:
            audit.record(self, "create", {k: [None, v] for k, v in after.items() if v not in (None, "", [])})
        else:
            changes = {
                k: [before.get(k), v] for k, v in after.items() if before is None or before.get(k) != v
            }
            if changes:
                audit.record(self, "update", changes)
        self._audit_loaded = after

    def delete(self, *args, **kwargs):
        from kehoach.core import audit

        audit.record(self, "delete", {})
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = dict(zip(field_names, values, strict=False))
        return instance

    def _audit_snapshot(self) -> dict:
        return {
            f.attname: getattr(self, f.attname)
            for f in self._meta.concrete_fields
            if f.attname not in self.audit_exclude
        }


class VersionedModel(models.Model):
    """Optimistic locking: writers send the version they read; a stale one is refused (409)."""

    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """Nhật ký thay đổi: who changed which object, when, and which fields from what to what."""

    ACTIONS = [
        ("create", "Tạo mới"),
        ("update", "Cập nhật"),
        ("delete", "Xóa"),
        ("action", "Thao tác"),
    ]
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="người thực hiện",
    )
    actor_name = models.CharField("tên người thực hiện", max_length=150, blank=True)
    action = models.CharField("thao tác", max_length=10, choices=ACTIONS)
    verb = models.CharField("nội dung thao tác", max_length=80, blank=True)
    model = models.CharField("loại đối tượng", max_length=80, db_index=True)
    object_id = models.CharField("mã đối tượng", max_length=64, db_index=True)
    object_repr = models.CharField("đối tượng", max_length=300)
    changes = models.JSONField("thay đổi", default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class TokenScope(models.TextChoices):
    READ = "read", "Chỉ đọc"
    WRITE = "write", "Đọc và ghi"


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        """Tokens that still open the API: not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """Mã truy cập API: a named bearer token, expiring, read-only or read-write. Only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField("tên", max_length=100, blank=True)
    scope = models.CharField("phạm vi", max_length=5, choices=TokenScope.choices, default=TokenScope.WRITE)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    expires_at = models.DateTimeField("hết hạn lúc", null=True, blank=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name or 'API token'} · {self.user} ({self.created_at:%d/%m/%Y})"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "", scope: str = TokenScope.WRITE, days: int | None = None) -> str:
        """Mint a token and return its secret (shown once). See ``kehoach.core.services.issue_token``."""
        from datetime import timedelta

        days = days or settings.KEHOACH_TOKEN_DEFAULT_DAYS
        key = secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            key_hash=cls.hash(key),
            name=name,
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
        )
        return key


class IdempotentRequest(models.Model):
    """Khóa chống tạo trùng: the first response to a creating POST with an ``Idempotency-Key``,
    kept 24 hours per caller, key and path; a retry gets it back and creates nothing."""

    caller = models.CharField("người gọi", max_length=80)
    key = models.CharField("khóa", max_length=200)
    path = models.CharField("đường dẫn", max_length=300)
    fingerprint = models.CharField("dấu vân tay yêu cầu", max_length=64)
    status = models.PositiveSmallIntegerField("mã trạng thái", default=0)  # 0: still being processed
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField("lúc", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "khóa chống tạo trùng"
        verbose_name_plural = "khóa chống tạo trùng"
        constraints = [
            models.UniqueConstraint(fields=["caller", "key", "path"], name="idempotency_once_per_caller")
        ]

    def __str__(self) -> str:
        return f"{self.caller} {self.path} {self.key}"
