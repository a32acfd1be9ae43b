"""Nhập kế hoạch từ văn bản: upload a signed plan, check what was read beside the source, then save.

Step 1 (``plans:import``) reads the file and keeps the result in the session; step 2
(``plans:import_review``) shows every parsed field, editable, beside the source text; nothing is
written to the plan tables until "Lưu kế hoạch", which calls ``services.save_imported_plan``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.importing.confidence import LOW, least
from kehoach.org.models import Unit
from kehoach.plans import import_service, import_session
from kehoach.plans.import_forms import (
    ActivityForm,
    ActivityFormSet,
    DutyForm,
    DutyFormSet,
    HeaderForm,
    MappingForm,
    UploadForm,
    activity_rows,
    apply_row_op,
    to_import_data,
)
from kehoach.plans.models import Plan, PlanStatus


def _require_importer(request) -> None:
    if not import_service.may_import(request.user):
        raise PermissionDenied("Chỉ cán bộ được giao nhiệm vụ của đơn vị mới được nhập kế hoạch.")


@login_required
def upload(request):
    """Bước 1: chọn tệp. Errors stay on this page; a good file leads to the review."""
    _require_importer(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            # Reading runs as a job (tác vụ nền) with a progress box; inline it answers at once.
            from kehoach.jobs.services import elapsed_seconds
            from kehoach.org.first_run import import_jobs
            from kehoach.org.import_views import store_plan

            f = form.cleaned_data["file"]
            suffix = "." + "".join(c for c in f.name.rsplit(".", 1)[-1].lower() if c.isalnum())[:8]
            path = import_jobs.keep_upload(request.user, f.read(), suffix if "." in f.name else "")
            job = import_jobs.start(
                request.user, "plan_read", path=path, filename=f.name, year=form.cleaned_data.get("year")
            )
            data = job.result_data or ({"error": job.error, "status": 500} if job.status == "failed" else {})
            if not job.finished:  # a worker reads it: the progress box polls, then opens the review
                context = {"form": form, "job": job, "elapsed": elapsed_seconds(job)}
                return render(request, "plans/import_upload.html", context, status=202)
            if not data.get("error"):
                return redirect(store_plan(request, data))
            form.add_error("file", data["error"])
            status = data.get("status", 400)
    return render(request, "plans/import_upload.html", {"form": form}, status=status)


def _default_issuer(data: dict, names_index, user) -> tuple[Unit | None, str]:
    """The issuer the review starts on, and a note when the document's issuer could not be used."""
    allowed = HeaderForm(user=user).fields["issuer"].queryset
    text = (data.get("document") or {}).get("issuer") or ""
    res = names_index.resolve(text) if text else None
    if res is not None and res.unit is not None and allowed.filter(pk=res.unit.pk).exists():
        return res.unit, ""
    fallback = permissions.primary_unit(user)
    if fallback is not None and not allowed.filter(pk=fallback.pk).exists():
        fallback = None
    if res is not None and res.unit is not None:
        note = f"Văn bản do “{text}” ban hành; bạn chỉ được nhập kế hoạch của đơn vị mình."
    elif text:
        note = f"Chưa nhận diện được cơ quan ban hành “{text}”: hãy chọn trong danh sách."
    else:
        note = "Văn bản không ghi cơ quan ban hành: hãy chọn trong danh sách."
    return fallback, note


def _deleted(form) -> bool:
    """A row the reviewer ticked "Bỏ dòng này": its errors no longer matter."""
    return bool(getattr(form, "cleaned_data", {}).get("DELETE"))


