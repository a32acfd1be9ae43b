"""Base models shared by every app: timestamps, optimistic versions, the audit log, API tokens."""

import datetime
import decimal
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from kehoach.core import actor as acting


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


def insert_row(obj: models.Model, using: str | None = None) -> bool:
    """Insert a NEW row for ``obj`` with one plain ``INSERT … RETURNING id``; False (nothing done)
    when the model needs what only ``Model.save`` does: signal receivers, parent models, an explicit
    primary key. The fields' values go through their own ``pre_save``/``get_db_prep_save`` (so
    ``auto_now`` stamps and uploaded files are handled as ``save()`` handles them), and an unsaved
    related object is refused the same way.

    ``Model.save`` of a row that is only inserted (signals, update-or-insert, the SQL compiler) was
    a fifth of a write's CPU for the output and its audit entry (issue 11)."""
    from django.db import connections, router
    from django.db.models import signals
    from django.db.models.fields import AutoFieldMixin

    cls, meta = type(obj), obj._meta
    if (
        obj.pk is not None
        or meta.parents
        or not isinstance(meta.pk, AutoFieldMixin)  # a key the database does not number
        or signals.pre_save.has_listeners(cls)
        or signals.post_save.has_listeners(cls)
    ):
        return False
    alias = using or router.db_for_write(cls, instance=obj)
    conn = connections[alias]
    obj._prepare_related_fields_for_save(operation_name="save")
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    q = conn.ops.quote_name
    sql = (
        f"INSERT INTO {q(meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "  # nosec B608: our own names
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {q(meta.pk.column)}"
    )
    params = [f.get_db_prep_save(f.pre_save(obj, True), conn) for f in fields]
    with conn.cursor() as cur:
        cur.execute(sql, params)
        obj.pk = cur.fetchone()[0]
    obj._state.adding = False
    obj._state.db = alias
    return True


class AuditedModel(models.Model):
    """A model whose every create, update and delete is written to the audit log (nhật ký thay đổi).

    The actor comes from ``kehoach.core.actor.acting_as`` (set by the web middleware, the API
    auth and the management commands). Works for admin, pages, API and commands alike, because
    it sits at ``save()`` rather than in each view. Bulk writes (``bulk_create``, ``bulk_update``,
    ``QuerySet.update/delete``) skip ``save()``: they go through ``kehoach.core.audit.audited_*``.
    """

    audit_exclude: tuple[str, ...] = ("updated_at", "created_at")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        creating = self._state.adding
        before = getattr(self, "_audit_loaded", None)
        plain = creating and not args and set(kwargs) <= {"using"}
        if not (plain and insert_row(self, kwargs.get("using"))):
            super().save(*args, **kwargs)
        after = self._audit_snapshot()
        if creating:
            AuditEntry.build(self, "create", created_changes(after)).insert()
        else:
            loaded = before or {}
            changes = {
                k: [loaded.get(k), v] for k, v in after.items() if before is None or loaded.get(k) != v
            }
            if changes:
                AuditEntry.build(self, "update", changes).insert()
        self._audit_loaded = after

    def delete(self, *args, **kwargs):
        # Rows removed by cascade are audited too, in one INSERT, before they are gone.
        with transaction.atomic():
            entries = deletion_entries([self])
            result = super().delete(*args, **kwargs)
            AuditEntry.objects.bulk_create(entries)
        return result

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


def created_changes(snapshot: dict) -> dict:
    """A new row's fields as changes from nothing (empty values left out to keep the log short)."""
    return {k: [None, v] for k, v in snapshot.items() if v not in (None, "", [])}


def deletion_entries(objs) -> list["AuditEntry"]:
    """Unsaved "delete" entries for ``objs`` (instances or a queryset) and every audited row that
    deleting them removes by cascade. Each keeps the values it had, so the log can tell what was lost."""
    from django.db import router
    from django.db.models.deletion import Collector

    objs = list(objs)
    if not objs:
        return []
    collector = Collector(using=router.db_for_write(type(objs[0])), origin=objs[0])
    collector.collect(objs)
    doomed: list[models.Model] = []
    for model, instances in collector.data.items():
        if issubclass(model, AuditedModel):
            doomed.extend(instances)
    for qs in collector.fast_deletes:  # cascades Django deletes without loading: load them for the log
        if issubclass(qs.model, AuditedModel):
            doomed.extend(qs)
    load_related(doomed)
    return [AuditEntry.build(obj, "delete", removed_changes(obj._audit_snapshot())) for obj in doomed]  # type: ignore[attr-defined]


