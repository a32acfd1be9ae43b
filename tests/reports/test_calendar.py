"""Calendar feeds: deadlines on the last day on time, activity spans, private token links."""

import re

from icalendar import Calendar


def _events(content: bytes) -> list:
    return [c for c in Calendar.from_ical(content).walk("VEVENT")]


def test_coordinator_calendar_has_the_subplan_deadline_on_25_january(demo, api):
    r = api("noivu").get(f"/api/v1/plans/{demo.pk}/calendar.ics")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    events = _events(r.content)
    subplan = [e for e in events if "kế hoạch tuyên truyền" in str(e["summary"]).lower()]
    assert subplan, [str(e["summary"]) for e in events][:5]
    e = subplan[0]
    assert e["dtstart"].dt.isoformat() == "2021-01-25"
    assert e["dtend"].dt.isoformat() == "2021-01-26"  # all-day: DTEND is exclusive
    assert "hạn: trước ngày 26/01/2021" in str(e["description"])
    assert re.search(r"\(\d+ đơn vị\)", str(e["summary"]))  # grouped for the coordinator


def test_activity_time_frames_are_all_day_spans(plan, api):
    events = _events(api("noivu").get(f"/api/v1/plans/{plan.pk}/calendar.ics").content)
    spans = [e for e in events if str(e["summary"]).startswith("Nhiệm vụ 4")]
    assert (
        spans
        and spans[0]["dtstart"].dt.isoformat() == "2021-01-01"
        and spans[0]["dtend"].dt.isoformat() == "2021-04-01"
    )


def test_unit_calendar_has_only_its_own_deadlines(demo, api):
    events = _events(api("phuocdan").get(f"/api/v1/plans/{demo.pk}/calendar.ics").content)
    deadlines = [str(e["summary"]) for e in events if str(e["summary"]).startswith("Hạn")]
    assert deadlines and all("Phước Dân" in s for s in deadlines)


def test_anonymous_calendar_is_401(plan, api):
    assert api(None).get(f"/api/v1/plans/{plan.pk}/calendar.ics").status_code == 401


def test_private_link_works_without_sign_in_until_revoked(plan, web):
    client = web("phuocdan")
    r = client.post("/dashboard/calendar/", {"action": "create", "label": "Điện thoại"})
    assert r.status_code == 200
    url = re.search(r'value="(http://testserver/dashboard/ics/[^"]+\.ics)"', r.content.decode()).group(1)
    anonymous = web(None)
    feed = anonymous.get(url.replace("http://testserver", ""))
    assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.content
    from kehoach.reports.models import CalendarToken

    token = CalendarToken.objects.get(user__username="phuocdan")
    assert token.key_hash not in url  # only the hash is stored
    r = client.post("/dashboard/calendar/", {"action": "revoke", "token": token.pk})
    assert r.status_code == 302
    assert anonymous.get(url.replace("http://testserver", "")).status_code == 404


def test_someone_else_cannot_revoke_my_link(plan, web):
    from django.contrib.auth import get_user_model

    from kehoach.reports.services import create_calendar_token

    token, _key = create_calendar_token(get_user_model().objects.get(username="phuocdan"))
    r = web("phuochau").post("/dashboard/calendar/", {"action": "revoke", "token": token.pk})
    assert r.status_code == 400
    token.refresh_from_db()
    assert token.revoked_at is None


def test_unknown_key_is_404(org, web):
    assert web(None).get("/dashboard/ics/not-a-key.ics").status_code == 404


def test_calendar_page_needs_sign_in(org, web):
    r = web(None).get("/dashboard/calendar/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_broadcast_weeks_span_the_whole_week(demo, api):
    events = _events(api("vhtt").get(f"/api/v1/plans/{demo.pk}/calendar.ics").content)
    week = next(e for e in events if str(e["summary"]).startswith("Phát sóng chuyên mục CCHC Tuần 05/2021"))
    assert week["dtstart"].dt.isoformat() == "2021-02-01" and week["dtend"].dt.isoformat() == "2021-02-08"