def _error_list(header, activities, duties, mapping, extra: list[str]) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary, in page order."""
    out: list[tuple[str, str]] = [("", m) for m in extra]

    def add(form, prefix_label=""):
        for e in form.non_field_errors():
            out.append(("", f"{prefix_label}{e}"))
        for name, errs in form.errors.items():
            if name == "__all__":
                continue
            bf = form[name]
            for e in errs:
                out.append((bf.auto_id, f"{prefix_label}{bf.label}: {e}"))

    add(header)
    for i, form in enumerate(activities.forms):
        if not _deleted(form):
            add(form, f"Nhiệm vụ {form['no'].value() or i + 1} – ")
    for e in activities.non_form_errors():
        out.append(("", str(e)))
    for i, form in enumerate(duties.forms):
        if not _deleted(form):
            add(form, f"Trách nhiệm {form['section'].value() or i + 1} – ")
    for e in duties.non_form_errors():
        out.append(("", str(e)))
    add(mapping, "Tên đơn vị – ")
    return out


@login_required
def review(request, token: str):
    """Bước 2: kiểm tra và sửa những gì đã đọc, bên cạnh văn bản gốc; "Lưu kế hoạch" mới ghi vào hệ thống."""
    _require_importer(request)
    draft = import_session.load(request.session, token)
    if draft is None:
        raise Http404(
            "Không tìm thấy văn bản đang nhập (có thể đã lưu hoặc đã hết hạn). Hãy tải tệp lên lại."
        )
    from kehoach.org.services import NameIndex

    data = draft.data
    index = NameIndex()
    names = import_session.resolve_names(data, index)
    issuer, issuer_note = _default_issuer(data, index, request.user)
    allow_new = permissions.sees_everything(request.user)
    post = request.POST if request.method == "POST" else None

    initial = HeaderForm.initial_from(data, issuer)
    if issuer is not None:
        # A unit importing its own plan most likely implements the plan that asked it for one (V.1.a).
        asking = Plan.objects.filter(deliverables__unit=issuer, deliverables__kind="subplan").order_by(
            "-year", "-id"
        )
        initial["parent"] = asking.values_list("pk", flat=True).first()
    header = HeaderForm(post, user=request.user, initial=initial, prefix="h")
    activities = ActivityFormSet(
        post, initial=[ActivityForm.initial_from(r) for r in data.get("activities") or []], prefix="act"
    )
    duties = DutyFormSet(
        post, initial=[DutyForm.initial_from(r) for r in data.get("duties") or []], prefix="duty"
    )
    extra_errors: list[str] = []
    status = 200
    edited = None
    op = (post.get("op") or "").strip() if post is not None else ""
    if op and activities.is_valid():
        # Thêm / tách / gộp dòng: the page's edits are kept in the draft, nothing is saved yet
        base = data
        if header.is_valid() and duties.is_valid():
            base = to_import_data(data, header, activities, duties)
        rows, kept = activity_rows(data, activities)
        rows, at = apply_row_op(rows, kept, op[:40])
        import_session.replace_data(request.session, draft, dict(base, activities=rows))
        return redirect(reverse("plans:import_review", args=[token]) + f"#act-{at}")
    if post is not None and not op and all([header.is_valid(), activities.is_valid(), duties.is_valid()]):
        edited = to_import_data(data, header, activities, duties)
        # Names typed on this page are resolved too, and asked about when unsure.
        names = import_session.resolve_names(edited, index)
    mapping = MappingForm(post, names=names, allow_new=allow_new, prefix="map")

    if post is not None:
        if op:
            status = 400  # the rows could not be changed: the errors below say why
        elif edited is not None and mapping.is_valid():
            h = header.cleaned_data
            try:
                plan = import_service.save_import(
                    request.user,
                    edited,
                    status=PlanStatus.ISSUED if h["issue"] else PlanStatus.DRAFT,
                    mappings=mapping.mappings(),
                    issuer=h["issuer"],
                    create_missing_units=False,
                    source_name=draft.source_name,
                    source_sha256=draft.source_sha256,
                    source_text=draft.source_text,
                    parent=h["parent"],
                ).plan
            except DomainError as exc:
                extra_errors.append(exc.message)
                status = exc.status
            else:
                import_session.discard(request.session, token)
                messages.success(
                    request,
                    f"Đã lưu kế hoạch {plan.number or plan.title}: {plan.activities.count()} nhiệm vụ, "
                    f"{plan.duties.count()} trách nhiệm được giao.",
                )
                return redirect("plans:detail", pk=plan.pk)
        else:
            status = 400

    duplicates = list(import_service.duplicates_of(draft.source_sha256).select_related("issuer"))
    visible = set(
        Plan.objects.for_user(request.user)
        .filter(pk__in=[p.pk for p in duplicates])
        .values_list("pk", flat=True)
    )
    by_name = {n.name: n for n in names}
    act_rows = []
    for form, row in zip(
        activities.forms, (data.get("activities") or []) + [{}] * len(activities.forms), strict=False
    ):
        key = import_session.lead_key(row)
        act_rows.append(
            {
                "form": form,
                "index": len(act_rows),
                "doubts": row.get("doubts") or [],
                "least": least(row) if row else 1.0,
                "low": {
                    d["field"]
                    for d in row.get("doubts") or []
                    if (row.get("confidence") or {}).get(d["field"], 1) < LOW
                },
                "lead": by_name.get((key or "").strip()),
                "coordinators": [
                    by_name.get(n.strip()) for n in row.get("coordinators") or [] if by_name.get(n.strip())
                ],
            }
        )
    return render(
        request,
        "plans/import_review.html",
        {
            "draft": draft,
            "doc": data.get("document") or {},
            "header": header,
            "activities": activities,
            "act_rows": act_rows,
            # the doubtful rows first: what the reviewer should look at before anything else
            "doubtful": sorted((r for r in act_rows if r["least"] < LOW), key=lambda r: r["least"]),
            "duties": duties,
            "mapping": mapping,
            "names": names,
            "unsure_count": sum(1 for n in names if n.needs_choice),
            "issuer_note": issuer_note,
            "errors": _error_list(header, activities, duties, mapping, extra_errors)
            if post is not None
            else [],
            "duplicates": [(p, p.pk in visible) for p in duplicates],
            "allow_new": allow_new,
        },
        status=status,
    )


@login_required
@require_POST
def cancel(request, token: str):
    """Bỏ văn bản đang nhập: nothing was saved, so only the session entry goes."""
    _require_importer(request)
    import_session.discard(request.session, token)
    messages.info(request, "Đã hủy nhập văn bản; không có gì được lưu.")
    return redirect("plans:import")
