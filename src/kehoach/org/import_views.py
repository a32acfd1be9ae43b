"""Nhập đơn vị, cán bộ từ Excel trên trang: upload, see what will change, then save (or fix the file).

Reading, checking and saving run as background jobs (``first_run.import_jobs``): with a worker the
page shows a progress box that finishes in place; with jobs inline (tests, a small install) the
same request answers with the result. The upload's stored path is kept in the session between the
preview and "Lưu", and the file is checked again when saved, so a change made meanwhile by someone
else is never overwritten unseen.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.jobs.models import Job
from kehoach.jobs.services import elapsed_seconds
from kehoach.org import unit_import
from kehoach.org.first_run import import_jobs

SESSION_KEY = "kehoach_unit_import"
PEOPLE_KEY = "kehoach_people_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: step -> (page template, partial template, session key of a checked upload)
PAGES = {
    "units_check": ("org/import.html", "org/_units_preview.html", SESSION_KEY),
    "people_check": ("org/people_import.html", "org/_people_preview.html", PEOPLE_KEY),
    "units_save": ("org/import.html", "", SESSION_KEY),
    "people_save": ("org/people_passwords.html", "org/_people_passwords.html", PEOPLE_KEY),
}


def _require_admin(request) -> None:
    if not permissions.is_any_coordinator(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên hoặc cơ quan thường trực được nhập danh sách đơn vị."))


def start_step(request, step: str, **kwargs):
    """Start the step's job (or find the same one running) and answer: its result if it is already
    done (jobs inline), else the page with the progress box."""
    job = import_jobs.start(request.user, step, **kwargs)
    if job.finished:
        return finish(request, job, partial=False)
    # While it runs, the progress box stands on the import page of its kind.
    page = PAGES[step.replace("_save", "_check")][0]
    return render(request, page, {"job": job, "elapsed": elapsed_seconds(job)}, status=202)


def finish(request, job: Job, *, partial: bool):
    """The finished job's result, in place (``partial``: the fragment htmx swaps in, always 200 so
    that htmx swaps it) or as the whole page (with its 4xx when the file was refused)."""
    step = job.params["kwargs"]["step"]
    data = job.result_data or {}
    if job.status == "failed":
        data = {"error": job.error, "status": 500}
    if step == "plan_read":
        return _finish_plan(request, job, data, partial)
    if step == "outputs_save":
        return _finish_outputs(request, job, data)
    page, fragment, key = PAGES[step]
    if data.get("error") and step.endswith("_save"):  # refused at saving: back on the import page
        page, fragment = PAGES[step.replace("_save", "_check")][:2]
    context: dict = {}
    status = data.get("status", 200) if data.get("error") else 200
    if data.get("error"):
        context["error"] = data["error"]
    elif step.endswith("_check"):
        context["result"] = data
        if data.get("errors"):
            status = 400
        else:
            request.session[key] = job.params["kwargs"]["path"]
            context["can_save"] = True
    elif step == "units_save":
        request.session.pop(key, None)
        messages.success(
            request,
            _("Đã lưu: %(c)d đơn vị mới, %(u)d đơn vị cập nhật.")
            % {"c": data["created"], "u": data["updated"]},
        )
        return _go(reverse("org:list"), partial)
    elif step == "people_save":
        request.session.pop(key, None)
        context["handed"] = import_jobs.take_passwords(job)
    if partial:
        response = render(request, fragment, context)
    else:
        response = render(request, page, context, status=status)
    if step == "people_save":
        response["Cache-Control"] = "no-store"  # the passwords exist only in this response
    return response


def _finish_plan(request, job: Job, data: dict, partial: bool):
    """The plan is read: keep it in the session and open the review; or say why it was refused."""
    if data.get("error"):
        return render(request, "plans/_import_error.html", {"message": data["error"]})
    return _go(store_plan(request, data), partial)


def store_plan(request, data: dict) -> str:
    """Keep a read plan in the session for the review page; returns the review's address."""
    from kehoach.plans import import_session

    token = import_session.store(
        request.session,
        data["data"],
        source_name=data["source_name"],
        source_sha256=data["source_sha256"],
        source_text=data["source_text"],
    )
    return reverse("plans:import_review", args=[token])


def _finish_outputs(request, job: Job, data: dict):
    """Only polled (the outputs page answers an inline job itself): saved → the list; else the rows."""
    rows = data.get("row_errors") or ([[0, data["error"]]] if data.get("error") else [])
    if not rows:
        messages.success(request, _("Đã nhập %(n)d sản phẩm tuyên truyền.") % {"n": data.get("saved", 0)})
        return _go(reverse("outputs:list"), True)
    return render(request, "setup/_outputs_rows.html", {"row_errors": rows})


def _go(url: str, partial: bool):
    if partial:
        response = HttpResponse("")
        response["HX-Redirect"] = url  # htmx follows it: the next page shows the result
        return response
    return redirect(url)


@login_required
def import_job(request, job_id: int):
    """The progress box htmx polls; once the job is done it answers the result in its place."""
    job = get_object_or_404(Job.objects.for_user(request.user).filter(kind="call"), pk=job_id)
    if job.params.get("kwargs", {}).get("step") not in import_jobs.TITLES:
        raise PermissionDenied
    if job.finished:
        return finish(request, job, partial=bool(request.htmx))
    return render(request, "setup/_import_job.html", {"job": job, "elapsed": elapsed_seconds(job)})


def _upload(request, label: str):
    """The uploaded .xlsx as bytes, or an error message and status."""
    upload = request.FILES.get("file")
    if upload is None:
        return None, label, 400
    if upload.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
        return None, _("Tệp quá lớn: tối đa 20 MB."), 413
    return upload.read(), "", 200


def _import_page(request, *, check: str, save: str, template: str, label: str, again: str):
    _require_admin(request)
    key = PAGES[check][2]
    if request.method == "POST" and request.POST.get("confirm"):
        path = request.session.get(key)
        if not path:
            messages.error(request, _("Phiên nhập đã hết hạn, xin chọn lại tệp."))
            return redirect(again)
        return start_step(request, save, path=path)
    if request.method == "POST":
        raw, error, status = _upload(request, label)
        if raw is None:
            return render(request, template, {"error": error}, status=status)
        return start_step(request, check, path=import_jobs.keep_upload(request.user, raw, ".xlsx"))
    return render(request, template, {})


@login_required
def import_units(request):
    """Bước 1 and 2: choose a file, read what will change; "Lưu" saves all rows or none."""
    return _import_page(
        request,
        check="units_check",
        save="units_save",
        template="org/import.html",
        label=_("Xin chọn tệp .xlsx danh sách đơn vị."),
        again="org:import",
    )


@login_required
def import_template(request):
    """Tệp mẫu danh sách đơn vị (.xlsx)."""
    _require_admin(request)
    response = HttpResponse(unit_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-don-vi.xlsx"'
    return response


@login_required
def import_people(request):
    """Nhập cán bộ: preview who will be created or updated; "Lưu" shows initial passwords once."""
    return _import_page(
        request,
        check="people_check",
        save="people_save",
        template="org/people_import.html",
        label=_("Xin chọn tệp .xlsx danh sách cán bộ (tối đa 20 MB)."),
        again="org:import_people",
    )


@login_required
def people_template(request):
    """Tệp mẫu danh sách cán bộ (.xlsx)."""
    _require_admin(request)
    from kehoach.org import people_import

    response = HttpResponse(people_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response
