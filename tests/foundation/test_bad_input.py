"""Bad input gets a clear 4xx and loses nothing: never a 500, never a half-save."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from kehoach.fulfilment.broadcasts import record_broadcast
from kehoach.outputs.models import Broadcast
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import generate_deliverables


@pytest.fixture
def report(plan, org):
    generate_deliverables(plan)
    return Deliverable.objects.get(plan=plan, unit=org["phuocdan"], kind="report", period="2021-H1")


@pytest.mark.parametrize(
    "body",
    [
        '{"text": "ok", "figures": {"outputs": 1e999}}',
        '{"text": "ok", "figures": {"outputs": NaN}}',
        '{"text": "ok", "figures": {"a": {"b": {"c": 1}}}}',
        '{"text": "ok", "figures": ' + "[" * 50_000 + "]" * 50_000 + "}",
    ],
    ids=["infinite", "nan", "too-deep", "pathologically-nested"],
)
def test_junk_figures_are_refused_with_400(api, report, body):
    response = api("phuocdan").post(
        f"/api/v1/deliverables/{report.pk}/submit", body, content_type="application/json"
    )
    assert response.status_code in (400, 422), response.content[:200]
    assert response.json()["detail"]
    report.refresh_from_db()
    assert report.status in ("pending", "missed") and not report.submissions.exists()


def test_nul_characters_are_refused_before_they_reach_the_database(api, report):
    response = api("phuocdan").post(
        f"/api/v1/deliverables/{report.pk}/submit", '{"text": "a\\u0000b"}', content_type="application/json"
    )
    assert response.status_code == 422
    assert not report.submissions.exists()
    public = api(None).post(
        "/api/v1/public/feedback", '{"content": "Thủ tục\\u0000 chậm quá"}', content_type="application/json"
    )
    assert public.status_code == 422


def test_a_junk_version_on_a_page_form_is_a_400_not_a_500(web, plan, org):
    from kehoach.budgets.models import Budget
    from kehoach.budgets.services import create_estimate

    user = get_user_model().objects.get(username="phuocdan")
    budget = create_estimate(
        user, plan, org["phuocdan"], "state_budget", [{"description": "In tờ gấp", "amount": 1_000_000}]
    )
    Budget.objects.filter(pk=budget.pk).update(status="returned")
    response = web("phuocdan").post(f"/budgets/{budget.pk}/", {"action": "revise", "version": "abc"})
    assert response.status_code in (400, 409)


def test_logging_a_broadcast_is_all_or_nothing(plan, org):
    """If the week's deliverable cannot be brought up to date, the airing is not kept either."""
    generate_deliverables(plan)
    radio = get_user_model().objects.get(username="vhtt")
    data = {
        "unit_id": org["vhtt"].pk,
        "aired_at": "2021-03-09T18:00:00+07:00",
        "minutes": 12,
        "title": "CCHC",
    }
    failing_sync = mock.patch(
        "kehoach.fulfilment.broadcasts.sync_unit_week", side_effect=RuntimeError("boom")
    )
    with failing_sync, pytest.raises(RuntimeError):
        record_broadcast(radio, data)
    assert not Broadcast.objects.exists()
    record_broadcast(radio, data)
    assert Broadcast.objects.count() == 1
    assert Deliverable.objects.get(plan=plan, kind="broadcast", period="2021-W10").status == "accepted"
