"""Labels that the pure-Python rules give in both languages, picked for the active language.

The rules (``kehoach.rules``) know nothing of Django, so they carry Vietnamese and English
labels side by side; pages pick one here, lazily, so model choices follow the language too.
"""

from django.utils.functional import lazy
from django.utils.translation import get_language

from kehoach.rules.task_state import (
    DELIVERABLE_STATUS_LABELS_EN,
    DELIVERABLE_STATUS_LABELS_VI,
    STATE_LABELS_EN,
    STATE_LABELS_VI,
)


def _pick(vi: str, en: str) -> str:
    return en if (get_language() or "vi").startswith("en") else vi


pick = lazy(_pick, str)


def state_label(code: str) -> str:
    """Task state (Hoàn thành đúng hạn / Completed on time ...) in the active language."""
    return _pick(STATE_LABELS_VI[code], STATE_LABELS_EN[code])


def deliverable_label(code: str):
    """Deliverable status (Chưa nộp / Not submitted ...), lazily, for model choices."""
    return pick(DELIVERABLE_STATUS_LABELS_VI[code], DELIVERABLE_STATUS_LABELS_EN[code])
