"""Văn bản đi: a draft has no number; issuing takes the register's next number, stamps the date and
freezes the files; previews never consume numbers; the coordinator's edits are versioned."""

import datetime
import hashlib
import threading

import pytest
import time_machine
from django.db import connection

from tests.reports.conftest import docx_text, open_docx

DAY = datetime.datetime(2021, 7, 5, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _july_2021():
    with time_machine.travel(DAY, tick=False):
        yield


def _draft(api, plan, user="noivu", **body):
    body = {"type": "report", "period": "2021-H1", **body}
    return api(user).post(f"/api/v1/plans/{plan.pk}/documents", body, content_type="application/json")


def _file(api, doc_id, fmt="docx", user="noivu"):
    r = api(user).get(f"/api/v1/documents/{doc_id}/file?format={fmt}")
    assert r.status_code == 200, r.content[:300]
    return r.content


def _issue(api, doc_id, user="lanhdao", **body):
    return api(user).post(f"/api/v1/documents/{doc_id}/issue", body or {}, content_type="application/json")


def test_a_draft_has_no_number_and_a_blank_day(plan, api):
    from kehoach.reports.models import DocumentNumber

    r = _draft(api, plan)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["type"] == "report" and body["status"] == "draft" and body["number"] is None
    for _ in range(5):  # five previews of the draft take no number
        text = docx_text(open_docx(_file(api, body["id"])))
    assert "Số:      /BC-UBND" in text
    assert "Ninh Phước, ngày      tháng      năm 2021" in text
    assert "(Kèm theo Báo cáo số      /BC-UBND ngày      /      /2021" in text
    assert not DocumentNumber.objects.exists()


def test_issuing_numbers_dates_and_freezes_the_document(plan, api):
    doc_id = _draft(api, plan).json()["id"]
    r = _issue(api, doc_id)
    assert r.status_code == 200, r.content
    issued = r.json()
    assert issued["number"] == "01/BC-UBND"
    assert issued["issued_on"] == "2021-07-05"
    pdf = _file(api, doc_id, "pdf")
    assert hashlib.sha256(pdf).hexdigest() == issued["sha256"] == issued["files"]["pdf"]
    docx1 = _file(api, doc_id, "docx")
    text = docx_text(open_docx(docx1))
    assert "Số: 01/BC-UBND" in text and "Ninh Phước, ngày 05 tháng 7 năm 2021" in text
    assert "(Kèm theo Báo cáo số 01/BC-UBND ngày 05/07/2021" in text
    # The frozen files come back byte-identical, for every format, whoever asks.
    assert _file(api, doc_id, "docx", user="lanhdao") == docx1
    assert _file(api, doc_id, "pdf") == pdf
    assert hashlib.sha256(_file(api, doc_id, "xlsx")).hexdigest() == issued["files"]["xlsx"]
    # Issued once only.
    again = _issue(api, doc_id)
    assert again.status_code == 409 and "đã được ban hành" in again.json()["detail"]


def test_numbers_are_consecutive_per_type_and_gaps_are_never_reused(plan, api):
    from kehoach.reports.models import DocumentNumber, OutgoingDocument

    first = _draft(api, plan).json()["id"]
    second = _draft(api, plan, period="2021").json()["id"]
    letter = _draft(api, plan, type="urging").json()["id"]
    assert _issue(api, first).json()["number"] == "01/BC-UBND"
    assert _issue(api, letter).json()["number"] == "01/UBND-NV"  # công văn: its own register
    # A number given and later cancelled leaves a gap: the next document does not take it again.
    OutgoingDocument.objects.filter(pk=first).delete()
    assert _issue(api, second).json()["number"] == "02/BC-UBND"
    assert DocumentNumber.objects.get(type_code="BC", year=2021).last == 2


def test_issuing_in_a_new_year_restarts_at_one(plan, api):
    a = _draft(api, plan).json()["id"]
    b = _draft(api, plan, period="2021").json()["id"]
    assert _issue(api, a).json()["number"] == "01/BC-UBND"
    with time_machine.travel(datetime.datetime(2022, 1, 6, 9, tzinfo=datetime.UTC), tick=False):
        r = _issue(api, b)
    assert r.json()["number"] == "01/BC-UBND" and r.json()["issued_on"] == "2022-01-06"


def test_plan_document_can_be_drafted_and_issued(plan, api):
    r = _draft(api, plan, type="plan", period=None)
    assert r.status_code == 201
    text = docx_text(open_docx(_file(api, r.json()["id"])))
    assert "Số:      /KH-UBND" in text
    assert _issue(api, r.json()["id"]).json()["number"] == "01/KH-UBND"
    assert api("noivu").get(f"/api/v1/documents/{r.json()['id']}/file?format=xlsx").status_code == 400


@pytest.mark.parametrize(
    "body, status",
    [
        ({"type": "memo"}, 400),
        ({"type": "report", "period": "2021-W05"}, 400),
        ({"type": "report", "period": ""}, 400),
        ({"type": "report", "period": "2021-H1", "as_of": "2030-01-01"}, 400),
    ],
)
def test_bad_draft_requests_are_4xx_with_a_vietnamese_message(plan, api, body, status):
    r = api("noivu").post(f"/api/v1/plans/{plan.pk}/documents", body, content_type="application/json")
    assert r.status_code == status and r.json()["detail"]


def test_only_the_coordinator_and_leaders_draft_and_issue(plan, api, viewer):
    assert _draft(api, plan, user="phuocdan").status_code == 403
    assert _draft(api, plan, user=None).status_code == 401
    doc_id = _draft(api, plan).json()["id"]
    assert _issue(api, doc_id, user="phuocdan").status_code in (403, 404)
    assert _issue(api, doc_id, user=None).status_code == 401
    assert api("phuocdan").get(f"/api/v1/documents/{doc_id}/file?format=docx").status_code in (403, 404)
    assert api("noivu").get("/api/v1/documents/999999/file?format=docx").status_code == 404


def test_the_coordinator_edits_a_section_and_the_versions_are_kept(plan, api):
    from kehoach.reports.models import DocumentSection

    doc_id = _draft(api, plan).json()["id"]
    url = f"/api/v1/documents/{doc_id}/sections/strengths"
    r = api("noivu").put(
        url, {"text": "Các đơn vị đã chủ động tuyên truyền."}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["version"] == 1
    r = api("noivu").put(url, {"text": "Các đơn vị đã rất chủ động."}, content_type="application/json")
    assert r.json()["version"] == 2
    text = docx_text(open_docx(_file(api, doc_id)))
    assert "Các đơn vị đã rất chủ động." in text and "Các đơn vị đã chủ động tuyên truyền." not in text
    # "Làm mới số liệu": the section drafted again from the figures, as a third version.
    r = api("noivu").put(url, {"refresh": True}, content_type="application/json")
    assert r.json()["version"] == 3 and "tỷ lệ báo cáo đã nộp đạt" in r.json()["text"]
    assert DocumentSection.objects.filter(document_id=doc_id).count() == 3
    assert api("lanhdao").put(url, {"text": "x"}, content_type="application/json").status_code == 403
    assert (
        api("noivu")
        .put(f"/api/v1/documents/{doc_id}/sections/bogus", {"text": "x"}, content_type="application/json")
        .status_code
        == 400
    )
    _issue(api, doc_id)
    assert api("noivu").put(url, {"text": "muộn"}, content_type="application/json").status_code == 409


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises writes)"
)
@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_get_two_consecutive_numbers(org):
    from django.contrib.auth import get_user_model

    from kehoach.demo.loader import load_plan
    from kehoach.reports import services

    plan = load_plan(org)
    leader = get_user_model().objects.get(username="lanhdao")
    drafts = [
        services.create_draft(leader, plan, "report", p, None, datetime.date(2021, 7, 5))
        for p in ("2021-H1", "2021")
    ]
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def issue(doc):
        from django.db import connection as conn

        try:
            barrier.wait()
            numbers.append(services.issue_document(leader, doc, datetime.date(2021, 7, 5)).number)
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [1, 2]


def test_pages_draft_edit_issue_and_list_the_register(plan, web):
    from kehoach.reports.models import OutgoingDocument

    client = web("noivu")
    r = client.post(f"/dashboard/plans/{plan.pk}/documents/", {"type": "report", "period": "2021-H1"})
    assert r.status_code == 302
    doc = OutgoingDocument.objects.get()
    r = client.get(r["Location"])
    assert r.status_code == 200 and "Làm mới số liệu" in r.content.decode()
    client.post(f"/dashboard/documents/{doc.pk}/", {"key": "causes", "text": "Do thiếu kinh phí."})
    assert "Khác với bản lập từ số liệu" in client.get(f"/dashboard/documents/{doc.pk}/").content.decode()
    assert client.post(f"/dashboard/documents/{doc.pk}/issue/").status_code == 302
    register = client.get(f"/dashboard/plans/{plan.pk}/documents/?year=2021").content.decode()
    assert "01/BC-UBND" in register and "05/07/2021" in register
    assert web("phuocdan").get(f"/dashboard/documents/{doc.pk}/").status_code == 404
    assert web(None).get(f"/dashboard/documents/{doc.pk}/").status_code in (302, 404)
