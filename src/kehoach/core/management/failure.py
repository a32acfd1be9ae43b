"""Lỗi dòng lệnh: how a management command refuses bad input (one Vietnamese line, exit 2)."""

from django.core.management.base import SystemCheckError


class CommandFailed(SystemCheckError):
    """A refusal said as one line, exit status 2 (like ``kehoach import-plan``), never a traceback.

    Django writes a SystemCheckError as its bare message, where any other CommandError gets an
    English "CommandError: " prefix; it is still a CommandError for ``call_command`` callers.
    """

    def __init__(self, message: str):
        super().__init__(message, returncode=2)
