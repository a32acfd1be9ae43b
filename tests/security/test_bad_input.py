"""Bounded, typed input: the 8 causes of 5xx of issue 12, each a 4xx now; limits refuse, never truncate."""

import json

import pytest

from kehoach.core.validation import NOTE_MAX, URL_MAX
from kehoach.plans.models import ActivityUpdate
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import generate_deliverables

HUGE = str(2**64)


@pytest.fixture
def activity(plan):
    return plan.activities.get(no=2)  # led by vpub (Văn phòng HĐND-UBND)


def patch(api, activity, **fields):
    return api("vpub").patch(
        f"/api/v1/activities/{activity.pk}",
        json.dumps({"version": activity.version, **fields}),
        content_type="application/json",
    )


# 1. completeness?period= empty
def test_completeness_with_an_empty_period_is_422(api, plan):
    response = api("noivu").get(f"/api/v1/plans/{plan.pk}/completeness?period=")
    assert response.status_code == 422
    assert "kỳ" in response.json()["detail"]


# 2. indices?unit=²
@pytest.mark.parametrize("unit", ["²", "١٢", "9" * 40])
def test_index_filter_with_a_strange_unit_is_4xx(api, org, unit):
    response = api("noivu").get("/api/v1/indices", {"unit": unit})
    assert response.status_code == 400
    assert response.json()["detail"]


# 3. integer filters above 2^63
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/outputs?unit=",
        "/api/v1/outputs?plan=",
        "/api/v1/broadcasts?plan=",
        "/api/v1/budgets?plan=",
        "/api/v1/budgets?unit=",
        "/api/v1/deliverables?plan=",
        "/api/v1/deliverables?unit=",
        "/api/v1/problems?unit=",
        "/api/v1/inspections?plan=",
        "/api/v1/plans?year=",
        "/api/v1/indices?year=",
    ],
)
def test_integer_filters_beyond_bigint_are_422(api, org, url):
    response = api("noivu").get(url + HUGE)
    assert response.status_code == 422, (url, response.status_code)


def test_ids_in_paths_beyond_bigint_are_4xx(api, org):
    for url in ("/api/v1/plans/" + HUGE, "/api/v1/outputs/" + HUGE, "/api/v1/budgets/" + HUGE):
        assert 400 <= api("noivu").get(url).status_code < 500


