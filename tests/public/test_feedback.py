"""Citizens' feedback: form and API round trip, lookup without personal data, abuse limits."""

import datetime
import re

import pytest
import time_machine

CONTENT = "Thủ tục đăng ký khai sinh ở xã tôi phải chờ quá lâu, đề nghị xem xét."


def _post_form(client, stamp, **extra):
    data = {
        "content": CONTENT,
        "name": "Trần Thị Riêng Tư",
        "contact": "0912 345 678",
        "ts": stamp,
        "website": "",
    }
    data.update(extra)
    return client.post("/public/feedback/", data)


@pytest.mark.django_db
def test_feedback_form_gives_a_code_and_lookup_shows_status(org, client, stamp):
    r = _post_form(client, stamp)
    assert r.status_code == 302
    code = re.search(r"code=(PA-\d{4}-[A-Z0-9]{10})", r["Location"]).group(1)
    page = client.get(r["Location"]).content.decode()
    assert code in page and "Đã tiếp nhận" in page
    assert "Trần Thị Riêng Tư" not in page and "0912 345 678" not in page


@pytest.mark.django_db
def test_feedback_round_trip_answer_shown_only_after_publication(org, client, api):
    r = client.post(
        "/api/v1/public/feedback",
        {"content": CONTENT, "name": "Ẩn Danh", "contact": "an@example.vn"},
        content_type="application/json",
    )
    assert r.status_code == 201
    code = r.json()["code"]
    look = client.get(f"/api/v1/public/feedback/{code}").json()
    assert look["status"] == "received" and look["answer"] is None and look["received_at"]

    from django.contrib.auth import get_user_model

    from kehoach.public import services
    from kehoach.public.models import Feedback

    User = get_user_model()
    fb = Feedback.objects.get(code=code)
    services.route(fb, User.objects.get(username="noivu"), org["phuocdan"])
    services.answer(
        fb, User.objects.get(username="phuocdan"), "Có thể nộp trực tuyến trên Cổng dịch vụ công."
    )
    assert client.get(f"/api/v1/public/feedback/{code}").json()["answer"] is None  # not yet published
    services.publish_answer(fb, User.objects.get(username="noivu"))

    look = client.get(f"/api/v1/public/feedback/{code.lower()}").json()
    assert look["status"] == "published"
    assert look["answer"] == "Có thể nộp trực tuyến trên Cổng dịch vụ công."
    body = client.get(f"/api/v1/public/feedback/{code}").content.decode()
    assert (
        "Ẩn Danh" not in body and "an@example.vn" not in body and "name" not in look and "contact" not in look
    )
    page = client.get("/public/feedback/lookup/", {"code": code}).content.decode()
    assert "Có thể nộp trực tuyến" in page and "Ẩn Danh" not in page and "an@example.vn" not in page


@pytest.mark.django_db
def test_unknown_code_is_404_in_api_and_page(org, client):
    r = client.get("/api/v1/public/feedback/PA-2021-ZZZZZZ")
    assert r.status_code == 404 and "detail" in r.json()
    assert client.get("/public/feedback/lookup/", {"code": "PA-2021-ZZZZZZ"}).status_code == 404


@pytest.mark.django_db
def test_codes_are_unguessable_and_unique(org):
    from kehoach.public.services import new_code

    codes = {new_code(2021) for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(r"PA-2021-[2-9A-HJ-NP-Z]{10}", c) for c in codes)


@pytest.mark.django_db
def test_due_date_is_ten_working_days_after_receipt(org):
    from kehoach.public import services

    # Received Monday 07/06/2021: two plain working weeks later.
    fb = services.submit_feedback(
        content=CONTENT, ip="1.1.1.1", now=datetime.datetime(2021, 6, 7, 3, tzinfo=datetime.UTC)
    )
    assert fb.due_date == datetime.date(2021, 6, 21)
    # Received Friday 09/04/2021: Hùng Kings' day (Wednesday 21/04/2021) is not counted.
    fb2 = services.submit_feedback(
        content=CONTENT, ip="1.1.1.2", now=datetime.datetime(2021, 4, 9, 3, tzinfo=datetime.UTC)
    )
    assert fb2.due_date == datetime.date(2021, 4, 26)


