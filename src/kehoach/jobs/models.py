"""Tác vụ nền (background jobs): a long piece of work a person started and waits for.

The queue itself is django-tasks' database backend (``django_tasks_db``): a ``Job`` row is what
people see (kind, progress, result), the task row is what a worker claims. Both are written in
the same transaction, so a job is never queued without its row nor shown without its task.
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def dedupe_key(kind: str, params: dict) -> str:
    """sha256 of kind + params: the same request is the same job (``Job.dedupe_key``)."""
    raw = json.dumps({"kind": kind, "params": params}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


class JobQuerySet(models.QuerySet):
    def for_user(self, user) -> "JobQuerySet":
        """A person sees the jobs they started; a superuser sees all."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(created_by=user)

    def active(self) -> "JobQuerySet":
        return self.filter(status__in=ACTIVE)


class Job(models.Model):
    """Tác vụ nền: compiling a report, importing a plan, a status refresh, a bulk upload."""

    kind = models.CharField("loại tác vụ", max_length=40)
    title = models.CharField("tên tác vụ", max_length=200, blank=True)
    params = models.JSONField("tham số", default=dict, blank=True)
    # sha256 of kind + params: a second click on the same button finds the running job.
    dedupe_key = models.CharField("khóa chống trùng", max_length=64)
    status = models.CharField("trạng thái", max_length=10, choices=JobStatus, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.CharField("thông báo", max_length=200, blank=True)
    result_file = models.FileField("tệp kết quả", upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField("tên tệp kết quả", max_length=200, blank=True)
    result_type = models.CharField("kiểu tệp kết quả", max_length=120, blank=True)
    result_data = models.JSONField("kết quả", null=True, blank=True)
    error = models.TextField("lỗi", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name="người tạo"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    # Written with every progress step: a running job whose worker stopped writing is re-queued.
    heartbeat_at = models.DateTimeField("lần báo gần nhất", null=True, blank=True)
    worker = models.CharField("tiến trình xử lý (máy:pid)", max_length=120, blank=True)
    task_id = models.CharField("mã trong hàng đợi", max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "tác vụ nền"
        verbose_name_plural = "tác vụ nền"
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "dedupe_key"],
                condition=Q(status__in=["queued", "running"]),
                name="jobs_one_active_per_key",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="jobs_progress_max_100"),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="jobs_status_heartbeat_idx")]

    def __str__(self) -> str:
        return f"{self.title or self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def has_file(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.result_file)
