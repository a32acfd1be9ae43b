import pytest

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queued(settings):
    """Jobs wait in the database queue for a worker, as in production."""
    settings.TASKS = DB_QUEUE
    settings.KEHOACH_JOB_CALL_MODULES = ["kehoach.", "tests."]


@pytest.fixture
def inline(settings):
    settings.KEHOACH_JOB_CALL_MODULES = ["kehoach.", "tests."]
