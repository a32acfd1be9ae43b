"""POST /api/v1/jobs → 202 {id, status}; GET /api/v1/jobs/{id} → {status, progress, result_url?, error?}."""

import pytest
from django_tasks_db.models import DBTaskResult

from kehoach.jobs.models import Job


def _start(client, **body):
    return client.post("/api/v1/jobs", body, content_type="application/json")


def test_report_job_compiles_the_docx_and_offers_it_for_download(api, plan):
    noivu = api("noivu")
    r = _start(noivu, kind="report", plan_id=plan.pk, period="2021-H1", format="docx")
    assert r.status_code == 202, r.content
    body = r.json()
    assert set(body) == {"id", "status"}
    job = noivu.get(f"/api/v1/jobs/{body['id']}").json()
    assert job["status"] == "done"
    assert job["progress"] == 100
    assert job["error"] is None
    assert job["result_url"] == f"/api/v1/jobs/{body['id']}/result"
    f = noivu.get(job["result_url"])
    assert f.status_code == 200
    content = b"".join(f.streaming_content)
    assert content[:2] == b"PK"  # a zip: the .docx
    assert "attachment" in f["Content-Disposition"]


def test_report_job_gives_the_same_file_as_the_direct_report(api, plan):
    noivu = api("noivu")
    job_id = _start(noivu, kind="report", plan_id=plan.pk, period="2021", format="xlsx").json()["id"]
    job = Job.objects.get(pk=job_id)
    assert job.result_name.endswith(".xlsx")
    direct = noivu.get(f"/api/v1/plans/{plan.pk}/report?period=2021&format=xlsx")
    assert direct.status_code == 200
    assert direct["Content-Type"] == job.result_type


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"kind": "report", "period": "2021-H1", "format": "docx"}, "plan_id"),
        ({"kind": "report", "plan_id": "PLAN", "period": "2021-13", "format": "docx"}, "Kỳ báo cáo"),
        ({"kind": "report", "plan_id": "PLAN", "period": "2021-H1", "format": "exe"}, "Định dạng"),
        ({"kind": "teleport"}, "Loại tác vụ"),
        ({"kind": "call", "function": "os:system", "kwargs": {"command": "true"}}, "Loại tác vụ"),
        ({"kind": "report", "plan_id": 999999, "period": "2021", "format": "pdf"}, "kế hoạch"),
        (
            {"kind": "report", "plan_id": "PLAN", "period": "2021", "format": "pdf", "as_of": "30/06/2021"},
            "as_of",
        ),
    ],
)
def test_bad_job_requests_are_refused_in_vietnamese_and_queue_nothing(api, plan, body, words):
    body = {k: (plan.pk if v == "PLAN" else v) for k, v in body.items()}
    r = _start(api("noivu"), **body)
    assert r.status_code == 400
    assert words in r.json()["detail"]
    assert not Job.objects.exists()


def test_a_commune_may_not_compile_the_report(api, plan):
    r = _start(api("phuocdan"), kind="report", plan_id=plan.pk, period="2021", format="docx")
    assert r.status_code == 403
    assert not Job.objects.exists()


def test_anonymous_may_not_start_or_read_jobs(api, plan):
    assert _start(api(None), kind="report", plan_id=plan.pk, period="2021", format="docx").status_code == 401
    assert api(None).get("/api/v1/jobs/1").status_code == 401


def test_another_persons_job_is_forbidden_in_the_api(api, plan):
    job_id = _start(api("noivu"), kind="report", plan_id=plan.pk, period="2021", format="xlsx").json()["id"]
    assert api("lanhdao").get(f"/api/v1/jobs/{job_id}").status_code == 403
    assert api("lanhdao").get(f"/api/v1/jobs/{job_id}/result").status_code == 403
    assert api("lanhdao").get("/api/v1/jobs/999999").status_code == 404


def test_the_same_request_twice_while_queued_gives_the_same_job(api, plan, queued):
    noivu = api("noivu")
    body = {"kind": "report", "plan_id": plan.pk, "period": "2021-H1", "format": "pdf"}
    first = _start(noivu, **body).json()
    second = _start(noivu, **body).json()
    assert first == second == {"id": first["id"], "status": "queued"}
    assert Job.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    # Another format is another job; so is the same request by another person.
    assert _start(noivu, **{**body, "format": "docx"}).json()["id"] != first["id"]
    assert _start(api("lanhdao"), **body).json()["id"] != first["id"]
    assert DBTaskResult.objects.count() == 3


def test_a_queued_job_reports_queued_without_a_result(api, plan, queued):
    noivu = api("noivu")
    job_id = _start(noivu, kind="report", plan_id=plan.pk, period="2021", format="docx").json()["id"]
    body = noivu.get(f"/api/v1/jobs/{job_id}").json()
    assert body["status"] == "queued"
    assert body["progress"] == 0
    assert body["result_url"] is None
    assert noivu.get(f"/api/v1/jobs/{job_id}/result").status_code == 409


def test_job_list_is_the_callers_own_newest_first(api, plan, queued):
    noivu = api("noivu")
    ids = [
        _start(noivu, kind="report", plan_id=plan.pk, period=p, format="docx").json()["id"]
        for p in ("2021-H1", "2021", "2021-Q3")
    ]
    _start(api("lanhdao"), kind="report", plan_id=plan.pk, period="2021", format="docx")
    r = noivu.get("/api/v1/jobs?limit=2")
    assert [j["id"] for j in r.json()] == ids[::-1][:2]
    assert 'rel="next"' in r["Link"]


def test_report_job_takes_as_of_like_the_report_endpoint(api, plan):
    noivu = api("noivu")
    body = {"kind": "report", "plan_id": plan.pk, "period": "2021", "format": "xlsx", "as_of": "2021-06-30"}
    job = Job.objects.get(pk=_start(noivu, **body).json()["id"])
    assert job.status == "done" and job.params["as_of"] == "2021-06-30"
    direct = noivu.get(f"/api/v1/plans/{plan.pk}/report?period=2021&format=xlsx&as_of=2021-06-30")
    assert direct.status_code == 200
