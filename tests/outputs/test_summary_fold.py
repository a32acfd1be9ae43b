"""The daily summary of outputs is appended by each write and folded by the job worker (issue 11)."""

import json
import threading

import pytest
from django.contrib.auth import get_user_model

from kehoach.jobs.management.commands.worker import _compact_forever
from kehoach.outputs import services, summaries
from kehoach.outputs.models import Output, OutputDailySummary


def _post(client, body):
    r = client.post("/api/v1/outputs", json.dumps(body), content_type="application/json")
    assert r.status_code == 201, r.content
    return r.json()


@pytest.mark.django_db(transaction=True)  # the worker's thread has its own connection: it must see the rows
def test_writes_append_rows_and_the_worker_folds_them_into_one_a_key(api, org):
    client = api("vhtt")
    body = {"unit_id": org["vhtt"].pk, "date": "2021-03-01", "form": "website_article", "title": "Bài CCHC"}
    for i in range(3):
        _post(client, {**body, "title": f"Bài {i}"})
    gone = _post(client, {**body, "title": "Bài bị xóa"})
    user = get_user_model().objects.get(username="vhtt")
    services.delete_output(user, Output.objects.get(pk=gone["id"]))
    # Each write appended its rows (its unit's and the all-units rollup), the delete its negatives:
    # nobody waited on a shared row, and every reader sums them.
    rows = OutputDailySummary.objects.filter(day="2021-03-01", form="website_article", topic="")
    assert rows.count() == 10
    figures = summaries.stored()
    assert figures == summaries.recount(Output.objects.all())

    stop = threading.Event()
    stop.set()  # one pass (the one at start), then return
    worker = threading.Thread(target=_compact_forever, args=(stop,))
    worker.start()
    worker.join()

    assert rows.count() == 2  # one row a key: the unit's, all units'
    assert set(rows.values_list("count", flat=True)) == {3}
    assert summaries.stored() == figures
