"""Aggregates at the speed of SQL (issue 11) say what the slow ways said.

- ``Deliverable.objects.as_of`` joins the latest version by a day through
  ``Submission.superseded_at``; that column follows every way versions are added, moved or removed.
- ``outputs_breakdown`` (one grouped pass) equals ``outputs_by`` per dimension and a plain count.
"""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.outputs import selectors as output_selectors
from kehoach.outputs.models import TOPIC_LABELS, Output
from kehoach.rules import standing
from kehoach.tracking import selectors as tracking_selectors
from kehoach.tracking.models import Deliverable, Submission
from tests.tracking.helpers import at

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _state(d, day):
    return Deliverable.objects.filter(pk=d.pk).as_of(day).get().state


def test_a_version_added_back_in_time_is_linked_before_the_later_one(deliverables):
    d = Deliverable.objects.filter(plan=deliverables, kind="subplan").first()
    late = Submission.objects.create(deliverable=d, number=1, submitted_at=at(2021, 3, 1), is_late=True)
    # Entered afterwards (the admin, an import of old records) but made earlier, and accepted.
    early = Submission.objects.create(
        deliverable=d,
        number=2,
        submitted_at=at(2021, 1, 15),
        review_decision="accepted",
        reviewed_at=at(2021, 1, 16),
    )
    late.refresh_from_db()
    early.refresh_from_db()
    assert early.superseded_at == late.submitted_at and late.superseded_at is None
    assert _state(d, datetime.date(2021, 1, 20)) == "accepted"
    assert _state(d, datetime.date(2021, 3, 1)) == "late"
    assert _state(d, datetime.date(2021, 1, 14)) == "pending"


def test_removing_or_moving_a_version_relinks_the_rest(deliverables):
    d = Deliverable.objects.filter(plan=deliverables, kind="subplan").first()
    first = Submission.objects.create(deliverable=d, number=1, submitted_at=at(2021, 1, 15))
    second = Submission.objects.create(deliverable=d, number=2, submitted_at=at(2021, 2, 1), is_late=True)
    assert _state(d, datetime.date(2021, 2, 2)) == "late"
    second.submitted_at = at(2021, 1, 10)  # moved before the first: the first is the latest again
    second.save()
    first.refresh_from_db()
    assert first.superseded_at is None and _state(d, datetime.date(2021, 2, 2)) == "submitted"
    first.delete()
    second.refresh_from_db()
    assert second.superseded_at is None and _state(d, datetime.date(2021, 2, 2)) == "late"


def test_two_versions_at_the_same_instant_the_higher_number_decides(deliverables):
    d = Deliverable.objects.filter(plan=deliverables, kind="subplan").first()
    Submission.objects.create(deliverable=d, number=1, submitted_at=at(2021, 1, 15), is_late=True)
    Submission.objects.create(deliverable=d, number=2, submitted_at=at(2021, 1, 15))
    assert _state(d, datetime.date(2021, 1, 15)) == "submitted"


def test_completeness_is_one_query_however_many_versions(deliverables, django_assert_num_queries):
    reports = list(Deliverable.objects.filter(plan=deliverables, kind="report", period="2021-H1"))
    for n, d in enumerate(reports):
        for k in range(1 + n % 3):
            Submission.objects.create(deliverable=d, number=k + 1, submitted_at=at(2021, 6, 1 + k))
    with django_assert_num_queries(1):
        figures = tracking_selectors.completeness(deliverables, "2021-H1", as_of=datetime.date(2021, 7, 1))
    # Each deliverable counts once, however many versions it has.
    assert figures["submitted"] == len(reports)
    assert sum(u["expected"] for u in figures["by_unit"]) == len(reports)


def test_as_of_counts_each_deliverable_once(deliverables):
    d = Deliverable.objects.filter(plan=deliverables, kind="subplan").first()
    for k in range(3):
        Submission.objects.create(deliverable=d, number=k + 1, submitted_at=at(2021, 1, 11 + k))
    qs = Deliverable.objects.filter(plan=deliverables).as_of(datetime.date(2021, 2, 1))
    assert qs.count() == Deliverable.objects.filter(plan=deliverables).count()
    assert qs.get(pk=d.pk).state == standing.SUBMITTED


topic_codes = list(TOPIC_LABELS) + ["unknown-topic"]
outputs_strategy = st.lists(
    st.tuples(
        st.sampled_from(["leaflet", "website_article", "conference", "loudspeaker"]),
        st.integers(1, 6),  # month
        st.lists(st.sampled_from(topic_codes), max_size=4),  # duplicates and unknown codes allowed
        st.integers(0, 50),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=outputs_strategy)
def test_breakdown_in_one_pass_equals_each_dimension_and_a_plain_count(org, rows):
    unit = org["phuocdan"]
    try:
        with transaction.atomic():
            Output.objects.all().delete()
            for form, month, topics, qty in rows:
                Output.objects.create(
                    unit=unit,
                    date=datetime.date(2021, month, 3),
                    title="x",
                    form=form,
                    topics=topics,
                    quantity=qty,
                )
            qs = Output.objects.filter(date__year=2021)
            one_pass = output_selectors.outputs_breakdown(qs)
            for dim in ("form", "month", "topic"):
                assert one_pass[dim] == output_selectors.outputs_by(dim, qs), dim
            count, quantity = Counter(), Counter()
            for _form, _month, topics, qty in rows:
                for t in set(topics) & set(TOPIC_LABELS):
                    count[t] += 1
                    quantity[t] += qty
            assert {r["key"]: (r["count"], r["quantity"]) for r in one_pass["topic"]} == {
                t: (count[t], quantity[t]) for t in count
            }
            raise _Rollback
    except _Rollback:
        pass
