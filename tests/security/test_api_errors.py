"""Bad input gets a clear Vietnamese error, never a 500 and never English (issue 12, item 4).

One translation layer (api/errors.py) turns every pydantic error into a sentence naming the field;
strict numbers and booleans in JSON bodies; NUL and out-of-range dates are 422 like every other
invalid value; the unit and people imports apply the same text limits, row by row.
"""

import io
import json
import re

import pytest
from openpyxl import Workbook
from pydantic_core._pydantic_core import list_all_errors

from kehoach.api import errors as messages
from kehoach.org.models import Unit
from kehoach.plans.models import ActivityUpdate

# An ASCII word from pydantic's, ninja's or Python's English messages: none may reach a sender.
ENGLISH = re.compile(
    r"\b(should|required|Input|invalid|field|must|parse|Cannot|Value error|expected|"
    r"not a valid|Extra inputs|Unable|Not Found|Unauthorized|Forbidden)\b"
)


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(text)


def test_every_pydantic_error_type_has_a_vietnamese_sentence():
    known = {e["type"] for e in list_all_errors()}
    assert known - set(messages.MESSAGES) == set()
    for entry in list_all_errors():
        error = {"type": entry["type"], "loc": ("body", "payload", "x"), "ctx": entry.get("example_context")}
        message = messages.translate(error)["message"]
        assert message.startswith("Trường «x»: "), message
        assert not english_in(message), (entry["type"], message)


def test_an_unknown_error_type_and_an_english_value_error_fall_back_to_vietnamese():
    assert messages.translate({"type": "brand_new", "loc": ("query", "q"), "msg": "Input is odd"})[
        "message"
    ] == ("Trường «q»: giá trị không hợp lệ.")
    english = {"type": "value_error", "loc": ("body", "payload", "d"), "ctx": {"error": "Invalid date"}}
    assert messages.translate(english)["message"] == "Trường «d»: giá trị không hợp lệ."
    ours = {
        "type": "value_error",
        "loc": ("body", "payload", "d"),
        "ctx": {"error": "Ngày phải trong khoảng."},
    }
    assert messages.translate(ours)["message"] == "Trường «d»: Ngày phải trong khoảng."


def test_field_names_drop_the_source_and_the_body_parameter():
    assert messages.field_name(("body", "payload", "unit_ids", 3)) == "unit_ids[3]"
    assert messages.field_name(("path", "plan_id")) == "plan_id"
    assert messages.field_name(("body", "payload")) == ""


@pytest.fixture
def activity(plan):
    return plan.activities.get(no=2)  # led by vpub


