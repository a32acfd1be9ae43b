"""The one django-tasks task behind every job: the queue carries only the job's id."""

try:  # Django 6 has the tasks framework built in; 5.2 uses the backport
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task


@task()
def run_job_task(job_id: int) -> str:
    from kehoach.jobs.services import run_job

    return run_job(job_id)
