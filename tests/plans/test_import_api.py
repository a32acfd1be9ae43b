"""POST /api/v1/plans/import: a plan document becomes a draft plan, built by the CLI's parser."""

from importlib.resources import files

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.plans.models import Plan

SEED = files("kehoach").joinpath("data", "seed_19_KH-UBND_2021.txt").read_bytes()
URL = "/api/v1/plans/import"


def post(client, data=SEED, name="seed.txt"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_seed_becomes_a_draft_plan(api):
    response = post(api("noivu"))
    assert response.status_code == 201, response.content
    body = response.json()
    plan = Plan.objects.get(pk=body["id"])
    assert body["status"] == "draft" and plan.status == "draft"
    assert body["number"] == "19/KH-UBND"
    assert body["title"] == "Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021"
    assert body["year"] == 2021
    assert body["activities"] == 7 and plan.activities.count() == 7
    assert body["duties"] == plan.duties.count() > 0
    assert body["duplicate_of"] is None
    assert plan.source_sha256 and plan.created_by.username == "noivu"


def test_the_imported_plan_is_readable_through_the_api(api):
    client = api("noivu")
    plan_id = post(client).json()["id"]
    detail = client.get(f"/api/v1/plans/{plan_id}").json()
    assert len(detail["activities"]) == 7
    v1a = [d for d in detail["duties"] if d["section"] == "V.1.a" and d["due"]]
    assert v1a and v1a[0]["due"] == "2021-01-26" and v1a[0]["due_inclusive"] is False


def test_second_upload_of_the_same_document_is_409_unless_confirmed(api):
    client = api("noivu")
    first = post(client).json()["id"]
    again = post(client)
    assert again.status_code == 409, again.content
    assert again.json()["duplicate_of"] == first and "đã được nhập" in again.json()["detail"]
    assert Plan.objects.count() == 1
    confirmed = client.post(URL + "?confirm_duplicate=true", {"file": SimpleUploadedFile("seed.txt", SEED)})
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json()["duplicate_of"] == first and Plan.objects.count() == 2


def test_confirm_duplicate_is_documented_in_the_openapi(api):
    schema = api("noivu").get("/api/v1/openapi.json").json()
    op = schema["paths"]["/api/v1/plans/import"]["post"]
    assert "confirm_duplicate" in {p["name"] for p in op.get("parameters", [])}
    assert "409" in op["responses"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("blank.txt", b"  \n\n "),
        ("random.docx", bytes(range(256)) * 40),
        ("random.pdf", bytes(range(256)) * 40),
        ("fake.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 10),
        ("zip.docx", b"PK\x03\x04" + b"\x00" * 200),
    ],
)
def test_unreadable_file_is_a_400_with_a_clear_detail(api, name, data):
    response = post(api("noivu"), data=data, name=name)
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail and "Traceback" not in detail
    assert not Plan.objects.exists()


def test_a_type_the_importer_does_not_read_is_422_as_on_the_page(api):
    response = post(api("noivu"), data=b"\xd0\xcf\x11\xe0" + b"\x00" * 200, name="old.doc")
    assert response.status_code == 422, response.content
    assert "Chấp nhận: .txt, .md, .docx, .pdf" in response.json()["detail"]
    assert not Plan.objects.exists()


def test_the_import_is_audited_as_on_the_page(api):
    from kehoach.core.models import AuditEntry

    plan_id = post(api("noivu")).json()["id"]
    entry = AuditEntry.objects.filter(model="plans.plan", object_id=str(plan_id), verb__startswith="nhập")
    assert entry.exists()


def test_missing_file_field_is_a_4xx_json(api):
    response = api("noivu").post(URL, {})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_upload_over_20_mb_is_413(api):
    response = post(api("noivu"), data=b"a" * (20 * 1024 * 1024 + 1), name="big.txt")
    assert response.status_code == 413
    assert "20 MB" in response.json()["detail"]
    assert not Plan.objects.exists()


def test_anonymous_is_401(api):
    response = post(api(None))
    assert response.status_code == 401
    assert response.json()["detail"]
    assert not Plan.objects.exists()


def test_read_only_role_is_403(api, org):
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Membership

    viewer = get_user_model().objects.create_user("xem", password="x")
    Membership.objects.create(user=viewer, unit=org["nv"], role="viewer")
    response = post(api("xem"))
    assert response.status_code == 403
    assert not Plan.objects.exists()


@pytest.mark.parametrize("who", ["phuocdan", "vhtt", "lanhdao", "tckh"])
def test_only_admins_and_coordinators_import_plans(api, who):
    response = post(api(who))
    assert response.status_code == 403, response.content
    assert "cơ quan thường trực" in response.json()["detail"]
    assert not Plan.objects.exists()
    assert api("noivu").get("/api/v1/plans").json() == []
