from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "kehoach.jobs"
    label = "jobs"
    verbose_name = "Tác vụ nền"

    def ready(self) -> None:
        # Job kinds register themselves on import (report, call); others add theirs the same way.
        from kehoach.jobs import kinds  # noqa: F401
