"""A person's account may be deleted (SET_NULL): the pages that name them say "—", never a 500."""

from kehoach.reports.models import OutgoingDocument
from kehoach.tracking.models import Submission


def test_a_version_whose_author_is_gone_still_shows(demo, web):
    s = Submission.objects.filter(deliverable__plan=demo).order_by("id").first()
    Submission.objects.filter(pk=s.pk).update(author=None)
    r = web("noivu").get(f"/tracking/{s.deliverable_id}/")
    assert r.status_code == 200
    assert f"Lần nộp {s.number}" in r.content.decode()


def test_the_register_of_a_document_whose_issuer_is_gone_still_shows(demo, web, api):
    made = api("noivu").post(
        f"/api/v1/plans/{demo.pk}/documents",
        {"type": "urging", "period": "2021-H1"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert (
        api("noivu")
        .post(f"/api/v1/documents/{made.json()['id']}/issue", {}, content_type="application/json")
        .status_code
        == 200
    )
    OutgoingDocument.objects.filter(pk=made.json()["id"]).update(issued_by=None)
    r = web("noivu").get(f"/dashboard/plans/{demo.pk}/documents/")
    assert r.status_code == 200