@pytest.mark.django_db
def test_rate_limit_returns_429_after_five_posts(org):
    from django.test import Client

    # An address no other test posts from (throttle counters live in the shared cache).
    client = Client(REMOTE_ADDR="10.77.0.1")
    for i in range(5):
        assert (
            client.post(
                "/api/v1/public/feedback", {"content": f"{CONTENT} ({i})"}, content_type="application/json"
            ).status_code
            == 201
        )
    r = client.post("/api/v1/public/feedback", {"content": f"{CONTENT} (5)"}, content_type="application/json")
    assert r.status_code == 429
    assert "thử lại" in r.json()["detail"]
    # Another address is not affected.
    other = client.post(
        "/api/v1/public/feedback",
        {"content": CONTENT},
        content_type="application/json",
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 201


@pytest.mark.django_db
def test_rate_limit_window_expires(org, client):
    with time_machine.travel(datetime.datetime(2021, 5, 3, 8, tzinfo=datetime.UTC), tick=False):
        for i in range(5):
            client.post(
                "/api/v1/public/feedback", {"content": f"{CONTENT} ({i})"}, content_type="application/json"
            )
        assert (
            client.post(
                "/api/v1/public/feedback", {"content": f"{CONTENT} (5)"}, content_type="application/json"
            ).status_code
            == 429
        )
    with time_machine.travel(datetime.datetime(2021, 5, 3, 8, 11, tzinfo=datetime.UTC), tick=False):
        assert (
            client.post(
                "/api/v1/public/feedback", {"content": CONTENT}, content_type="application/json"
            ).status_code
            == 201
        )


@pytest.mark.django_db
def test_rate_limit_on_the_form_shows_a_clear_message(org, stamp):
    from django.test import Client

    client = Client(REMOTE_ADDR="10.77.0.2")
    for _ in range(5):
        assert _post_form(client, stamp).status_code == 302
    r = _post_form(client, stamp)
    assert r.status_code == 429
    assert "quá 5 phản ánh" in r.content.decode()


@pytest.mark.django_db
def test_honeypot_rejects_and_saves_nothing(org, client, stamp):
    from kehoach.public.models import Feedback

    r = _post_form(client, stamp, website="http://spam.example")
    assert r.status_code == 400
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_form_posted_too_fast_or_without_stamp_is_refused(org, client):
    from django.core import signing

    from kehoach.public.forms import _SALT
    from kehoach.public.models import Feedback

    now_stamp = signing.dumps(int(__import__("time").time()), salt=_SALT)
    r = _post_form(client, now_stamp)
    assert r.status_code == 400 and "quá nhanh" in r.content.decode()
    assert _post_form(client, "forged").status_code == 400
    assert Feedback.objects.count() == 0


@pytest.mark.django_db
def test_form_errors_keep_what_was_typed(org, client, stamp):
    r = _post_form(client, stamp, content="ngắn")
    assert r.status_code == 400
    html = r.content.decode()
    assert "error-summary" in html and "Trần Thị Riêng Tư" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, status",
    [
        ("ngắn", 400),
        ("x" * 5001, 400),
        ("http://a.example/1 http://b.example/2 mua ngay", 400),
        ("", 400),
    ],
)
def test_bad_content_is_refused_with_json_detail(org, client, content, status):
    r = client.post("/api/v1/public/feedback", {"content": content}, content_type="application/json")
    assert r.status_code == status
    assert "detail" in r.json()


@pytest.mark.django_db
def test_missing_content_is_422_not_500(org, client):
    r = client.post("/api/v1/public/feedback", {"name": "A"}, content_type="application/json")
    assert r.status_code == 422


@pytest.mark.django_db
def test_procedure_may_be_given_by_code(org, client, procedures):
    from kehoach.public.models import Feedback

    r = client.post(
        "/api/v1/public/feedback",
        {"content": CONTENT, "procedure": "1.001193"},
        content_type="application/json",
    )
    assert Feedback.objects.get(code=r.json()["code"]).procedure == procedures[1]
    r = client.post(
        "/api/v1/public/feedback",
        {"content": CONTENT, "procedure": "thủ tục lạ"},
        content_type="application/json",
    )
    assert Feedback.objects.get(code=r.json()["code"]).procedure_text == "thủ tục lạ"


@pytest.mark.django_db
def test_personal_data_stays_out_of_the_audit_log(feedback):
    from kehoach.core.models import AuditEntry

    entry = AuditEntry.objects.get(model="public.feedback", object_id=str(feedback.pk), action="create")
    assert "name" not in entry.changes and "contact" not in entry.changes and "ip_hash" not in entry.changes
