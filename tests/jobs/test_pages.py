"""Starting a job from a page: the button turns into a progress bar (htmx), then a download link."""

from kehoach.jobs.models import Job


def _form(plan, fmt="docx", period="2021-H1"):
    return {"kind": "report", "plan_id": plan.pk, "period": period, "format": fmt}


def test_the_report_button_starts_a_job_and_shows_its_progress_in_place(web, plan, queued):
    r = web("noivu").post("/jobs/start/", _form(plan), HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    job = Job.objects.get()
    html = r.content.decode()
    assert f'id="job-{job.pk}"' in html
    assert f'hx-get="/jobs/{job.pk}/progress/"' in html  # keeps polling while queued
    assert "<progress" in html and "Đang chờ xử lý" in html


def test_a_second_click_shows_the_same_job(web, plan, queued):
    noivu = web("noivu")
    noivu.post("/jobs/start/", _form(plan), HTTP_HX_REQUEST="true")
    noivu.post("/jobs/start/", _form(plan), HTTP_HX_REQUEST="true")
    assert Job.objects.count() == 1


def test_a_finished_job_stops_polling_and_offers_the_file(web, plan):
    noivu = web("noivu")
    r = noivu.post("/jobs/start/", _form(plan, "xlsx", "2021"), HTTP_HX_REQUEST="true")
    job = Job.objects.get()
    html = r.content.decode()
    assert "hx-get" not in html
    assert f'href="/jobs/{job.pk}/download/"' in html
    f = noivu.get(f"/jobs/{job.pk}/download/")
    assert f.status_code == 200
    assert b"".join(f.streaming_content)[:2] == b"PK"


def test_without_htmx_the_form_opens_the_job_page(web, plan):
    noivu = web("noivu")
    r = noivu.post("/jobs/start/", _form(plan, "xlsx", "2021"))
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    detail = noivu.get(r["Location"])
    assert detail.status_code == 200 and "Tác vụ nền" in detail.content.decode()


def test_bad_period_is_shown_in_place_not_queued(web, plan):
    r = web("noivu").post("/jobs/start/", _form(plan, period="bad"), HTTP_HX_REQUEST="true")
    assert r.status_code == 400
    assert "Kỳ báo cáo không hợp lệ" in r.content.decode()
    assert not Job.objects.exists()


def test_a_commune_cannot_start_the_report_nor_see_another_persons_job(web, plan):
    assert web("phuocdan").post("/jobs/start/", _form(plan), HTTP_HX_REQUEST="true").status_code == 404
    web("noivu").post("/jobs/start/", _form(plan, "xlsx", "2021"))
    job = Job.objects.get()
    for url in (f"/jobs/{job.pk}/", f"/jobs/{job.pk}/progress/", f"/jobs/{job.pk}/download/"):
        assert web("lanhdao").get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(web, plan):
    r = web(None).post("/jobs/start/", _form(plan))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert not Job.objects.exists()


def test_dashboard_report_buttons_start_jobs(web, demo):
    html = web("noivu").get(f"/dashboard/?plan={demo.pk}").content.decode()
    assert 'hx-post="/jobs/start/"' in html
    assert 'name="kind" value="report"' in html and 'name="format" value="pdf"' in html
