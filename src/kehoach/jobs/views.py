"""Pages of background jobs: start one from any page (htmx), watch its progress, download its file."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kehoach.core.errors import DomainError
from kehoach.jobs import services
from kehoach.jobs.models import Job

# Form fields that are not job parameters.
_NOT_PARAMS = {"csrfmiddlewaretoken", "kind"}


def _context(job: Job) -> dict:
    return {"job": job, "elapsed": services.elapsed_seconds(job)}


@login_required
@require_POST
def start(request):
    """Start a job from a page's button (``{% job_button %}``); htmx gets the progress partial in place."""
    params = {k: v for k, v in request.POST.items() if k not in _NOT_PARAMS}
    try:
        job, _created = services.start_job(request.user, request.POST.get("kind", ""), params, from_api=True)
    except DomainError as exc:
        status = 404 if exc.status == 403 else exc.status  # another unit's plan: as if it did not exist
        return render(request, "jobs/_error.html", {"message": exc.message}, status=status)
    if request.htmx:
        return render(request, "jobs/_progress.html", _context(job))
    return redirect("jobs:detail", job_id=job.pk)


def _own(request, job_id: int) -> Job:
    job = get_object_or_404(Job.objects.for_user(request.user), pk=job_id)
    return job


@login_required
def detail(request, job_id: int):
    return render(request, "jobs/detail.html", _context(_own(request, job_id)))


@login_required
def progress(request, job_id: int):
    """The partial that htmx polls each second until the job is done or failed."""
    return render(request, "jobs/_progress.html", _context(_own(request, job_id)))


@login_required
def download(request, job_id: int):
    job = _own(request, job_id)
    if not job.has_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_type
    )
