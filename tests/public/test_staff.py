"""Staff side: who sees, routes, answers and publishes feedback; news publishing; the home panel."""

import datetime

import pytest

ANSWER = "Đơn vị đã kiểm tra và hướng dẫn nộp hồ sơ trực tuyến."


@pytest.mark.django_db
def test_anonymous_cannot_reach_staff_pages(org, client, feedback):
    for url in ["/public/staff/feedback/", f"/public/staff/feedback/{feedback.pk}/", "/public/staff/news/"]:
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/api/v1/feedback").status_code == 401


@pytest.mark.django_db
def test_desk_routes_unit_answers_desk_publishes_through_pages(org, web, feedback):
    desk, commune = web("vpub"), web("phuocdan")
    assert feedback.code in desk.get("/public/staff/feedback/").content.decode()
    assert feedback.code not in commune.get("/public/staff/feedback/").content.decode()
    r = desk.post(f"/public/staff/feedback/{feedback.pk}/", {"action": "route", "unit": org["phuocdan"].pk})
    assert r.status_code == 302
    assert feedback.code in commune.get("/public/staff/feedback/").content.decode()
    assert feedback.code in commune.get("/").content.decode()  # home panel: awaiting my answer
    r = commune.post(f"/public/staff/feedback/{feedback.pk}/", {"action": "answer", "answer": ANSWER})
    assert r.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "answered" and not feedback.is_published
    # The commune may not publish; the desk may.
    assert commune.post(f"/public/staff/feedback/{feedback.pk}/", {"action": "publish"}).status_code == 403
    assert desk.post(f"/public/staff/feedback/{feedback.pk}/", {"action": "publish"}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "published" and feedback.is_published


@pytest.mark.django_db
def test_commune_officer_cannot_answer_feedback_routed_to_another_unit(org, web, api, feedback):
    from django.contrib.auth import get_user_model

    from kehoach.core.errors import Forbidden
    from kehoach.public import services

    services.route(feedback, get_user_model().objects.get(username="noivu"), org["phuochau"])
    # Page: another unit's record is a 404.
    assert web("phuocdan").get(f"/public/staff/feedback/{feedback.pk}/").status_code == 404
    assert (
        web("phuocdan")
        .post(f"/public/staff/feedback/{feedback.pk}/", {"action": "answer", "answer": ANSWER})
        .status_code
        == 404
    )
    # API: 403.
    r = api("phuocdan").post(
        f"/api/v1/feedback/{feedback.pk}/answer", {"answer": ANSWER}, content_type="application/json"
    )
    assert r.status_code == 403
    # Service: Forbidden, nothing saved.
    with pytest.raises(Forbidden):
        services.answer(feedback, get_user_model().objects.get(username="phuocdan"), ANSWER)
    feedback.refresh_from_db()
    assert feedback.answer == "" and feedback.status == "routed"


@pytest.mark.django_db
def test_staff_api_round_trip_and_invalid_transitions_conflict(org, api, feedback):
    noivu, phuochau = api("noivu"), api("phuochau")
    r = noivu.post(
        f"/api/v1/feedback/{feedback.pk}/route",
        {"unit_id": org["phuochau"].pk},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "routed"
    assert noivu.post(f"/api/v1/feedback/{feedback.pk}/publish").status_code == 409  # nothing to publish yet
    r = phuochau.post(
        f"/api/v1/feedback/{feedback.pk}/answer", {"answer": ANSWER}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "answered"
    assert phuochau.post(f"/api/v1/feedback/{feedback.pk}/publish").status_code == 403
    assert noivu.post(f"/api/v1/feedback/{feedback.pk}/publish").status_code == 200
    assert (
        noivu.post(
            f"/api/v1/feedback/{feedback.pk}/route",
            {"unit_id": org["nv"].pk},
            content_type="application/json",
        ).status_code
        == 409
    )
    assert (
        noivu.post(
            f"/api/v1/feedback/{feedback.pk}/route", {"unit_id": 999999}, content_type="application/json"
        ).status_code
        == 400
    )  # an unknown unit is bad input, not a state conflict


@pytest.mark.django_db
def test_a_unit_officer_cannot_route(org, api, feedback):
    r = api("tuphap").post(
        f"/api/v1/feedback/{feedback.pk}/route", {"unit_id": org["tp"].pk}, content_type="application/json"
    )
    assert r.status_code == 403


@pytest.mark.django_db
def test_staff_api_list_is_scoped_and_shows_personal_data_only_to_staff(org, api, feedback):
    rows = api("noivu").get("/api/v1/feedback").json()
    assert rows[0]["contact"] == "0909 000 111"
    assert api("phuocdan").get("/api/v1/feedback").json() == []
    assert api("noivu").get("/api/v1/feedback", {"status": "nonsense"}).status_code == 400


@pytest.mark.django_db
def test_overdue_feedback_is_flagged(org, web, feedback):
    import time_machine

    with time_machine.travel(feedback.due_date + datetime.timedelta(days=1)):
        html = web("noivu").get("/public/staff/feedback/").content.decode()
    assert "Quá hạn" in html and "quá hạn trả lời" in html


@pytest.mark.django_db
def test_staff_feedback_list_query_count_does_not_grow(org, web, django_assert_max_num_queries):
    from kehoach.public import services

    client = web("noivu")

    def make(n):
        for i in range(n):
            fb = services.submit_feedback(content=f"Phản ánh thử số {i} về thủ tục.", ip=f"10.9.{n}.{i}")
            fb.routed_to = org["phuocdan"]
            fb.status = "routed"
            fb.save()

    make(2)
    client.get("/public/staff/feedback/")
    with django_assert_max_num_queries(20) as ctx:
        client.get("/public/staff/feedback/")
    baseline = len(ctx.captured_queries)
    make(15)
    with django_assert_max_num_queries(baseline):
        client.get("/public/staff/feedback/")


@pytest.mark.django_db
def test_unit_publishes_news_that_appears_on_the_public_page(org, web, client):
    r = web("phuocdan").post(
        "/public/staff/news/",
        {
            "unit": org["phuocdan"].pk,
            "title": "Phước Dân niêm yết thủ tục mới",
            "summary": "Tóm tắt",
            "body": "Nội dung",
            "url": "",
            "published_at": "2021-05-04T08:00",
            "is_published": "on",
        },
    )
    assert r.status_code == 302
    assert "Phước Dân niêm yết thủ tục mới" in client.get("/public/").content.decode()


@pytest.mark.django_db
def test_officer_cannot_publish_news_for_another_unit(org, web):
    from kehoach.public.models import NewsItem

    r = web("phuocdan").post(
        "/public/staff/news/",
        {
            "unit": org["phuochau"].pk,
            "title": "Giả danh",
            "published_at": "2021-05-04T08:00",
            "is_published": "on",
        },
    )
    assert r.status_code == 400
    assert not NewsItem.objects.filter(title="Giả danh").exists()


@pytest.mark.django_db
def test_read_only_viewer_cannot_publish_news(org, web):
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Membership

    viewer = get_user_model().objects.create(username="xem")
    Membership.objects.create(user=viewer, unit=org["nv"], role="viewer")
    r = web("xem").post(
        "/public/staff/news/", {"unit": org["nv"].pk, "title": "X", "published_at": "2021-05-04T08:00"}
    )
    assert r.status_code == 403


@pytest.mark.django_db
def test_public_demo_is_idempotent(plan, org):
    from kehoach.public import demo
    from kehoach.public.models import Feedback, NewsItem, Procedure

    demo.load(plan, org)
    counts = (Procedure.objects.count(), NewsItem.objects.count(), Feedback.objects.count())
    demo.load(plan, org)
    assert counts == (Procedure.objects.count(), NewsItem.objects.count(), Feedback.objects.count())
    assert counts[0] >= 20 and counts[1] == 6 and counts[2] == 5
    assert set(Feedback.objects.values_list("status", flat=True)) >= {
        "received",
        "routed",
        "answered",
        "published",
    }
