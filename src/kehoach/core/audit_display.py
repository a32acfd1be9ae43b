"""Nhật ký thay đổi in people's words: what the audit page shows for each stored entry.

The log stores field names and ISO values (stable, machine-readable); this module turns them
into the model's and fields' Vietnamese names, choice labels, dd/mm/yyyy dates and đồng, for one
page of entries at a time, with a fixed number of queries (related names are fetched per model).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from kehoach.core.models import ActorKind, AuditEntry
from kehoach.core.permissions import ACTING_ROLES
from kehoach.rules.money import format_date_vi, format_vnd
from kehoach.rules.periods import period_name

EMPTY = "—"

# Keys services write that are not fields of the object (action entries, accounts).
EXTRA_LABELS = {
    "password": "mật khẩu",
    "username": "tên đăng nhập",
    "groups": "nhóm quyền",
    "user_permissions": "quyền riêng",
    "submission": "văn bản nộp",
    "week": "tuần",
    "routed_to": "chuyển đến đơn vị",
    "created": "tạo mới",
    "kept": "giữ nguyên",
    "removed": "xóa bỏ",
    "order": "thứ tự",
    "sort_order": "thứ tự",
}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Row:
    """One entry as the page shows it."""

    entry: AuditEntry
    at: str
    actor: str
    actor_unit: str
    action: str
    object_type: str
    object_repr: str
    changes: list[Change] = field(default_factory=list)


def model_for(label: str) -> type[models.Model] | None:
    """The model class of a stored ``app_label.model_name`` (None for a model since removed)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_label(label: str) -> str:
    model = model_for(label)
    return str(model._meta.verbose_name).capitalize() if model else label


def object_types() -> list[tuple[str, str]]:
    """(stored label, Vietnamese name) of every kind of object the log holds, for the filter."""
    labels = AuditEntry.objects.order_by().values_list("model", flat=True).distinct()
    return sorted(((label, model_label(label)) for label in labels), key=lambda pair: pair[1].lower())


def _field(model, key: str):
    if model is None:
        return None
    try:
        f = model._meta.get_field(key)
    except FieldDoesNotExist:
        pass
    else:
        # A change named like a reverse relation ("submission") is an action's detail, not a field.
        if not getattr(f, "auto_created", False) or getattr(f, "concrete", False):
            return f
    for f in model._meta.concrete_fields:
        if f.attname == key:
            return f
    return None


def _parse_datetime(value: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return timezone.localtime(moment)


def format_moment(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{format_date_vi(local.date())} {local:%H:%M}"


_PERIOD_CODE = re.compile(r"^\d{4}-(W\d{2}|H[12]|Q[1-4])$")


def _scalar(value) -> str:
    """A value with no field to explain it: still dates in dd/mm/yyyy, yes/no in words."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, str):
        if len(value) == 10 and value[4:5] == "-":
            try:
                return format_date_vi(datetime.date.fromisoformat(value))
            except ValueError:
                return value
        if len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
            moment = _parse_datetime(value)
            return format_moment(moment) if moment else value
        if _PERIOD_CODE.match(value):  # "2022-W32" -> "Tuần 32 (08/08–14/08/2022)": names, not codes
            return period_name(value)
        return value
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) or EMPTY
    return str(value)


class _Names:
    """str() of the rows foreign keys point at, fetched once per related model for the page."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.names: dict[tuple[type[models.Model], str], str] = {}

    def want(self, f, value) -> None:
        if f is not None and f.many_to_one and value not in (None, ""):
            self.wanted.setdefault(f.related_model, set()).add(value)

    def fetch(self) -> None:
        for model, ids in self.wanted.items():
            try:
                rows = model._default_manager.filter(pk__in=list(ids))
                self.names.update({(model, str(o.pk)): str(o) for o in rows})
            except (ValueError, TypeError):  # an id of the wrong type in an old entry
                continue

    def name(self, f, value) -> str:
        return self.names.get((f.related_model, str(value)), f"#{value}")


def format_value(f, value, names: _Names) -> str:
    """One stored value in people's words, using what its field says about it."""
    if value is None or value == "":
        return EMPTY
    if f is None:
        return _scalar(value)
    if f.many_to_one:
        return names.name(f, value)
    if f.choices:
        labels = {str(k): str(v) for k, v in f.flatchoices}
        return labels.get(str(value), str(value))
    if isinstance(f, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        moment = _parse_datetime(value)
        return format_moment(moment) if moment else value
    if isinstance(f, models.DateField) and isinstance(value, str):
        try:
            return format_date_vi(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    money = "đồng" in str(f.verbose_name)
    if isinstance(f, models.IntegerField | models.DecimalField) and money:
        try:
            return format_vnd(int(value))
        except (TypeError, ValueError):
            return str(value)
    return _scalar(value)


def _label(model, key: str, f) -> str:
    if f is None:
        return EXTRA_LABELS.get(key, key.replace("_", " "))
    if str(f.verbose_name) != f.name.replace("_", " "):  # a label the model gave it
        return str(f.verbose_name)
    if f.is_relation and f.related_model is not None:  # "plan" -> "kế hoạch"
        return str(f.related_model._meta.verbose_name)
    return EXTRA_LABELS.get(f.name, str(f.verbose_name))


def _unit_of(person) -> str:
    """The person's unit as the header shows it: their first acting membership, else any."""
    ms = sorted(person.memberships.all(), key=lambda m: m.pk)
    acting = [m for m in ms if m.role in ACTING_ROLES] or ms
    return (acting[0].unit.short_name or acting[0].unit.name) if acting else ""


def rows(entries: list[AuditEntry]) -> list[Row]:
    """The page's entries in people's words (queries: users, memberships, units, one per related model)."""
    user_ids = {e.actor_id for e in entries if e.actor_id}
    people = {
        u.pk: u
        for u in get_user_model()
        ._default_manager.filter(pk__in=user_ids)
        .prefetch_related("memberships__unit")
    }
    names = _Names()
    prepared = []
    for e in entries:
        model = model_for(e.model)
        fields = {k: _field(model, k) for k in (e.changes or {})}
        for k, pair in (e.changes or {}).items():
            for value in pair if isinstance(pair, list) else [pair]:
                names.want(fields[k], value)
        prepared.append((e, model, fields))
    names.fetch()
    out = []
    for e, model, fields in prepared:
        if e.actor_kind == ActorKind.SYSTEM:
            who, unit = str(ActorKind.SYSTEM.label), ""
        elif e.actor_kind == ActorKind.ANONYMOUS:
            who, unit = "Khách", ""
        else:
            person = people.get(e.actor_id)  # type: ignore[arg-type]
            who = (person.get_full_name() or person.get_username()) if person else e.actor_name
            unit = _unit_of(person) if person else ""
        changes = []
        for k, pair in (e.changes or {}).items():
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            f = fields[k]
            if f is not None and f.primary_key:  # the object's number, already shown beside it
                continue
            changes.append(
                Change(_label(model, k, f), format_value(f, before, names), format_value(f, after, names))
            )
        action = e.get_action_display()
        out.append(
            Row(
                entry=e,
                at=format_moment(e.at),
                actor=who,
                actor_unit=unit,
                action=f"{action}: {e.verb}" if e.verb else action,
                object_type=str(model._meta.verbose_name).capitalize() if model else e.model,
                object_repr=e.object_repr,
                changes=changes,
            )
        )
    return out