# 4. output quantity / participants beyond the database's integer
@pytest.mark.parametrize(
    "field,value", [("quantity", 2**63), ("quantity", 2**31), ("participants", 2**31), ("quantity", -1)]
)
def test_output_counts_beyond_integer_are_422(api, org, field, value):
    body = {
        "unit_id": org["vhtt"].pk,
        "date": "2021-03-01",
        "form": "website_article",
        "title": "Bài viết",
        field: value,
    }
    response = api("vhtt").post("/api/v1/outputs", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert field in response.json()["detail"]
    body[field] = 5  # the same output within the limits is saved
    response = api("vhtt").post("/api/v1/outputs", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content


# 5. budget items whose sum overflows
def test_budget_items_whose_sum_would_overflow_are_422(api, plan, org):
    items = [{"description": f"Mục {i}", "amount": 10**15} for i in range(10_000)]
    body = {"plan_id": plan.pk, "unit_id": org["phuocdan"].pk, "items": items}
    response = api("phuocdan").post("/api/v1/budgets", json.dumps(body), content_type="application/json")
    assert response.status_code in (413, 422)
    from kehoach.budgets.models import Budget

    assert not Budget.objects.exists()


# 6. broadcast aired_at 0001-01-01
@pytest.mark.parametrize("aired_at", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "1999-12-31T10:00:00"])
def test_broadcast_at_an_absurd_date_is_422(api, plan, org, aired_at):
    body = {"unit_id": org["vhtt"].pk, "aired_at": aired_at, "minutes": 10, "title": "Chuyên mục CCHC"}
    response = api("vhtt").post("/api/v1/broadcasts", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert "2000" in response.content.decode()
    body["aired_at"] = "2021-03-05T18:00:00+07:00"
    response = api("vhtt").post("/api/v1/broadcasts", json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 201), response.content


def test_output_dates_outside_2000_2100_are_422(api, org):
    for day in ("0001-01-01", "9999-01-01"):
        body = {"unit_id": org["vhtt"].pk, "date": day, "form": "website_article", "title": "Bài viết"}
        response = api("vhtt").post("/api/v1/outputs", json.dumps(body), content_type="application/json")
        assert response.status_code == 422


# 7. NUL in a multipart submission
def test_nul_in_a_multipart_submission_is_422(api, plan, org):
    generate_deliverables(plan)
    report = Deliverable.objects.get(plan=plan, unit=org["phuocdan"], kind="report", period="2021-H1")
    response = api("phuocdan").post(
        f"/api/v1/deliverables/{report.pk}/submit", {"text": "Báo cáo\x00 6 tháng", "version": report.version}
    )
    assert response.status_code == 422
    assert not report.submissions.exists()


def test_nul_in_a_json_note_is_refused_on_every_database(api, activity):
    assert patch(api, activity, progress=10, note="a\x00b").status_code == 422
    assert patch(api, activity, progress=10, note="chuông\x07").status_code == 422
    assert not ActivityUpdate.objects.filter(activity=activity).exists()


# 8. activity link over 200 characters; javascript: links
@pytest.mark.parametrize(
    "link",
    [
        "https://example.vn/" + "a" * URL_MAX,
        "https://example.vn/" + "a" * 10_000,
        "javascript:alert(1)",
        "JaVaScRiPt:window.__xss=1",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.vn/x",
        " javascript:alert(1)",
    ],
)
def test_bad_activity_links_are_422_and_nothing_is_saved(api, activity, link):
    response = patch(api, activity, progress=10, link=link)
    assert response.status_code == 422, response.content
    assert not ActivityUpdate.objects.filter(activity=activity).exists()
    activity.refresh_from_db()
    assert activity.progress != 10


def test_a_good_link_is_kept_whole(api, activity):
    link = "https://ninhphuoc.ninhthuan.gov.vn/" + "x" * (URL_MAX - 40)
    assert patch(api, activity, progress=10, link=link).status_code == 200
    assert ActivityUpdate.objects.get(activity=activity).link == link


def test_a_million_character_note_is_refused_not_cut(api, activity):
    response = patch(api, activity, progress=10, note="x" * 1_000_000)
    assert response.status_code == 422
    assert patch(api, activity, progress=10, note="x" * NOTE_MAX).status_code == 200


def test_the_web_form_refuses_a_javascript_link_too(web, activity):
    response = web("vpub").post(
        f"/plans/activities/{activity.pk}/",
        {"progress": 10, "link": "javascript:alert(1)", "version": activity.version},
    )
    assert response.status_code in (200, 400)
    assert not ActivityUpdate.objects.filter(activity=activity).exists()


def test_a_javascript_output_url_is_refused_in_the_spreadsheet_path_too(org):
    from django.contrib.auth import get_user_model

    from kehoach.core.validation import InvalidInput
    from kehoach.outputs.services import clean_output

    user = get_user_model().objects.get(username="vhtt")
    data = {
        "unit_id": org["vhtt"].pk,
        "date": "2021-03-01",
        "form": "website_article",
        "title": "x",
        "url": "javascript:1",
    }
    with pytest.raises(InvalidInput):
        clean_output(user, data)


# Oversized bodies
def test_a_10_mb_json_body_is_a_json_413_in_vietnamese(api, activity):
    body = json.dumps({"version": 1, "note": "x" * (10 * 1024 * 1024)})
    response = api("vpub").patch(f"/api/v1/activities/{activity.pk}", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "quá lớn" in response.json()["detail"]


# The two schema violations
def test_openapi_has_one_schema_per_name(client, db):
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert {"PlanImportOut", "IndexImportOut"} <= set(components)
    assert "ImportOut" not in components


def test_index_import_400_always_has_errors(api, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.xlsx", b"not a spreadsheet")
    response = api("noivu").post("/api/v1/indices/import", {"file": bad})
    assert response.status_code == 400
    assert "errors" in response.json()


def test_free_text_in_every_api_body_is_bounded(api, plan, org):
    """A 1M-character problem (or a 600-character title) is refused with 422 naming the field,
    never stored or cut; the same body with sane text is accepted."""
    from kehoach.org.models import Unit
    from kehoach.tracking.models import Problem

    unit = Unit.objects.get(code="phuocdan")
    before = Problem.objects.count()

    def post(title, content):
        body = {"plan_id": plan.pk, "unit_id": unit.pk, "title": title, "content": content}
        return api("phuocdan").post("/api/v1/problems", body, content_type="application/json")

    huge = post("Vướng mắc", "x" * 1_000_000)
    assert huge.status_code == 422, huge.content
    assert [e["field"] for e in huge.json()["errors"]] == ["content"]
    long_title = post("t" * 600, "Nội dung")
    assert long_title.status_code == 422
    assert [e["field"] for e in long_title.json()["errors"]] == ["title"]
    assert Problem.objects.count() == before
    assert post("Vướng mắc", "Nội dung").status_code == 201
