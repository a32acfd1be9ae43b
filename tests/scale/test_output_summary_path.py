"""What the daily summary of outputs costs and saves (issue 11): one INSERT per write, one query
per figure read whatever the number of outputs, and a bulk delete keeps it equal."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.outputs import selectors, services, summaries
from kehoach.outputs.models import Output, OutputDailySummary
from kehoach.reports import selectors as report_selectors

pytestmark = pytest.mark.django_db

SUMMARY = '"outputs_outputdailysummary"'


def _admin():
    return get_user_model().objects.create(username="path-admin", is_superuser=True)


def _data(org, plan, **extra):
    return {
        "unit_id": org["vhtt"].pk,
        "plan_id": plan.pk,
        "date": "2021-03-01",
        "form": "website_article",
        "topics": ["policy", "indices"],
        "title": "Bài CCHC",
        **extra,
    }


def test_a_write_appends_its_rows_in_one_insert_and_a_delete_too(org, kh_plan):
    """No upsert: a write never waits on a row another writer holds (the all-units row of a day)."""
    admin = _admin()
    with CaptureQueriesContext(connection) as ctx:
        out = services.log_output(admin, _data(org, kh_plan))
    touching = [q["sql"] for q in ctx.captured_queries if SUMMARY in q["sql"]]
    assert len(touching) == 1 and touching[0].startswith("INSERT") and "ON CONFLICT" not in touching[0]
    with CaptureQueriesContext(connection) as ctx:
        services.delete_output(admin, out)
    touching = [q["sql"] for q in ctx.captured_queries if SUMMARY in q["sql"]]
    assert [s.split()[0] for s in touching] == ["INSERT"]
    assert summaries.stored() == {}
    summaries.compact()
    assert not OutputDailySummary.objects.exists()  # folded to nothing


def test_figures_are_one_query_however_many_outputs(org, kh_plan, django_assert_num_queries):
    admin = _admin()
    start, end = datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)
    for n in (1, 30):
        for i in range(n):
            services.log_output(admin, _data(org, kh_plan, date=f"2021-0{1 + i % 6}-0{1 + i % 9}"))
        with django_assert_num_queries(1):
            summary = report_selectors.outputs_summary(kh_plan, start, end)
        with django_assert_num_queries(1):
            counts = report_selectors.output_counts(kh_plan, start, end)
        assert summary["total"] == counts[org["vhtt"].pk] == Output.objects.filter(date__lte=end).count()
        assert {r["key"] for r in summary["by_topic"]} == {"policy", "indices"}


def test_a_queryset_delete_takes_its_rows_away_too(org, kh_plan):
    admin = _admin()
    for form in ("website_article", "leaflet", "leaflet"):
        services.log_output(admin, _data(org, kh_plan, form=form))
    Output.objects.filter(form="leaflet").delete()
    assert summaries.stored() == summaries.recount(Output.objects.all())
    assert [r["key"] for r in selectors.counted_by_form(None, None, None, None)] == ["website_article"]
