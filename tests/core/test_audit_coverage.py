"""Every write path leaves a row in the nhật ký thay đổi: the ORM, the bulk helpers and the admin,
for every model people change (found with ``apps.get_models()``, so a new model is covered or
must say here why it is not)."""

import itertools

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from kehoach.core.audit import (
    acting_as,
    audited_bulk_create,
    audited_bulk_update,
    audited_delete,
    audited_update,
)
from kehoach.core.models import AuditedModel, AuditEntry

# Project models that are not audited row by row, and why. A new model must be audited
# (inherit AuditedModel) or be listed here with its reason.
NOT_AUDITED = {
    "core.AuditEntry": "the log itself",
    "core.ApiToken": "a secret's hash; issuing one is audited as a sign-in (cấp mã truy cập API)",
    "core.IdempotentRequest": "a stored response for retries; the write it answered is audited itself",
    "notices.Notice": "a message the system delivers; sending it is audited as an action (send_urging, reminders)",
    "notices.NoticeUnit": "per-unit delivery and mail state of a notice: itself a delivery log",
    "notices.NoticeRecipient": "a read receipt per person (read_at is the record)",
    "reports.OutgoingDocument": "drafted, edited and issued through reports.services, each audited as an action",
    "reports.DocumentSection": "every edit is a new version kept in the table (the history itself), audited as an action",
    "reports.DocumentFile": "the frozen bytes of an issued document with their SHA-256; issuing is audited",
    "jobs.Job": "a background run's status; the work it does goes through audited services",
    "tracking.Reminder": "itself a log of mails the system sent (kind, address, time); urging notices are audited",
    "outputs.WeekReminder": "a mail the system sent; audited by send_week_reminders as an action",
    "reports.DocumentNumber": "a counter of document numbers; the compiled document is audited as an action",
    "reports.CompiledDocument": "a generated file; numbering it is audited as an action (lập văn bản số)",
    "org.HomeVisit": "when a person last looked at their home (lần xem trước); looking changes no data",
    "outputs.OutputDailySummary": "counts derived from outputs in the same transaction; each output change is audited",
}


def audited_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, AuditedModel)]


def test_every_project_model_is_audited_or_says_why():
    project = [m for m in apps.get_models() if m.__module__.startswith("kehoach.")]
    silent = {m._meta.label for m in project if not issubclass(m, AuditedModel)} - set(NOT_AUDITED)
    assert not silent, f"not audited and not explained in NOT_AUDITED: {sorted(silent)}"
    assert len(audited_models()) >= 20


def _text_field(model) -> models.Field | None:
    """A field a person would edit (free text, else a plain number; not in a unique key)."""
    unique = {n for c in model._meta.total_unique_constraints for n in c.fields}
    candidates = [
        f
        for f in model._meta.concrete_fields
        if not f.choices
        and not f.unique
        and f.name not in unique
        and f.editable
        and f.attname not in model.audit_exclude
        and not f.primary_key
        and not f.is_relation
    ]
    text = [f for f in candidates if isinstance(f, models.CharField | models.TextField)]
    number = [f for f in candidates if isinstance(f, models.PositiveSmallIntegerField)]
    return (text or number or [None])[0]


def _changed(f, value):
    """Another value for the field: text gains or loses a mark, a number moves by one (within 1..100)."""
    if isinstance(f, models.IntegerField):
        number = int(value or 0)
        changed = number + 1 if number < 50 else number - 1
        return str(changed) if isinstance(value, str) else changed
    value = value or ""
    if value.endswith(" *"):
        return value[:-2]
    return value[: (f.max_length or 1000) - 2] + " *"


def _rows(model, obj_id, action):
    return AuditEntry.objects.filter(model=model._meta.label_lower, object_id=str(obj_id), action=action)


_COPIES = itertools.count(1)


