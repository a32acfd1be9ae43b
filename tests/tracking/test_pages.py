"""Tracking pages: task list, deliverable with the submit flow, review queue, follow-up, problems, inspections."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from kehoach.tracking import services
from kehoach.tracking.models import Deliverable, Inspection, Problem, UrgingNotice

from .helpers import at, get_deliverable, user


def test_pages_need_sign_in(deliverables, web):
    for url in (
        "/tracking/",
        "/tracking/review/",
        "/tracking/followup/",
        "/tracking/problems/",
        "/tracking/inspections/",
    ):
        r = web(None).get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_commune_task_list_shows_its_own_work_with_status_words(deliverables, web):
    r = web("phuocdan").get("/tracking/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Kế hoạch tuyên truyền CCHC năm 2021" in html and "Báo cáo 6 tháng đầu năm 2021" in html
    assert "Chưa nộp" in html and "trước ngày 26/01/2021" in html
    assert "Phước Hậu" not in html


def test_coordinator_table_filters_by_period_and_unit(deliverables, web, org):
    r = web("noivu").get(f"/tracking/?period=2021-H1&unit={org['phuochau'].pk}")
    html = r.content.decode()
    assert "Ủy ban nhân dân xã Phước Hậu" in html and "Báo cáo 6 tháng đầu năm 2021" in html
    assert "Kế hoạch tuyên truyền CCHC" not in html


def test_list_query_count_does_not_grow_with_rows(deliverables, web, django_assert_max_num_queries):
    client = web("noivu")
    client.get("/tracking/?kind=all")  # warm caches (sessions, content types)
    with django_assert_max_num_queries(20):
        r = client.get("/tracking/?kind=all")  # 50 rows a page, 120+ rows in all
    assert r.status_code == 200 and r.content.decode().count('href="/tracking/') >= 50


def test_another_units_deliverable_is_404(deliverables, web):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    assert web("phuochau").get(f"/tracking/{d.pk}/").status_code == 404
    assert (
        web("phuochau").post(f"/tracking/{d.pk}/", {"step": "check", "text": "x", "version": 1}).status_code
        == 404
    )
    assert web("noivu").get(f"/tracking/{d.pk}/").status_code == 200


@time_machine.travel(datetime.datetime(2021, 6, 15, 3, tzinfo=datetime.UTC), tick=False)
def test_report_submit_flow_form_check_submit(deliverables, web):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    client = web("phuocdan")
    html = client.get(f"/tracking/{d.pk}/").content.decode()
    assert "đã điền sẵn" in html and 'name="fig_outputs"' in html and "Tiếp tục" in html
    data = {
        "version": d.version,
        "text": "Báo cáo 6 tháng",
        "results": "Đăng 5 tin",
        "fig_outputs": 5,
        "fig_copies": 200,
        "step": "check",
    }
    r = client.post(f"/tracking/{d.pk}/", data)
    html = r.content.decode()
    assert (
        r.status_code == 200
        and "Kiểm tra lại trước khi nộp" in html
        and "Đăng 5 tin" in html
        and "Nộp</button>" in html
    )
    r = client.post(f"/tracking/{d.pk}/", {**data, "step": "edit"})
    assert "Báo cáo 6 tháng" in r.content.decode() and 'name="fig_outputs"' in r.content.decode()
    r = client.post(f"/tracking/{d.pk}/", {**data, "step": "submit"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == "submitted"
    sub = d.submissions.get()
    assert sub.figures["outputs"] == 5 and sub.figures["copies"] == 200 and sub.results == "Đăng 5 tin"


def test_submit_form_errors_are_summarised_and_nothing_saved(deliverables, web):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    r = web("phuocdan").post(
        f"/tracking/{d.pk}/", {"version": d.version, "text": "", "fig_outputs": -3, "step": "check"}
    )
    html = r.content.decode()
    assert r.status_code == 400 and "error-summary" in html and "error-msg" in html
    assert not d.submissions.exists()


def test_stale_version_on_page_shows_conflict(deliverables, web):
    d = get_deliverable(deliverables, "phuocdan", "2021", "subplan")
    r = web("phuocdan").post(f"/tracking/{d.pk}/", {"version": 42, "text": "KH", "step": "submit"})
    assert r.status_code == 409 and "phiên bản" in r.content.decode()


def test_locked_deliverable_shows_reason_and_no_form(deliverables, web):
    services.lock_period(deliverables, "2021-H1", "Đã chốt số liệu gửi tỉnh", today=datetime.date(2021, 7, 1))
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    html = web("phuocdan").get(f"/tracking/{d.pk}/").content.decode()
    assert "Đã chốt số liệu gửi tỉnh" in html and "Tiếp tục" not in html


@pytest.fixture
def handed_in(deliverables):
    out = []
    for code in ("phuocdan", "phuochau"):
        d = get_deliverable(deliverables, code, "2021-H1")
        services.submit(d, user(code), text="BC", now=at(2021, 6, 18))
        out.append(d)
    return out


def test_review_queue_is_for_the_coordinator_only(handed_in, web):
    assert web("phuocdan").get("/tracking/review/").status_code == 404
    assert web("lanhdao").get("/tracking/review/").status_code == 404
    html = web("noivu").get("/tracking/review/?sort=unit").content.decode()
    assert "Phước Dân" in html and "Phước Hậu" in html and "Tiếp nhận" in html


def test_review_in_place_with_htmx_and_comment_required_on_return(handed_in, web):
    client = web("noivu")
    d1, d2 = handed_in
    r = client.post(
        f"/tracking/{d1.pk}/review/", {"decision": "return", "comment": ""}, HTTP_HX_REQUEST="true"
    )
    # htmx swaps only 2xx answers, so the row with its error comes back as 200; nothing is saved.
    assert r.status_code == 200 and "lý do trả lại" in r.content.decode()
    assert Deliverable.objects.get(pk=d1.pk).status != "returned"
    r = client.post(
        f"/tracking/{d1.pk}/review/",
        {"decision": "return", "comment": "Thiếu số liệu"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "Đã trả lại" in r.content.decode() and "<tr" in r.content.decode()
    r = client.post(f"/tracking/{d2.pk}/review/", {"decision": "accept", "comment": ""})
    assert r.status_code == 302
    assert (
        Deliverable.objects.get(pk=d1.pk).status == "returned"
        and Deliverable.objects.get(pk=d2.pk).status == "accepted"
    )
    assert web("phuochau").post(f"/tracking/{d1.pk}/review/", {"decision": "accept"}).status_code == 404


@time_machine.travel(datetime.datetime(2021, 6, 25, 3, tzinfo=datetime.UTC), tick=False)
def test_followup_lists_overdue_units_and_sends_urging(deliverables, web, org):
    client = web("noivu")
    html = client.get(f"/tracking/followup/?plan={deliverables.pk}&period=2021-H1").content.decode()
    assert "Việc quá hạn chưa nộp" in html and "Phước Dân" in html
    r = client.post(
        f"/tracking/followup/?plan={deliverables.pk}",
        {
            "plan": deliverables.pk,
            "period": "2021-H1",
            "units": [org["phuocdan"].pk],
            "text": "Đề nghị nộp báo cáo",
        },
    )
    assert r.status_code == 302, r.content.decode()[:500]
    assert UrgingNotice.objects.get().units.get().code == "phuocdan"
    assert web("phuocdan").get("/tracking/followup/").status_code == 404
    assert (
        web("lanhdao")
        .post("/tracking/followup/", {"period": "2021-H1", "units": [org["phuocdan"].pk], "text": "x"})
        .status_code
        == 404
    )


@time_machine.travel(datetime.datetime(2021, 6, 25, 3, tzinfo=datetime.UTC), tick=False)
def test_followup_with_thousands_of_owing_units_pages_and_urges_them_all_at_once(
    deliverables, web, org, monkeypatch
):
    """A national plan: the owing units are one box "all N", the tables are paged."""
    from kehoach.org import fields as unit_fields
    from kehoach.tracking import selectors

    monkeypatch.setattr(unit_fields, "UNITS_IN_A_LIST", 1)
    client = web("noivu")
    today = datetime.date(2021, 6, 25)
    owing = {e["unit_id"] for e in selectors.owed_by_unit(deliverables, "2021-H1", today)}
    assert len(owing) > 1
    r = client.get(f"/tracking/followup/?plan={deliverables.pk}&period=2021-H1")
    assert f"Gửi cho tất cả {len(owing)} đơn vị còn nợ kỳ này" in r.content.decode()
    r = client.post(
        f"/tracking/followup/?plan={deliverables.pk}",
        {"plan": deliverables.pk, "period": "2021-H1", "units": "on", "text": "Đề nghị nộp báo cáo"},
    )
    assert r.status_code == 302, r.content.decode()[:500]
    assert set(UrgingNotice.objects.get().units.values_list("pk", flat=True)) == owing
    r = client.post(
        f"/tracking/followup/?plan={deliverables.pk}",
        {"plan": deliverables.pk, "period": "2021-H1", "text": "Không chọn"},
    )
    assert r.status_code == 400 and UrgingNotice.objects.count() == 1


def test_problems_page_raise_and_answer(deliverables, web, org):
    r = web("phuocdan").post(
        "/tracking/problems/",
        {"unit": org["phuocdan"].pk, "kind": "problem", "title": "Thiếu loa", "content": "Loa hỏng"},
    )
    assert r.status_code == 302
    p = Problem.objects.get()
    assert "Thiếu loa" not in web("phuochau").get("/tracking/problems/").content.decode()
    r = web("phuochau").post(
        "/tracking/problems/", {"unit": org["phuocdan"].pk, "kind": "problem", "title": "x", "content": "y"}
    )
    assert r.status_code == 400 and Problem.objects.count() == 1
    assert web("phuochau").post(f"/tracking/problems/{p.pk}/answer/", {"answer": "x"}).status_code == 404
    web("noivu").post(f"/tracking/problems/{p.pk}/answer/", {"answer": "Đã cấp loa mới", "close": "on"})
    p.refresh_from_db()
    assert (
        p.status == "closed"
        and "Đã cấp loa mới" in web("phuocdan").get("/tracking/problems/").content.decode()
    )


def test_inspections_page_record_and_follow_up(deliverables, web, org):
    body = {
        "unit": org["phuocdan"].pk,
        "date": "2021-09-15",
        "status": "done",
        "inspectors": "Phòng Nội vụ",
        "findings": "Thiếu niêm yết",
    }
    assert web("phuocdan").post("/tracking/inspections/", body).status_code == 404
    assert web("noivu").post("/tracking/inspections/", {**body, "date": "15/13/2021"}).status_code == 400
    assert web("noivu").post("/tracking/inspections/", body).status_code == 302
    i = Inspection.objects.get()
    assert "15/09/2021" in web("phuocdan").get("/tracking/inspections/").content.decode()
    assert (
        web("phuochau").post(f"/tracking/inspections/{i.pk}/follow-up/", {"follow_up": "x"}).status_code
        == 404
    )
    web("phuocdan").post(f"/tracking/inspections/{i.pk}/follow-up/", {"follow_up": "Đã niêm yết"})
    i.refresh_from_db()
    assert i.status == "followed_up"


def test_home_panel_shows_my_units_work(deliverables, web):
    html = web("phuocdan").get("/").content.decode()
    assert "Việc phải nộp của đơn vị" in html and "Chưa nộp" in html


def test_remind_command_is_idempotent(deliverables, org, capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    u = org["phuocdan"].focal_person
    u.email = "pd@example.org"
    u.save()
    call_command("remind", "--today", "2021-06-19")
    # Every unit's H1 report is due 21/06 (3 days ahead), and the radio centre's week 24 (a Saturday,
    # no airing logged) is running out: one reminder each, delivered in the app.
    h1 = Deliverable.objects.filter(plan=deliverables, period="2021-H1", kind="report").count()
    assert f"đã gửi {h1 + 1} lời nhắc" in capsys.readouterr().out
    call_command("remind", "--today", "2021-06-19")
    assert "đã gửi 0 lời nhắc" in capsys.readouterr().out


def test_every_page_renders_with_the_demo_year(tracking_demo, web):
    d = Deliverable.objects.filter(plan=tracking_demo, status="returned").first()
    for who in ("noivu", "lanhdao", "phuocdan", "vhtt"):
        client = web(who)
        for url in (
            "/tracking/",
            "/tracking/?kind=broadcast",
            "/tracking/problems/",
            "/tracking/inspections/",
            "/",
        ):
            assert client.get(url).status_code == 200, (who, url)
    client = web("noivu")
    for url in ("/tracking/review/", "/tracking/followup/", f"/tracking/{d.pk}/"):
        assert client.get(url).status_code == 200, url
