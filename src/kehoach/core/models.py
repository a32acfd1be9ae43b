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
            loaded = before or {}
            changes = {
                k: [loaded.get(k), v] for k, v in after.items() if before is None or loaded.get(k) != v
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


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"API token of {self.user} ({self.created_at:%d/%m/%Y})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> str:
        key = secrets.token_urlsafe(32)
        cls.objects.create(user=user, key_hash=cls.hash(key))
        return key


class LoginFailure(models.Model):
    """Failed sign-ins, counted to slow down password guessing (throttling)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} @ {self.address} {self.at:%d/%m/%Y %H:%M}"
