"""The SQL twin (``Deliverable.objects.as_of``) says exactly what the pure rule
(``rules.standing.state_on`` / ``is_overdue``) says, for random histories and days,
deadline boundary days included."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.rules import standing
from kehoach.rules.deadlines import Due
from kehoach.tracking.models import Deliverable, Submission
from tests.tracking.helpers import at

pytestmark = pytest.mark.django_db

START = datetime.date(2021, 1, 10)


class _Rollback(Exception):
    pass


day_offsets = st.integers(min_value=0, max_value=90)
history = st.lists(
    st.tuples(day_offsets, st.sampled_from([None, "accepted", "returned"]), st.integers(0, 10)),
    max_size=3,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    due_offset=st.integers(min_value=5, max_value=40),
    inclusive=st.booleans(),
    events=history,
    locked_offset=st.one_of(st.none(), st.integers(0, 100)),
    probes=st.lists(st.integers(min_value=-2, max_value=120), min_size=1, max_size=6),
)
def test_sql_state_equals_the_pure_rule(deliverables, due_offset, inclusive, events, locked_offset, probes):
    d = Deliverable.objects.filter(plan=deliverables, kind="subplan").first()
    due = Due(START + datetime.timedelta(days=due_offset), inclusive)
    probe_days = {START + datetime.timedelta(days=p) for p in probes}
    # The boundary days of the deadline are always probed.
    probe_days |= {due.last_on_time_day, due.last_on_time_day + datetime.timedelta(days=1), due.date}
    try:
        with transaction.atomic():
            Deliverable.objects.filter(pk=d.pk).update(
                due_date=due.date,
                due_inclusive=inclusive,
                locked_on=START + datetime.timedelta(days=locked_offset)
                if locked_offset is not None
                else None,
            )
            facts = []
            for n, (offset, decision, review_after) in enumerate(sorted(events, key=lambda e: e[0]), 1):
                day = START + datetime.timedelta(days=offset)
                late = due.is_late(day)
                reviewed = day + datetime.timedelta(days=review_after) if decision else None
                Submission.objects.create(
                    deliverable=d,
                    number=n,
                    submitted_at=at(day.year, day.month, day.day),
                    is_late=late,
                    text="x",
                    review_decision=decision or "",
                    reviewed_at=at(reviewed.year, reviewed.month, reviewed.day, 15) if reviewed else None,
                )
                facts.append(standing.SubmissionFact(day, late, reviewed, decision))
            for day in sorted(probe_days):
                row = Deliverable.objects.filter(pk=d.pk).as_of(day).get()
                locked_on = (
                    START + datetime.timedelta(days=locked_offset) if locked_offset is not None else None
                )
                expected = standing.state_on(due, facts, day, locked_on=locked_on)
                assert row.state == expected, (day, facts)
                assert row.overdue == standing.is_overdue(expected, due, day), (day, facts)
                assert row.on_time == (expected in standing.HANDED_IN and not facts_last_late(facts, day))
                # The model's own method is the same rule again.
                assert row.state_on(day) == expected
            raise _Rollback
    except _Rollback:
        pass


def facts_last_late(facts, day):
    made = [f for f in facts if f.submitted_on <= day]
    return made[-1].late if made else False


def test_exclusive_deadline_boundary(deliverables):
    """ "trước ngày 26/01/2021": on time through 25/01, overdue from 26/01 on every surface."""
    qs = Deliverable.objects.filter(plan=deliverables, kind="subplan")
    assert not qs.as_of(datetime.date(2021, 1, 25)).filter(overdue=True).exists()
    assert qs.as_of(datetime.date(2021, 1, 26)).filter(overdue=True).count() == qs.count()
