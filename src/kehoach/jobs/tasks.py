"""The worker's entry point: the one django-tasks task behind every job (defined with the service)."""

from kehoach.jobs.services import run_job_task

__all__ = ["run_job_task"]
