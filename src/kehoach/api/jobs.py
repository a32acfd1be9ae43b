"""Background jobs (tác vụ nền): ``POST /jobs`` → 202 ``{id, status}``, then ``GET /jobs/{id}``."""

import datetime
import json

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict

from kehoach.api.pagination import PageParams, paginate
from kehoach.core.errors import Forbidden
from kehoach.jobs import services
from kehoach.jobs.models import Job

router = Router(tags=["jobs"])


class JobIn(Schema):
    """``{kind: "report", plan_id, period, format}``; other kinds take their own fields."""

    model_config = ConfigDict(extra="allow")
    kind: str


class JobStarted(Schema):
    id: int
    status: str


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    progress: int
    message: str
    result_url: str | None = None
    result: dict | list | None = None
    error: str | None = None
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None


def job_out(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "result_url": _result_url(job),
        "result": job.result_data,
        "error": job.error or None,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


def _result_url(job: Job) -> str | None:
    """The job's file, or what a finished job made elsewhere (an ``issue`` job: the issued PDF)."""
    if job.has_file:
        return reverse("api:job_result", args=[job.pk])
    if job.status == "done" and isinstance(job.result_data, dict):
        return job.result_data.get("result_url")
    return None


def _visible(request, job_id: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=job_id)
    if not Job.objects.for_user(request.user).filter(pk=job.pk).exists():
        raise Forbidden("Tác vụ này do người khác tạo.")
    return job


@router.post("/jobs", response={202: JobStarted})
def start_job(request, payload: JobIn):
    """Queue a job; the same request again while it runs returns the running job (no second job)."""
    # The kind's own fields are read from the body as sent (the schema only names ``kind``).
    body = json.loads(request.body or b"{}")
    params = {k: v for k, v in body.items() if k != "kind" and v is not None}
    job, _created = services.start_job(request.user, payload.kind, params, from_api=True)
    return Status(202, {"id": job.pk, "status": job.status})


@router.get("/jobs", response=list[JobOut])
def list_jobs(request, response: HttpResponse, page: Query[PageParams]):
    """The caller's jobs, newest first."""
    rows = paginate(request, response, Job.objects.for_user(request.user), page, order=("-created_at", "-id"))
    return [job_out(j) for j in rows]


@router.get("/jobs/{int:job_id}", url_name="job", response=JobOut)
def get_job(request, job_id: int):
    return job_out(_visible(request, job_id))


@router.get("/jobs/{int:job_id}/result", url_name="job_result", response={200: None})
def job_result(request, job_id: int):
    """The job's file once it is done (409 before)."""
    from kehoach.core.errors import Conflict

    job = _visible(request, job_id)
    if not job.has_file:
        raise Conflict("Tác vụ chưa xong hoặc không có tệp kết quả.")
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_type
    )