def send(client, method, url, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return getattr(client, method)(url, data, content_type="application/json")


def test_a_wrong_progress_names_the_field_in_vietnamese_and_keeps_the_list(api, activity):
    response = send(
        api("vpub"), "patch", f"/api/v1/activities/{activity.pk}", {"version": 1, "progress": 101}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Trường «progress»: phải nhỏ hơn hoặc bằng 100."
    assert body["errors"] == [
        {
            "field": "progress",
            "message": "Trường «progress»: phải nhỏ hơn hoặc bằng 100.",
            "type": "less_than_equal",
        }
    ]


def test_a_missing_body_is_named_as_such_never_with_an_empty_field(api, plan):
    whole = messages.translate({"type": "missing", "loc": ("body", "payload"), "msg": "Field required"})
    assert whole["message"] == "Thiếu nội dung yêu cầu: hãy gửi một đối tượng JSON."
    response = api("noivu").post(f"/api/v1/plans/{plan.pk}/copy", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"] == "Trường «year»: bắt buộc phải có."


# A broad table of bad bodies and queries across operations: every answer is 4xx and Vietnamese.
BAD = [
    ("patch", "/api/v1/activities/{activity}", {"version": 1, "progress": "năm mươi"}),
    ("patch", "/api/v1/activities/{activity}", {"version": 1, "progress": 1.5}),
    ("patch", "/api/v1/activities/{activity}", {"progress": 10}),
    ("patch", "/api/v1/activities/{activity}", {"version": 1, "note": ["a"]}),
    ("patch", "/api/v1/activities/{activity}", "{not json"),
    ("patch", "/api/v1/activities/{activity}", "[1, 2]"),
    ("post", "/api/v1/plans/{plan}/copy", {"year": 1999}),
    ("post", "/api/v1/plans/{plan}/copy", {"year": "2022"}),
    ("post", "/api/v1/plans/{plan}/copy", {}),
    ("post", "/api/v1/plans/{plan}/activate", ""),
    ("post", "/api/v1/auth/token", {"username": "x" * 400, "password": "p", "days": 366}),
    ("post", "/api/v1/auth/token", {"username": "vpub"}),
    ("post", "/api/v1/outputs", {"unit_id": "1", "date": "2021-02-30", "form": 5, "title": "x" * 600}),
    ("post", "/api/v1/outputs", {"unit_id": 1, "date": "2021-03-01T10:30:00", "form": "website_article"}),
    ("post", "/api/v1/broadcasts", {"unit_id": 1, "aired_at": "hôm qua", "minutes": 0, "title": "x"}),
    ("post", "/api/v1/budgets", {"plan_id": True, "unit_id": 1, "items": []}),
    ("post", "/api/v1/problems", {"plan_id": 1, "unit_id": 1, "kind": "khác", "title": 1}),
    ("post", "/api/v1/inspections", {"plan_id": 1, "unit_id": 1, "date": "31/12/2021"}),
    ("post", "/api/v1/public/feedback", {"content": ""}),
    ("put", "/api/v1/plans/{plan}/ranking-weights", {"timeliness": "1"}),
    ("post", "/api/v1/plans/{plan}/urging", {"unit_ids": ["a", 0, True]}),
    ("post", "/api/v1/plans/{plan}/documents", {"type": "thư", "as_of": "2021-13-01"}),
    ("post", "/api/v1/jobs", {"kind": 3}),
    ("get", "/api/v1/plans?year=abc&limit=-1", None),
    ("get", "/api/v1/plans/{plan}/activities?as_of=0001-01-01", None),
    ("get", "/api/v1/plans/{plan}/activities?as_of=31-12-2021", None),
    ("get", "/api/v1/deliverables?plan=x&overdue=maybe", None),
    ("get", "/api/v1/units?active_on=2021-02-30", None),
    ("get", "/api/v1/plans/{plan}/dashboard?as_of=9999-01-01", None),
]


@pytest.mark.parametrize("method,url,body", BAD, ids=[f"{m} {u} {i}" for i, (m, u, _) in enumerate(BAD)])
def test_bad_input_is_refused_in_vietnamese(api, activity, plan, method, url, body):
    url = url.format(activity=activity.pk, plan=plan.pk)
    client = api("noivu") if "/activities/" not in url or method == "get" else api("vpub")
    if method == "get":
        response = client.get(url)
    elif body is None or body == "":
        response = getattr(client, method)(url, content_type="application/json")
    else:
        response = send(client, method, url, body)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    payload = response.json()
    detail = payload["detail"]
    assert isinstance(detail, str) and detail
    assert not english_in(detail), detail
    for error in payload.get("errors") or []:
        assert not english_in(error["message"] if isinstance(error, dict) else error), error


def test_as_of_out_of_range_is_422_like_any_other_bad_date(api, plan):
    for as_of in ("0001-01-01", "1999-12-31", "2101-01-01", "not-a-day"):
        response = api("noivu").get(f"/api/v1/plans/{plan.pk}/activities", {"as_of": as_of})
        assert response.status_code == 422, (as_of, response.status_code)
        assert "as_of" in response.json()["detail"]


def test_nul_in_json_or_multipart_is_422(api, activity, plan, org):
    response = send(
        api("vpub"), "patch", f"/api/v1/activities/{activity.pk}", '{"version": 1, "note": "a\\u0000b"}'
    )
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
    from kehoach.tracking.models import Deliverable
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    report = Deliverable.objects.get(plan=plan, unit=org["phuocdan"], kind="report", period="2021-H1")
    response = api("phuocdan").post(f"/api/v1/deliverables/{report.pk}/submit", {"text": "a\x00b"})
    assert response.status_code == 422
    assert not report.submissions.exists()


@pytest.mark.parametrize("progress", [True, False, "50", 50.0, "0x10", None])
def test_progress_of_the_wrong_type_is_refused_and_nothing_saved(api, activity, progress):
    response = send(
        api("vpub"),
        "patch",
        f"/api/v1/activities/{activity.pk}",
        {"version": activity.version, "progress": progress},
    )
    if progress is None:  # "no change to progress" is a valid request
        assert response.status_code == 200
        return
    assert response.status_code == 422, (progress, response.content)
    assert "progress" in response.json()["detail"]
    assert not ActivityUpdate.objects.filter(activity=activity).exists()


def test_strict_numbers_still_accept_real_integers_and_iso_dates(api, org):
    body = {
        "unit_id": org["vhtt"].pk,
        "date": "2021-03-01",
        "form": "website_article",
        "title": "Bài",
        "quantity": 2,
    }
    assert send(api("vhtt"), "post", "/api/v1/outputs", body).status_code in (200, 201)
    body["quantity"] = "2"
    assert send(api("vhtt"), "post", "/api/v1/outputs", body).status_code == 422
    body["quantity"], body["unit_id"] = 2, True
    assert send(api("vhtt"), "post", "/api/v1/outputs", body).status_code == 422


def test_query_numbers_stay_text_friendly(api, plan):
    # Query strings are text by nature: ?year=2021 must keep working under strict bodies.
    assert api("noivu").get("/api/v1/plans", {"year": "2021"}).status_code == 200


def test_a_section_that_does_not_exist_is_404_in_vietnamese(api, plan):
    response = send(
        api("noivu"), "post", f"/api/v1/plans/{plan.pk}/documents", {"type": "report", "period": "2021-H1"}
    )
    assert response.status_code == 201, response.content
    document = response.json()["id"]
    response = send(
        api("noivu"), "put", f"/api/v1/documents/{document}/sections/nonexistent", {"refresh": True}
    )
    assert response.status_code == 404
    assert "Không có mục" in response.json()["detail"]


# --- imports: the same text limits as everywhere, every row checked, nothing saved ---------------
def xlsx(head, rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "x.xlsx"
    return out


UNIT_HEAD = ["code", "name", "kind", "parent code", "aliases", "valid_from", "email"]


def test_a_5000_character_unit_name_is_refused_with_its_row_and_nothing_saved(api, org):
    before = Unit.objects.count()
    rows = [
        ["xa-tot", "Xã Tốt", "commune", "", "", "", ""],
        ["xa-dai", "X" * 5000, "commune", "", "", "", ""],
        ["xa-alias", "Xã Tên Khác", "commune", "", "Tên " + "y" * 300, "", ""],
        ["x" * 60, "Xã Mã Dài", "commune", "", "", "", ""],
    ]
    response = api("noivu").post("/api/v1/units/import", {"file": xlsx(UNIT_HEAD, rows)})
    assert response.status_code == 200  # the contract: 200 {created, updated, errors}; nothing saved
    body = response.json()
    text = " ".join(body["errors"])
    assert "Dòng 3: tên đơn vị: dài quá 255 ký tự" in text
    assert "Dòng 4: tên gọi khác: dài quá 255" in text
    assert "Dòng 5: mã" in text
    assert body["created"] == 0 and body["updated"] == 0
    assert Unit.objects.count() == before


def test_people_import_refuses_an_overlong_name_by_row(org):
    from kehoach.org.people_import import check_people

    head = ["username", "full name", "unit code", "role", "email"]
    rows = [
        ["can-bo-1", "Nguyễn Văn A", "phuocdan", "officer", ""],
        ["can-bo-2", "B" * 5000, "phuocdan", "officer", ""],
    ]
    raw = xlsx(head, rows).getvalue()
    errors = check_people(raw).errors
    assert errors == ["Dòng 3: họ và tên: dài quá 150 ký tự (5000)."]


# --- commands: one Vietnamese line, exit 2, no traceback --------------------------------------------
def test_backup_into_a_missing_folder_and_restore_of_a_non_archive_fail_in_one_line(tmp_path, db):
    import subprocess
    import sys

    junk = tmp_path / "notatar"
    junk.write_text("hello")
    for args in (
        ["backup", "/nonexistent-dir/x.tar"],
        ["restore", str(junk)],
        ["restore", str(tmp_path / "none")],
    ):
        run = subprocess.run(
            [sys.executable, "-m", "kehoach", *args],
            capture_output=True,
            text=True,
            env={"KEHOACH_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
            check=False,
        )
        assert run.returncode == 2, (args, run.stderr)
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
        assert not english_in(lines[0]) and not lines[0].startswith("CommandError"), lines[0]


def test_a_multipart_submission_keeps_its_text_version_and_names_bad_fields(api, plan, org):
    from kehoach.tracking.models import Deliverable
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    report = Deliverable.objects.get(plan=plan, unit=org["phuocdan"], kind="report", period="2021-H1")
    url = f"/api/v1/deliverables/{report.pk}/submit"
    bad = api("phuocdan").post(url, {"text": "Báo cáo", "version": "một"})
    assert bad.status_code == 422, bad.content[:300]
    assert bad.json()["errors"][0]["field"] == "version"
    assert bad.json()["detail"].startswith("Trường «version»: ")
    good = api("phuocdan").post(url, {"text": "Báo cáo 6 tháng", "version": str(report.version)})
    assert good.status_code in (200, 201), good.content[:300]
