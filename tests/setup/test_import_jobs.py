"""Imports as background jobs (tác vụ nền): with a worker, the page shows progress that finishes in
place; a second click on the same upload finds the running job instead of starting another."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.jobs.models import Job
from kehoach.jobs.services import run_job
from kehoach.org.models import Unit

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def queued(settings):
    """Jobs wait in the database queue for a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def sheet(header, rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


UNITS = sheet(
    ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên"],
    [
        ["p-nha-trang", "Ủy ban nhân dân phường Nha Trang", "ward", "ubnd"],
        ["x-dien-khanh", "Ủy ban nhân dân xã Diên Khánh", "commune", "ubnd"],
    ],
)
PEOPLE = sheet(
    ["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Vai trò"],
    [["cb-moi-1", "Nguyễn Thị Lan", "anhai", "cán bộ"], ["cb-moi-2", "Trần Văn Nam", "phuocdan", "cán bộ"]],
)


def job_id(html: str) -> int:
    m = re.search(r'hx-get="/units/setup/jobs/(\d+)/"', html)
    assert m, "no polled progress box on the page"
    return int(m.group(1))


def upload(client, url, raw, name="ds.xlsx"):
    return client.post(url, {"file": SimpleUploadedFile(name, raw)})


def test_units_import_runs_as_a_job_that_finishes_in_place(web, org, queued):
    client = web("admin")
    first = upload(client, "/units/import/", UNITS)
    assert first.status_code == 202
    job = job_id(first.content.decode())
    # A second click on the same file: the same job, not a second one.
    assert job_id(upload(client, "/units/import/", UNITS).content.decode()) == job
    assert Job.objects.count() == 1 and Job.objects.get().status == "queued"
    polled = client.get(f"/units/setup/jobs/{job}/", **HTMX).content.decode()
    assert "Đang chờ xử lý" in polled and job_id(polled) == job  # still polling

    assert run_job(job) == "done"
    preview = client.get(f"/units/setup/jobs/{job}/", **HTMX).content.decode()
    assert "hx-get" not in preview  # finished: polling stops, the preview stands in its place
    assert "2 đơn vị mới" in preview and "Lưu danh sách đơn vị" in preview
    assert not Unit.objects.filter(code="p-nha-trang").exists()  # a preview saves nothing

    saving = client.post("/units/import/", {"confirm": "1"})
    assert saving.status_code == 202
    save_job = job_id(saving.content.decode())
    assert job_id(client.post("/units/import/", {"confirm": "1"}).content.decode()) == save_job
    assert Job.objects.count() == 2
    run_job(save_job)
    done = client.get(f"/units/setup/jobs/{save_job}/", **HTMX)
    assert done["HX-Redirect"] == "/units/"
    assert Unit.objects.get(code="p-nha-trang").parent.code == "ubnd"
    assert "Đã lưu: 2 đơn vị mới" in client.get("/units/").content.decode()


def test_people_save_reports_progress_and_shows_passwords_once(web, org, queued):
    client = web("admin")
    check = job_id(upload(client, "/units/people/import/", PEOPLE).content.decode())
    run_job(check)
    assert "2 tài khoản mới" in client.get(f"/units/setup/jobs/{check}/", **HTMX).content.decode()
    r = client.post("/units/people/import/", {"confirm": "1"})
    save = job_id(r.content.decode())
    run_job(save)
    job = Job.objects.get(pk=save)
    assert job.progress == 100 and job.status == "done"
    shown = client.get(f"/units/setup/jobs/{save}/", **HTMX)
    assert shown["Cache-Control"] == "no-store"
    passwords = re.findall(r"<code>([a-z2-9]{12})</code>", shown.content.decode())
    assert len(passwords) == 2
    job.refresh_from_db()
    assert not any(h["password"] for h in job.result_data["handed"])  # wiped once shown
    again = client.get(f"/units/setup/jobs/{save}/", **HTMX).content.decode()
    assert "<code>" not in again and "đã hiện một lần" in again


def test_plan_reading_runs_as_a_job_then_opens_the_review(web, org, queued):
    from kehoach.plans.models import Plan

    from .test_first_run import seed_bytes

    client = web("noivu")
    r = client.post("/plans/import/", {"file": SimpleUploadedFile("19-KH-UBND.txt", seed_bytes())})
    assert r.status_code == 202 and "Đọc văn bản kế hoạch" in r.content.decode()
    job = job_id(r.content.decode())
    run_job(job)
    done = client.get(f"/units/setup/jobs/{job}/", **HTMX)
    assert done["HX-Redirect"].startswith("/plans/import/")
    review = client.get(done["HX-Redirect"])
    assert review.status_code == 200 and "19/KH-UBND" in review.content.decode()
    assert not Plan.objects.exists()  # nothing saved before "Lưu kế hoạch"


def test_a_refused_file_is_said_in_place(web, org, queued):
    client = web("noivu")
    job = job_id(
        client.post("/plans/import/", {"file": SimpleUploadedFile("rac.txt", b"xin chao")}).content.decode()
    )
    run_job(job)
    html = client.get(f"/units/setup/jobs/{job}/", **HTMX).content.decode()
    assert "Chưa đọc được tệp" in html and "Không nhận ra kế hoạch" in html


def test_someone_elses_import_job_is_not_found(web, org, queued):
    job = job_id(upload(web("admin"), "/units/import/", UNITS).content.decode())
    assert web("noivu").get(f"/units/setup/jobs/{job}/").status_code == 404
    assert web(None).get(f"/units/setup/jobs/{job}/").status_code == 302


def test_outputs_import_runs_as_a_job_and_lists_bad_rows_in_place(web, org, queued):
    from kehoach.outputs.models import Output

    header = ["Ngày", "Hình thức", "Tiêu đề"]
    bad = sheet(header, [["31/02/2021", "không có", ""]])
    client = web("phuocdan")
    r = client.post(
        "/outputs/import/", {"unit": org["phuocdan"].pk, "file": SimpleUploadedFile("sp.xlsx", bad)}
    )
    assert r.status_code == 202
    job = job_id(r.content.decode())
    run_job(job)
    html = client.get(f"/units/setup/jobs/{job}/", **HTMX).content.decode()
    assert "Chưa lưu dòng nào" in html and "hx-get" not in html
    assert not Output.objects.filter(unit=org["phuocdan"]).exists()
