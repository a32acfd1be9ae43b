"""Trang nhật ký (/audit/): people's words, filters, paging, coordinators only, fixed query count."""

import datetime
import html

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kehoach.core.audit import acting_as, record
from kehoach.core.models import AuditEntry

User = get_user_model()


def _client(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def history(kh_plan, org):
    """An estimate by a commune officer, a plan change by the coordinator, an automatic change."""
    from kehoach.budgets.services import create_estimate

    officer = User.objects.get(username="phuocdan")
    coordinator = User.objects.get(username="noivu")
    budget = create_estimate(officer, kh_plan, org["phuocdan"], "state_budget", [("In tờ gấp", 4_500_000)])
    with acting_as(coordinator):
        kh_plan.status = "closed"
        kh_plan.issued_on = datetime.date(2021, 1, 20)
        kh_plan.save()
    with acting_as(None):
        record(kh_plan, "update", {"status": ["closed", "issued"]}, verb="tự động mở lại")
    return {"budget": budget, "plan": kh_plan}


def test_entries_are_in_peoples_words(history):
    page = _text(_client("noivu").get("/audit/"))
    # Kinds of object and fields by their Vietnamese names, not model and field names.
    assert "Dự toán kinh phí" in page and "budgets.budget" not in page.split("<tbody>")[1]
    assert "Tổng dự toán (đồng): — → 4.500.000 đ" in page
    assert "Nguồn kinh phí: — → Ngân sách nhà nước" in page
    # Status names, dates dd/mm/yyyy, never ISO.
    assert "Trạng thái: Đã ban hành → Đã kết thúc" in page
    assert "Ngày ban hành: 25/01/2021 → 20/01/2021" in page
    assert "2021-01-20" not in page
    # Who: the person's name and unit; "Hệ thống" for automatic changes.
    officer = User.objects.get(username="phuocdan")
    assert officer.get_full_name() in page
    assert "Hệ thống" in page and "tự động mở lại" in page
    assert "Kế hoạch: — → 19/KH-UBND" in page  # a foreign key by the name of what it points to
    # When: dd/mm/yyyy HH:MM.
    entry = AuditEntry.objects.first()
    from django.utils import timezone

    assert timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M") in page


def test_filter_by_object_type_person_and_dates(history):
    client = _client("noivu")
    budgets = _text(client.get("/audit/", {"model": "budgets.budget"}))
    assert "Dự toán kinh phí" in budgets and "Trạng thái: Đã ban hành → Đã kết thúc" not in budgets
    system = _text(client.get("/audit/", {"actor": "system"}))
    assert "tự động mở lại" in system and "Ngân sách nhà nước" not in system
    officer = User.objects.get(username="phuocdan")
    mine = client.get("/audit/", {"actor": str(officer.pk)})
    assert {r.entry.actor_id for r in mine.context["rows"]} == {officer.pk}
    today = datetime.date.today()
    past = client.get("/audit/", {"since": "01/01/2020", "until": "31/12/2020"})
    assert past.status_code == 200 and past.context["rows"] == []
    now = client.get("/audit/", {"since": today.strftime("%d/%m/%Y"), "until": today.strftime("%d/%m/%Y")})
    assert len(now.context["rows"]) == min(50, AuditEntry.objects.count())


def test_bad_filters_say_so_in_vietnamese(history):
    client = _client("noivu")
    response = client.get("/audit/", {"since": "31/02/2021"})
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in _text(response)
    response = client.get("/audit/", {"since": "02/02/2021", "until": "01/02/2021"})
    assert response.status_code == 400 and "phải trước" in _text(response)
    assert client.get("/audit/", {"actor": "999999"}).status_code == 400


def test_the_log_is_paginated(history):
    with acting_as(None):
        for i in range(60):
            record(history["plan"], "action", {}, verb=f"thao tác {i}")
    client = _client("noivu")
    first = client.get("/audit/")
    pages = first.context["page"].paginator.num_pages
    assert len(first.context["rows"]) == 50 and pages >= 2 and f"Trang 1/{pages}" in _text(first)
    assert client.get("/audit/", {"page": 2}).context["page"].number == 2


def test_only_coordinators_see_the_log(history):
    assert _client("phuocdan").get("/audit/").status_code == 403
    assert _client("tckh").get("/audit/").status_code == 403
    anonymous = _client(None).get("/audit/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_query_count_does_not_grow_with_rows(history):
    client = _client("noivu")
    client.get("/audit/")  # warm the session and caches

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/audit/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    users = list(User.objects.all()[:5])
    for i, user in enumerate(users * 8):
        with acting_as(user):
            record(
                history["budget"],
                "update",
                {"total": [i, i + 1], "unit_id": [None, history["budget"].unit_id]},
            )
    assert count() == few


def test_an_action_detail_named_like_a_reverse_relation_is_shown(demo, client):
    """ "Nộp" records {"submission": [None, n]}: the page shows it instead of failing."""
    from django.contrib.auth import get_user_model

    from kehoach.core.audit import record
    from kehoach.tracking.models import Deliverable

    d = Deliverable.objects.filter(plan=demo).first()
    record(d, "action", {"submission": [None, 3]}, verb="Nộp")
    client.force_login(get_user_model().objects.get(username="noivu"))
    assert client.get("/audit/").status_code == 200


def test_period_codes_read_as_names():
    """A changed period shows as people say it, not as the code the API uses."""
    from kehoach.core.audit_display import _scalar

    assert _scalar("2022-W32") == "Tuần 32 (08/08–14/08/2022)"
    assert _scalar("2021-H1") == "6 tháng đầu năm 2021"
    assert _scalar("2021-Q3") == "Quý III/2021"
    assert _scalar("2021-05-03") == "03/05/2021"
    assert _scalar("2021-W99") == "2021-W99"  # not a week: kept as written