def _free_unique_keys(obj) -> bool:
    """Change the copy's unique keys so it can be saved beside the original (False: cannot)."""
    model = type(obj)
    keys = [tuple(c.fields) for c in model._meta.total_unique_constraints]
    keys += [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for key in keys:
        fields = [model._meta.get_field(n) for n in key]
        text = [f for f in fields if isinstance(f, models.CharField) and not f.choices]
        number = [f for f in fields if isinstance(f, models.IntegerField) and not f.choices]
        choice = [f for f in fields if f.choices]
        if text:
            f = text[0]
            suffix = f"-c{next(_COPIES)}"
            setattr(obj, f.attname, (getattr(obj, f.attname) or "")[: f.max_length - len(suffix)] + suffix)
        elif choice:  # another value of the choice not yet taken by the rest of the key
            f = choice[0]
            rest = {g.attname: getattr(obj, g.attname) for g in fields if g is not f}
            taken = set(model._default_manager.filter(**rest).values_list(f.attname, flat=True))
            free = [v for v, _ in f.flatchoices if v not in taken]
            if not free:
                return False
            setattr(obj, f.attname, free[0])
        elif number:
            f = number[0]
            setattr(obj, f.attname, getattr(obj, f.attname) + 1000)
        else:
            return False
    return True


def _new_row(model):
    """An unsaved row like an existing one, that nothing else refers to once saved."""
    original = model._default_manager.order_by("-pk").first()
    copy = model._default_manager.get(pk=original.pk)
    copy._links = {f.name: list(getattr(original, f.name).all()) for f in model._meta.many_to_many}
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    if not _free_unique_keys(copy):  # a key of foreign keys only (one per plan): make room
        original.delete()
    return copy


def _same_again(obj):
    """The row again, unsaved, to be created after it is gone (its unique keys are then free)."""
    copy = type(obj)._default_manager.get(pk=obj.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    return copy


@pytest.fixture
def world(demo):
    """The demo, plus the kinds of rows it has none of: every audited model has rows."""
    from kehoach.reports.services import create_calendar_token
    from kehoach.tracking.models import UrgingNotice

    coordinator = get_user_model().objects.get(username="noivu")
    taken = UrgingNotice.objects.filter(plan=demo).values_list("number", flat=True)
    notice = UrgingNotice.objects.create(
        plan=demo,
        number=max(taken, default=0) + 1,
        period="2021-H1",
        text="Đề nghị nộp báo cáo.",
        created_by=coordinator,
    )
    notice.units.set(demo.deliverables.values_list("unit_id", flat=True)[:2])
    create_calendar_token(coordinator, label="Lịch của tôi")
    from kehoach.reports.models import SigningCertificate

    if not SigningCertificate.objects.exists():  # the test demo loads no certificate (kehoach demo does)
        SigningCertificate.objects.create(issuer=demo.issuer, p12_path="/khong-co.p12", password_ref="env:X")
    empty = [m._meta.label for m in audited_models() if not m._default_manager.exists()]
    assert not empty, f"give these a row in the world fixture: {empty}"
    return demo


def test_every_audited_model_is_audited_on_every_path(world):
    missing = []
    checked = []
    for model in audited_models():
        text = _text_field(model)
        with acting_as(None):
            # ORM: create, update, delete, create again.
            obj = _new_row(model)
            obj.save()
            for name, linked in obj._links.items():  # the admin form requires them where the model does
                getattr(obj, name).set(linked)
            if not _rows(model, obj.pk, "create").exists():
                missing.append(f"{model._meta.label}: ORM create")
            if text is not None:
                setattr(obj, text.attname, _changed(text, getattr(obj, text.attname)))
                obj.save()
                if not _rows(model, obj.pk, "update").exists():
                    missing.append(f"{model._meta.label}: ORM update")
            copy = _same_again(obj)
            old_pk = obj.pk
            obj.delete()
            if not _rows(model, old_pk, "delete").exists():
                missing.append(f"{model._meta.label}: ORM delete")
            copy.save()
            if not _rows(model, copy.pk, "create").exists():
                missing.append(f"{model._meta.label}: ORM create again")
            # Bulk helpers: update (two ways), delete, create.
            if text is not None:
                row = model._default_manager.get(pk=copy.pk)
                setattr(row, text.attname, _changed(text, getattr(row, text.attname)))
                before = _rows(model, row.pk, "update").count()
                audited_bulk_update(model, [row], [text.name])
                if _rows(model, row.pk, "update").count() != before + 1:
                    missing.append(f"{model._meta.label}: audited_bulk_update")
                audited_update(
                    model._default_manager.filter(pk=row.pk),
                    **{text.name: _changed(text, getattr(row, text.attname))},
                )
                if not _rows(model, row.pk, "update").filter(changes__has_key=text.attname).count() >= 2:
                    missing.append(f"{model._meta.label}: audited_update")
            again = _same_again(copy)
            audited_delete(model._default_manager.filter(pk=copy.pk))
            if not _rows(model, copy.pk, "delete").exists():
                missing.append(f"{model._meta.label}: audited_delete")
            audited_bulk_create(model, [again])
            if again.pk is None or not _rows(model, again.pk, "create").exists():
                missing.append(f"{model._meta.label}: audited_bulk_create")
        checked.append(model._meta.label)
    assert not missing, missing
    assert len(checked) == len(audited_models())


# --- the admin ---------------------------------------------------------------------------------


def _form_data(form) -> dict:
    """What a browser would post back for an unchanged form (inline forms included)."""
    from django import forms as djforms

    data = {}
    for bf in form:
        if bf.field.disabled:
            continue
        value = bf.value()
        widget = bf.field.widget
        if isinstance(widget, djforms.SplitDateTimeWidget):
            moment = value if hasattr(value, "date") else None
            if moment is None and value:
                moment = bf.field.to_python(value)
            data[f"{bf.html_name}_0"] = moment.date().isoformat() if moment else ""
            data[f"{bf.html_name}_1"] = moment.time().strftime("%H:%M:%S") if moment else ""
        elif isinstance(bf.field, djforms.BooleanField):
            if value:
                data[bf.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bf.html_name] = [str(getattr(v, "pk", v)) for v in value]
        elif value is None:
            data[bf.html_name] = ""
        elif isinstance(bf.field, djforms.JSONField):
            data[bf.html_name] = bf.field.prepare_value(value) if not isinstance(value, str) else value
        elif hasattr(value, "isoformat"):
            data[bf.html_name] = value.isoformat()
        elif hasattr(value, "name") and hasattr(value, "storage"):
            continue  # a file: not sent, the stored one stays
        else:
            data[bf.html_name] = str(value)
    return data


def _change_post(model_admin, request, obj) -> dict:
    form = model_admin.get_form(request, obj, change=True)(instance=obj)
    data = _form_data(form)
    for formset_class, _inline in model_admin.get_formsets_with_inlines(request, obj):
        formset = formset_class(instance=obj, prefix=formset_class.get_default_prefix())
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for f in formset.initial_forms:
            data.update(_form_data(f))
    return data


def test_the_admin_audits_change_delete_and_delete_selected(world):
    from django.contrib import admin
    from django.test import Client, RequestFactory

    root = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "mật-khẩu-dài-1")
    client = Client()
    client.force_login(root)
    request = RequestFactory().get("/admin/")
    request.user = root
    missing = []
    registered = [m for m in audited_models() if m in admin.site._registry]
    assert len(registered) >= 12
    for model in registered:
        ma = admin.site._registry[model]
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        with acting_as(None):
            obj = _new_row(model)
            obj.save()
            for name, linked in obj._links.items():  # the admin form requires them where the model does
                getattr(obj, name).set(linked)
            second = _same_again(obj)
            if not _free_unique_keys(second):
                second = None
            else:
                second.save()
        # Change: post the form back with one free-text field changed.
        data = _change_post(ma, request, obj)
        text = _text_field(model)
        if text is not None and text.name in data:
            data[text.name] = _changed(text, data[text.name])
        response = client.post(f"{url}{obj.pk}/change/", data)
        if response.status_code != 302:
            errors = response.context["adminform"].form.errors if response.context else response.status_code
            missing.append(f"{model._meta.label}: admin change refused {errors}")
        elif text is not None and text.name in data:
            entry = _rows(model, obj.pk, "update").first()
            if entry is None or entry.actor_id != root.pk:
                missing.append(f"{model._meta.label}: admin change not audited")
        # Delete one, then "delete selected".
        response = client.post(f"{url}{obj.pk}/delete/", {"post": "yes"})
        if response.status_code != 302 or not _rows(model, obj.pk, "delete").filter(actor=root).exists():
            missing.append(f"{model._meta.label}: admin delete not audited ({response.status_code})")
        if second is not None:
            response = client.post(
                url, {"action": "delete_selected", "_selected_action": [second.pk], "post": "yes"}
            )
            if model._default_manager.filter(pk=second.pk).exists():
                missing.append(
                    f"{model._meta.label}: delete selected did not delete ({response.status_code})"
                )
            elif not _rows(model, second.pk, "delete").filter(actor=root).exists():
                missing.append(f"{model._meta.label}: delete selected not audited")
    assert not missing, "\n".join(missing)
