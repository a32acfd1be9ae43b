"""The leader's home: "Từ lần xem trước" counts what happened since the last visit, as of now."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from kehoach.org.models import HomeVisit
from kehoach.rules.visits import VISIT_GAP, next_visit

TZ = datetime.timezone(datetime.timedelta(hours=7))
MON = datetime.datetime(2021, 6, 21, 8, 0, tzinfo=TZ)  # the leader looks on Monday morning...
WED = datetime.datetime(2021, 6, 23, 16, 0, tzinfo=TZ)  # ... and again on Wednesday afternoon


def count(html: str, key: str) -> int:
    m = re.search(rf'data-count="since-{key}"><span class="big">(\d+)', html)
    assert m, f"no counted link since-{key} on the page"
    return int(m.group(1))


# --- the pure rule ---------------------------------------------------------------------------
def test_first_look_has_no_window():
    assert next_visit(None, None, MON) == (None, MON)


def test_a_reload_within_the_visit_keeps_its_window():
    assert next_visit(MON, WED, WED + datetime.timedelta(minutes=20)) == (
        MON,
        WED + datetime.timedelta(minutes=20),
    )


def test_a_look_after_a_pause_starts_at_the_last_look():
    assert next_visit(None, MON, WED) == (MON, WED)


times = st.datetimes(min_value=datetime.datetime(2021, 1, 1), max_value=datetime.datetime(2030, 1, 1))


@given(st.lists(times, min_size=1, max_size=12))
def test_the_window_never_starts_after_the_last_look_and_never_moves_back(looks):
    since, seen = None, None
    for now in sorted(looks):
        new_since, new_seen = next_visit(since, seen, now)
        assert new_seen == now
        if new_since is not None:
            assert new_since <= new_seen
            assert since is None or new_since >= since
            assert new_since == since or now - new_since > VISIT_GAP
        since, seen = new_since, new_seen


# --- the page --------------------------------------------------------------------------------
@pytest.fixture
def plan(plan):
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan, today=datetime.date(2021, 1, 25))
    return plan


def _users(*names):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    return [users[n] for n in names]


def test_leader_sees_what_happened_since_the_last_visit(web, plan, org):
    from kehoach.budgets import services as budgets
    from kehoach.public.services import submit_feedback
    from kehoach.tracking import selectors
    from kehoach.tracking import services as tracking
    from kehoach.tracking.models import Deliverable

    phuocdan, noivu, tckh, lanhdao = _users("phuocdan", "noivu", "tckh", "lanhdao")
    with time_machine.travel(MON, tick=False):
        html = web("lanhdao").get("/").content.decode()
    assert "Đây là lần đầu bạn mở trang này" in html
    old = budgets.create_estimate(phuocdan, plan, org["phuocdan"], "state_budget", [("In tờ gấp", 5_000_000)])
    budgets.appraise(old, tckh, 4_000_000)  # before the window: not counted

    # Between the two visits: two reports, one accepted; a budget appraised, another approved;
    # a citizen's feedback.
    with time_machine.travel(MON + datetime.timedelta(hours=3), tick=False):
        hk = Deliverable.objects.get(plan=plan, unit=org["phuocdan"], kind="report", period="2021-H1")
        tracking.submit(hk, phuocdan, text="Báo cáo 6 tháng", version=hk.version)
        hk.refresh_from_db()
        tracking.review(hk, noivu, decision="accept", comment="", version=hk.version)
        other = Deliverable.objects.get(plan=plan, unit=org["phuochau"], kind="report", period="2021-H1")
        tracking.submit(other, _users("phuochau")[0], text="Báo cáo 6 tháng", version=other.version)
        new = budgets.create_estimate(phuocdan, plan, org["phuocdan"], "state_budget", [("Pa nô", 3_000_000)])
        budgets.appraise(new, tckh, 3_000_000)
        old.refresh_from_db()
        budgets.approve(old, lanhdao, 4_000_000)
        submit_feedback(content="Thủ tục cấp giấy phép xây dựng còn chậm, đề nghị rút ngắn thời gian.")

    with time_machine.travel(WED, tick=False):
        client = web("lanhdao")  # signed in again: a visit outlives a session
        html = client.get("/").content.decode()
        newly = (
            selectors.overdue(None, WED.date())
            .exclude(pk__in=selectors.overdue(None, MON.date()).values("pk"))
            .count()
        )
    assert "08:00 21/06/2021" in html and "16:00 23/06/2021" in html
    assert count(html, "submitted") == 2
    assert count(html, "accepted") == 1
    assert count(html, "appraised") == 1
    assert count(html, "approved") == 1
    assert count(html, "feedback") == 1
    assert newly > 0  # the 6-month reports were due on Monday (21/06): those still owed are late now
    assert count(html, "overdue") == newly == 20  # 22 communes and offices owed it, 2 handed in
    # A reload a few minutes later keeps the same window (the counts do not drop to zero).
    with time_machine.travel(WED + datetime.timedelta(minutes=10), tick=False):
        again = client.get("/").content.decode()
    assert count(again, "submitted") == 2
    assert HomeVisit.objects.get(user=lanhdao).since == MON


def test_only_the_leader_has_the_panel_and_no_one_else_is_marked(web, plan):
    for who in ("noivu", "phuocdan", "tckh"):
        assert "Từ lần xem trước" not in web(who).get("/").content.decode()
    assert not HomeVisit.objects.exists()
