"""Pages of the foundation: sign-in, my work, plan, activity, unit, audit log; permissions and query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.plans.models import Activity, ActivityUpdate


def test_sign_in_page_and_wrong_password(client, org):
    assert client.get("/accounts/login/").status_code == 200
    wrong = client.post("/accounts/login/", {"username": "noivu", "password": "sai"})
    assert wrong.status_code == 400
    assert (
        "không đúng" in wrong.content.decode()
        or "Please enter" in wrong.content.decode()
        or "Vui lòng" in wrong.content.decode()
    )
    ok = client.post("/accounts/login/", {"username": "noivu", "password": "kehoach-demo"})
    assert ok.status_code == 302


def test_sign_in_is_throttled_after_repeated_failures(client, org):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "phuocdan", "password": "sai"})
    blocked = client.post("/accounts/login/", {"username": "phuocdan", "password": "kehoach-demo"})
    assert blocked.status_code == 429


def test_pages_need_sign_in(client, plan):
    for url in ["/", "/plans/", f"/plans/{plan.pk}/", "/units/", "/audit/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_plan_page_shows_outline_activities_and_duties(web, plan):
    html = web("phuocdan").get(f"/plans/{plan.pk}/").content.decode()
    assert "19/KH-UBND" in html
    assert "TỔ CHỨC THỰC HIỆN" in html
    assert "Xây dựng chuyên mục cải cách hành chính." in html
    assert "Trung tâm Văn hóa thể thao và truyền thanh huyện" in html
    assert "trước ngày 26/01/2021" in html
    assert "Hoàn thành" in html or "Quá hạn" in html


def test_home_lists_the_activities_my_unit_leads(web, plan):
    html = web("tuphap").get("/").content.decode()
    assert "Việc của tôi" in html
    assert "Đưa nội dung cải cách hành chính vào kế hoạch tuyên truyền" in html


def test_lead_updates_progress_with_evidence_on_the_activity_page(web, plan):
    activity = plan.activities.get(no="3")
    client = web("tuphap")
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client.post(
        f"/plans/activities/{activity.pk}/",
        {
            "progress": 100,
            "note": "Đã ban hành kế hoạch PBGDPL",
            "link": "",
            "file": pdf,
            "version": activity.version,
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.progress == 100 and activity.completed_on is not None
    update = ActivityUpdate.objects.get(activity=activity)
    assert client.get(f"/plans/activities/evidence/{update.pk}/").status_code == 200
    assert web(None).get(f"/plans/activities/evidence/{update.pk}/").status_code == 302


def test_evidence_of_a_wrong_type_is_refused_and_nothing_saved(web, plan):
    activity = plan.activities.get(no="3")
    bad = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    response = web("tuphap").post(
        f"/plans/activities/{activity.pk}/", {"progress": 50, "file": bad, "version": activity.version}
    )
    assert response.status_code == 400
    assert "Loại tệp không được chấp nhận" in response.content.decode()
    activity.refresh_from_db()
    assert activity.progress == 0


def test_stale_form_shows_conflict_and_keeps_the_row(web, plan):
    activity = plan.activities.get(no="3")
    response = web("tuphap").post(
        f"/plans/activities/{activity.pk}/", {"progress": 30, "version": activity.version + 5}
    )
    assert response.status_code == 409
    assert "phiên bản" in response.content.decode()


def test_other_unit_cannot_post_progress(web, plan):
    activity = plan.activities.get(no="3")
    response = web("phuocdan").post(
        f"/plans/activities/{activity.pk}/", {"progress": 30, "version": activity.version}
    )
    assert response.status_code == 404
    activity.refresh_from_db()
    assert activity.progress == 0


def test_unit_page_lists_duties_and_led_activities(web, plan, org):
    html = web("phuocdan").get(f"/units/{org['vp'].pk}/").content.decode()
    assert "Cập nhật các thủ tục hành chính" in html
    html = web("phuocdan").get(f"/units/{org['phuocdan'].pk}/").content.decode()
    assert "Định kỳ 06 tháng, một năm báo cáo" in html


def test_audit_log_is_for_coordinators(web, plan):
    activity = plan.activities.get(no="3")
    web("tuphap").post(f"/plans/activities/{activity.pk}/", {"progress": 20, "version": activity.version})
    assert web("phuocdan").get("/audit/").status_code == 403
    html = web("noivu").get("/audit/?model=plans.activity").content.decode()
    # People's words: the person's name and the field's label, not the username and field name.
    assert "Đặng Thị Lan" in html and "Tiến độ (%)" in html


def _add_activities(plan, n):
    Activity.objects.bulk_create(
        [
            Activity(
                plan=plan,
                no=str(100 + i),
                order=100 + i,
                content=f"Hoạt động thêm {i}",
                lead_unit_id=plan.coordinator_unit_id,
            )
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("url", ["plan", "home", "units", "unit"])
def test_page_queries_do_not_grow_with_rows(web, plan, org, django_assert_max_num_queries, url):
    client = web("noivu")
    target = {
        "plan": f"/plans/{plan.pk}/",
        "home": "/",
        "units": "/units/",
        "unit": f"/units/{org['nv'].pk}/",
    }[url]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        assert client.get(target).status_code == 200
    _add_activities(plan, 40)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(target).status_code == 200
