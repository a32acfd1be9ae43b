"""Nhật ký thay đổi: writing the audit log, one row at a time or in bulk.

Single saves and deletes audit themselves (``AuditedModel``). Bulk writes skip ``save()``, so
every ``bulk_create``, ``bulk_update``, ``QuerySet.update`` and ``QuerySet.delete`` on an audited
model goes through the helpers below, which write their audit rows in bulk too (one INSERT of
audit rows per batch, not one per object).

Import order (no cycle): ``core.actor`` <- ``core.models`` <- ``core.audit``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction

from kehoach.core.actor import (  # re-exported: callers import the actor helpers from here
    Actor,
    acting_as,
    acting_as_system,
    actor_for,
    current,
    current_actor,
    set_actor,
)
from kehoach.core.models import (
    AuditAction,
    AuditedModel,
    AuditEntry,
    created_changes,
    deletion_entries,
    load_related,
)

__all__ = [
    "acting_as",
    "acting_as_system",
    "audited_bulk_create",
    "audited_bulk_update",
    "audited_delete",
    "audited_update",
    "current_actor",
    "record",
    "record_as",
    "set_actor",
]

BATCH = 500


def record(obj, action: str, changes: dict | None = None, verb: str = "", actor=None) -> AuditEntry:
    """Write one audit entry for ``obj`` (by ``actor`` if given, else whoever is acting now)."""
    who = actor_for(actor, current().address) if actor is not None else None
    return AuditEntry.build(obj, action, changes, verb=verb, who=who).insert()


def record_as(who: Actor, obj, action: str, changes: dict | None = None, verb: str = "") -> AuditEntry:
    """Write one audit entry naming ``who`` exactly (sign-ins: the person is not acting yet)."""
    return AuditEntry.build(obj, action, changes, verb=verb, who=who).insert()


def _audited(model) -> bool:
    return isinstance(model, type) and issubclass(model, AuditedModel)


def _write(entries: list[AuditEntry]) -> None:
    if entries:
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)


def _unique_key(model) -> tuple[str, ...] | None:
    """The attnames of a unique key, to find rows a conflict-ignoring insert did create."""
    for fields in model._meta.total_unique_constraints:
        return tuple(model._meta.get_field(name).attname for name in fields.fields)
    for fields in model._meta.unique_together:
        return tuple(model._meta.get_field(name).attname for name in fields)
    return None


def _existing_keys(model, key: tuple[str, ...], objs: Sequence[models.Model]) -> dict[tuple, Any]:
    wanted = {tuple(getattr(o, a) for a in key) for o in objs}
    first = {k[0] for k in wanted}
    rows = model._default_manager.filter(**{f"{key[0]}__in": first}).values_list(*key, "pk")
    return {tuple(r[:-1]): r[-1] for r in rows if tuple(r[:-1]) in wanted}


@transaction.atomic
def audited_bulk_create(model, objs: Iterable[models.Model], **kwargs) -> list[models.Model]:
    """``model.objects.bulk_create(objs, **kwargs)`` and one "create" audit row per new row.

    With ``ignore_conflicts=True`` the database does not say which rows it inserted, so the
    rows are told apart by the model's unique key (those that did not exist before).
    """
    objs = list(objs)
    if not objs:
        return objs
    if not _audited(model):
        return model._default_manager.bulk_create(objs, **kwargs)
    key = _unique_key(model) if kwargs.get("ignore_conflicts") else None
    before = _existing_keys(model, key, objs) if key else {}
    created = model._default_manager.bulk_create(objs, **kwargs)
    if key:
        after = _existing_keys(model, key, objs)
        fresh = []
        for obj in objs:
            k = tuple(getattr(obj, a) for a in key)
            if k in after and k not in before:
                obj.pk = after[k]
                fresh.append(obj)
    else:
        fresh = [o for o in objs if o.pk is not None]
    load_related(fresh)
    entries = []
    for obj in fresh:
        obj._state.adding = False
        snapshot = obj._audit_snapshot()  # type: ignore[attr-defined]
        obj._audit_loaded = snapshot  # type: ignore[attr-defined]
        entries.append(AuditEntry.build(obj, AuditAction.CREATE, created_changes(snapshot)))
    _write(entries)
    return created


@transaction.atomic
def audited_bulk_update(model, objs: Iterable[models.Model], fields: Sequence[str], **kwargs) -> int:
    """``model.objects.bulk_update(objs, fields)`` and one "update" audit row per row that changed,
    with the values it had when it was read (an object built by hand has no "before": None)."""
    objs = list(objs)
    if not objs:
        return 0
    count = model._default_manager.bulk_update(objs, fields, **kwargs)
    if not _audited(model):
        return count
    attnames = [model._meta.get_field(name).attname for name in fields]
    attnames = [a for a in attnames if a not in model.audit_exclude]
    changed: list[tuple[models.Model, dict]] = []
    for obj in objs:
        loaded = getattr(obj, "_audit_loaded", None) or {}
        diff = {a: [loaded.get(a), getattr(obj, a)] for a in attnames if loaded.get(a) != getattr(obj, a)}
        if diff:
            changed.append((obj, diff))
        obj._audit_loaded = {**loaded, **{a: getattr(obj, a) for a in attnames}}  # type: ignore[attr-defined]
    load_related([o for o, _ in changed])
    _write([AuditEntry.build(obj, AuditAction.UPDATE, diff) for obj, diff in changed])
    return count


@transaction.atomic
def audited_update(queryset: models.QuerySet, **values) -> int:
    """``queryset.update(**values)`` and one "update" audit row per row whose values changed.

    The rows are read first (locked), then updated by primary key, so the log names exactly
    the rows the UPDATE touched, with their values before and after.
    """
    model = queryset.model
    if not _audited(model):
        return queryset.update(**values)
    attnames = [model._meta.get_field(name).attname for name in values]
    rows = list(queryset.select_for_update().order_by())
    if not rows:
        return 0
    pks = [r.pk for r in rows]
    count = model._default_manager.filter(pk__in=pks).update(**values)
    audited = [a for a in attnames if a not in model.audit_exclude]
    if not audited:
        return count
    if any(hasattr(v, "resolve_expression") for v in values.values()):  # F(), Case(): read them back
        after = {
            r[0]: dict(zip(audited, r[1:], strict=True))
            for r in model._default_manager.filter(pk__in=pks).values_list("pk", *audited)
        }
    else:
        plain = {model._meta.get_field(n).attname: v for n, v in values.items()}
        after = {pk: {a: plain[a] for a in audited} for pk in pks}
    entries = []
    load_related(rows)
    for row in rows:
        diff = {
            a: [getattr(row, a), after[row.pk][a]] for a in audited if getattr(row, a) != after[row.pk][a]
        }
        if diff:
            entries.append(AuditEntry.build(row, AuditAction.UPDATE, diff))
    _write(entries)
    return count


@transaction.atomic
def audited_delete(queryset: models.QuerySet) -> tuple[int, dict[str, int]]:
    """``queryset.delete()`` and one "delete" audit row per audited row it removes, cascades included."""
    # Even when the queryset's model is not audited, a cascade may reach audited rows.
    entries = deletion_entries(queryset.order_by())
    result = queryset.delete()
    _write(entries)
    return result


_AUDITED_QUERYSETS: dict[type, type] = {}


def auditing_deletes(queryset: models.QuerySet) -> models.QuerySet:
    """The same queryset, whose ``delete()`` writes audit rows: for code that calls
    ``queryset.delete()`` itself (the admin's "delete selected" action)."""
    cls = type(queryset)
    audited = _AUDITED_QUERYSETS.get(cls)
    if audited is None:

        def delete(self):
            with transaction.atomic():
                entries = deletion_entries(self.order_by())
                result = super(audited, self).delete()  # type: ignore[arg-type]
                _write(entries)
            return result

        audited = type(f"Audited{cls.__name__}", (cls,), {"delete": delete})
        _AUDITED_QUERYSETS[cls] = audited
    clone = queryset._chain()  # type: ignore[attr-defined]
    clone.__class__ = audited
    return clone