def load_related(objs) -> None:
    """Load the rows ``str(obj)`` usually names (unit, plan, ...) in one query per foreign key and
    model, instead of one query per object while audit rows are written in bulk."""
    by_model: dict[type, list] = {}
    for obj in objs:
        by_model.setdefault(type(obj), []).append(obj)
    for model, group in by_model.items():
        names = [
            f.name
            for f in model._meta.concrete_fields  # type: ignore[attr-defined]
            if f.is_relation and f.many_to_one and any(getattr(o, f.attname) is not None for o in group)
        ]
        if names:
            models.prefetch_related_objects(group, *names)


def removed_changes(snapshot: dict) -> dict:
    """A deleted row's fields as changes to nothing."""
    return {k: [v, None] for k, v in snapshot.items() if v not in (None, "", [])}


class VersionedModel(models.Model):
    """Optimistic locking: writers send the version they read; a stale one is refused (409)."""

    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        abstract = True


class ActorKind(models.TextChoices):
    """Loại người thực hiện: a person, the system (automatic changes), or an anonymous visitor."""

    USER = acting.USER, "Người dùng"
    SYSTEM = acting.SYSTEM, "Hệ thống"
    ANONYMOUS = acting.ANONYMOUS, "Khách (chưa đăng nhập)"


class AuditAction(models.TextChoices):
    CREATE = "create", "Tạo mới"
    UPDATE = "update", "Cập nhật"
    DELETE = "delete", "Xóa"
    ACTION = "action", "Thao tác"
    LOGIN = "login", "Đăng nhập"
    LOGIN_FAILED = "login_failed", "Đăng nhập thất bại"
    LOGOUT = "logout", "Đăng xuất"


def _plain(value):
    """Make a field value JSON-friendly for the log."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or None
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    return value


class AuditEntry(models.Model):
    """Nhật ký thay đổi: who changed which object, when, and which fields from what to what."""

    ACTIONS = AuditAction.choices
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="người thực hiện",
    )
    actor_name = models.CharField("tên người thực hiện", max_length=150, blank=True)
    actor_kind = models.CharField(
        "loại người thực hiện", max_length=10, choices=ActorKind.choices, default=ActorKind.USER
    )
    address = models.CharField("địa chỉ máy", max_length=64, blank=True)
    action = models.CharField("thao tác", max_length=20, choices=AuditAction.choices)
    verb = models.CharField("nội dung thao tác", max_length=80, blank=True)
    # Found through the (model, object_id) index below only: every index is one more insertion on
    # each audited write, and these two had LIKE twins too (eight indexes on the table, four now).
    model = models.CharField("loại đối tượng", max_length=80)
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_repr = models.CharField("đối tượng", max_length=300)
    changes = models.JSONField("thay đổi", default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def insert(self) -> "AuditEntry":
        """Write this new entry with one plain INSERT (:func:`insert_row`): an entry is written on
        every audited save and is only ever inserted."""
        if not insert_row(self):
            self.save()
        return self

    @classmethod
    def build(
        cls, obj, action: str, changes: dict | None = None, verb: str = "", who: acting.Actor | None = None
    ) -> "AuditEntry":
        """An unsaved entry for ``obj``, by ``who`` (default: whoever is acting now)."""
        who = who or acting.current()
        user = who.user
        if who.kind == acting.SYSTEM:
            name = "Hệ thống"
        elif who.kind == acting.ANONYMOUS:
            name = "Khách"
        else:
            name = user.get_username()
        return cls(
            actor=user,
            actor_name=name,
            actor_kind=who.kind,
            address=(who.address or "")[:64],
            action=action,
            verb=verb[:80],
            model=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            changes={k: [_plain(a), _plain(b)] for k, (a, b) in (changes or {}).items()},
        )


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

    def by_secret(self, key: str) -> "ApiToken | None":
        """The token in force whose secret is ``key``, with its user: one query by the unique hash,
        no ORDER BY (every API request asks this; issue 11)."""
        try:
            return self.active().select_related("user").get(key_hash=ApiToken.hash(key))
        except ApiToken.DoesNotExist:
            return None


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
