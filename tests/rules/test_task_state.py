from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.deadlines import Due
from kehoach.rules.task_state import (
    DELIVERABLE_STATUS_LABELS_VI,
    DELIVERABLE_STATUSES,
    STATE_LABELS_VI,
    activity_state,
    deliverable_status,
)

Q1_START, Q1_END = date(2021, 1, 1), date(2021, 3, 31)


def state(progress, today, completed_on=None, start=Q1_START, end=Q1_END):
    return activity_state(start=start, end=end, progress=progress, completed_on=completed_on, today=today)


def test_labels_use_the_government_words():
    assert STATE_LABELS_VI == {
        "not_started": "Chưa bắt đầu",
        "in_progress": "Đang thực hiện trong hạn",
        "overdue": "Quá hạn",
        "done_on_time": "Hoàn thành đúng hạn",
        "done_late": "Hoàn thành quá hạn",
    }


def test_completed_by_the_end_is_done_on_time():
    assert state(100, date(2021, 5, 1), completed_on=date(2021, 3, 31)) == "done_on_time"


def test_completed_after_the_end_is_done_late():
    assert state(100, date(2021, 5, 1), completed_on=date(2021, 4, 1)) == "done_late"


def test_done_without_end_is_on_time():
    assert state(100, date(2021, 5, 1), completed_on=date(2021, 12, 1), end=None) == "done_on_time"


def test_done_without_completion_date_is_taken_as_on_time():
    assert state(100, date(2021, 5, 1)) == "done_on_time"


def test_unfinished_after_the_end_is_overdue():
    assert state(90, date(2021, 4, 1)) == "overdue"
    assert state(0, date(2021, 4, 1)) == "overdue"


def test_unfinished_on_the_end_day_is_still_in_progress():
    assert state(50, Q1_END) == "in_progress"


def test_before_the_start_with_no_progress_is_not_started():
    assert state(0, date(2021, 2, 1), start=date(2021, 4, 1), end=date(2021, 6, 30)) == "not_started"


def test_progress_before_the_start_counts_as_in_progress():
    assert state(10, date(2021, 2, 1), start=date(2021, 4, 1), end=date(2021, 6, 30)) == "in_progress"


def test_regular_activity_without_dates_is_in_progress():
    assert state(0, date(2021, 2, 1), start=None, end=None) == "in_progress"


@pytest.mark.parametrize("progress", [-1, 101, 50.5, True])
def test_progress_outside_0_100_is_rejected(progress):
    with pytest.raises(ValueError):
        state(progress, date(2021, 2, 1))


@given(
    st.integers(0, 100),
    st.dates(date(2020, 1, 1), date(2022, 12, 31)),
    st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2022, 12, 31))),
)
def test_activity_state_is_one_of_the_five_codes(progress, today, completed_on):
    s = state(progress, today, completed_on=completed_on)
    assert s in STATE_LABELS_VI
    assert s.startswith("done") == (progress == 100)


# --- deliverables ---------------------------------------------------------------------------

SUBPLAN_DUE = Due.before(date(2021, 1, 26))  # "trước ngày 26/01/2021"


def status(submitted_on=None, review=None, today=date(2021, 1, 20), locked=False, **kw):
    return deliverable_status(
        due=SUBPLAN_DUE, submitted_on=submitted_on, review=review, today=today, locked=locked, **kw
    )


def test_deliverable_labels():
    assert [DELIVERABLE_STATUS_LABELS_VI[s] for s in DELIVERABLE_STATUSES] == [
        "Chưa nộp",
        "Đã nộp",
        "Nộp trễ hạn",
        "Đã tiếp nhận",
        "Bị trả lại",
        "Không nộp",
    ]


def test_not_submitted_before_the_deadline_is_pending():
    assert status() == "pending"


def test_submitted_on_the_last_day_before_an_exclusive_deadline_is_on_time():
    assert status(submitted_on=date(2021, 1, 25)) == "submitted"


def test_submitted_on_the_exclusive_deadline_day_is_late():
    assert status(submitted_on=date(2021, 1, 26)) == "late"


def test_review_decides_the_status():
    assert status(submitted_on=date(2021, 1, 20), review="accepted") == "accepted"
    assert status(submitted_on=date(2021, 1, 27), review="returned") == "returned"


def test_unsubmitted_within_the_grace_period_is_still_pending():
    assert status(today=date(2021, 2, 24)) == "pending"  # 30 days after 25/01


def test_unsubmitted_after_the_grace_period_is_missed():
    assert status(today=date(2021, 2, 25)) == "missed"
    assert status(today=date(2021, 1, 30), grace_days=3) == "missed"


def test_unsubmitted_in_a_locked_window_is_missed():
    assert status(locked=True) == "missed"


def test_review_without_submission_or_unknown_review_is_rejected():
    with pytest.raises(ValueError):
        status(review="accepted")
    with pytest.raises(ValueError):
        status(submitted_on=date(2021, 1, 20), review="maybe")
