"""Chữ ký số: an issued PDF is signed (PAdES, pyHanko) with the issuer's PKCS#12, a visible box in the
signature block; the signed copy re-downloads byte-identical; verification tells valid, modified and
unknown signer apart against the configured trust roots. Every CA here is a throwaway made in the test."""

import hashlib
import io

import pytest

from kehoach.reports.signature import pki

PASSWORD = b"mat-khau-thu"


@pytest.fixture
def trusted(settings, tmp_path):
    """A test CA trusted by the app, and a signer p12 it issued, as the default of the settings."""
    authority = pki.make_authority("CA kiểm thử")
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "ca.pem").write_bytes(authority.pem())
    p12 = tmp_path / "signer.p12"
    p12.write_bytes(pki.make_signer_p12(authority, "Nguyễn Văn Ký", "UBND huyện Ninh Phước", PASSWORD))
    settings.KEHOACH_SIGNING_P12 = str(p12)
    settings.KEHOACH_SIGNING_P12_PASSWORD = PASSWORD.decode()
    settings.KEHOACH_SIGNING_TRUST_ROOTS = []
    settings.KEHOACH_SIGNING_TRUST_DIR = tmp_path / "trust"
    return authority


def _issued(api, plan, user="lanhdao", kind="urging"):
    doc_id = (
        api("noivu")
        .post(
            f"/api/v1/plans/{plan.pk}/documents",
            {"type": kind, "period": "2021-H1"},
            content_type="application/json",
        )
        .json()["id"]
    )
    r = api(user).post(f"/api/v1/documents/{doc_id}/issue", {}, content_type="application/json")
    assert r.status_code == 200, r.content
    return doc_id


def _sign(api, doc_id, user="lanhdao"):
    return api(user).post(f"/api/v1/documents/{doc_id}/sign")


def _verify(api, data: bytes, user="noivu"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("van-ban.pdf", data, content_type="application/pdf")
    return api(user).post("/api/v1/documents/verify", {"file": upload})


def _signed_copy(api, doc_id) -> bytes:
    r = api("noivu").get(f"/api/v1/documents/{doc_id}/file?format=signed")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf", r.content[:200]
    return r.content


def test_a_signed_pdf_verifies_valid_and_redownloads_byte_identical(plan, api, trusted):
    from kehoach.core.models import AuditEntry
    from kehoach.reports.models import OutgoingDocument

    doc_id = _issued(api, plan)
    issued_pdf = api("noivu").get(f"/api/v1/documents/{doc_id}/file?format=pdf").content
    r = _sign(api, doc_id)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["signer"] == "Nguyễn Văn Ký" and body["test_certificate"] is False
    signed = _signed_copy(api, doc_id)
    assert hashlib.sha256(signed).hexdigest() == body["signed_sha256"]
    assert _signed_copy(api, doc_id) == signed  # frozen: byte-identical on every download
    # The issued PDF is untouched; the signature is an incremental update of exactly those bytes.
    assert api("noivu").get(f"/api/v1/documents/{doc_id}/file?format=pdf").content == issued_pdf
    assert signed.startswith(issued_pdf)
    v = _verify(api, signed)
    assert v.status_code == 200, v.content
    assert v.json()["status"] == "valid" and v.json()["label"] == "Hợp lệ"
    assert v.json()["signer"] == "Nguyễn Văn Ký"
    assert v.json()["document"] == {"id": doc_id, "number": body["number"]}
    doc = OutgoingDocument.objects.get(pk=doc_id)
    assert doc.signed_sha256 == body["signed_sha256"] and doc.signer_name == "Nguyễn Văn Ký"
    verbs = list(AuditEntry.objects.filter(object_id=str(doc_id)).values_list("verb", flat=True))
    assert any(v.startswith("ký số văn bản số") for v in verbs) and "kiểm tra chữ ký số" in verbs
    # Signed once only.
    again = _sign(api, doc_id)
    assert again.status_code == 409 and "đã được ký số" in again.json()["detail"]


def test_the_visible_signature_box_sits_above_the_signers_name(plan, api, trusted):
    """In the gap of the signature block, on the page of the signer's name (not the annex's last page)."""
    import pdfplumber
    from pypdf import PdfReader

    from kehoach.reports.documents import decree30 as d30

    doc_id = _issued(api, plan, kind="report")  # a report: its Phụ lục follows the signature page
    assert _sign(api, doc_id).status_code == 200
    signed = _signed_copy(api, doc_id)
    reader = PdfReader(io.BytesIO(signed))
    assert len(reader.pages) > 1
    boxes = [
        (i, [float(x) for x in a.get_object()["/Rect"]])
        for i, page in enumerate(reader.pages)
        for a in page.get("/Annots") or []
        if a.get_object().get("/FT") == "/Sig"
    ]
    assert len(boxes) == 1
    index, (x0, y0, x1, y1) = boxes[0]
    assert x1 - x0 > 100 and y1 - y0 > 30  # visible, not a zero-size field
    name = d30.signature_lines(plan)[2]
    with pdfplumber.open(io.BytesIO(signed)) as pdf:
        page = pdf.pages[index]
        line = next(h for h in page.search(name, regex=False) if h["x0"] > page.width / 2)
    name_top = page.height - line["top"]  # in PDF coordinates
    assert name_top <= y0 <= name_top + 10  # just above the name, in the signature block's gap
    assert x0 <= (line["x0"] + line["x1"]) / 2 <= x1
    assert index < len(reader.pages) - 1  # the signature page, not the annex's last page


def test_a_modified_copy_verifies_modified(plan, api, trusted):
    doc_id = _issued(api, plan)
    _sign(api, doc_id)
    signed = _signed_copy(api, doc_id)
    appended = signed + b"\n% them mot dong sau khi ky\n"
    r = _verify(api, appended)
    assert r.status_code == 200 and r.json()["status"] == "modified", r.content
    assert r.json()["label"] == "Đã bị sửa đổi sau khi ký" and r.json()["document"] is None
    # One byte changed inside the signed content (a page's content stream).
    start = signed.index(b"stream\n", len(signed) // 4) + 20
    changed = bytearray(signed)
    changed[start] ^= 0x01
    r = _verify(api, bytes(changed))
    assert r.status_code == 200 and r.json()["status"] == "modified", r.content


def test_a_pdf_signed_under_another_ca_is_an_unknown_signer(plan, api, trusted):
    """The issuer's own certificate (admin override, stored in the database) from a CA nobody trusts."""
    from kehoach.reports.models import SigningCertificate

    stranger = pki.make_authority("CA lạ")
    SigningCertificate.objects.create(
        issuer=plan.issuer,
        p12_content=pki.make_signer_p12(stranger, "Người Lạ", "Không rõ", None),
        is_test=True,
    )
    doc_id = _issued(api, plan)
    r = _sign(api, doc_id)
    assert r.status_code == 200 and r.json()["signer"] == "Người Lạ" and r.json()["test_certificate"]
    v = _verify(api, _signed_copy(api, doc_id))
    assert v.json()["status"] == "unknown_signer", v.content
    assert v.json()["label"].startswith("Không rõ người ký")


def test_unsigned_and_non_pdf_uploads(plan, api, trusted):
    doc_id = _issued(api, plan)
    pdf = api("noivu").get(f"/api/v1/documents/{doc_id}/file?format=pdf").content
    assert _verify(api, pdf).json()["status"] == "unsigned"
    r = _verify(api, b"PK\x03\x04 not a pdf")
    assert r.status_code == 422 and r.json()["detail"] == "Tệp tải lên không phải PDF."
    assert _verify(api, pdf, user=None).status_code == 401


def test_signing_is_refused_for_drafts_outsiders_and_without_a_certificate(
    plan, api, settings, trusted, viewer
):
    draft = (
        api("noivu")
        .post(
            f"/api/v1/plans/{plan.pk}/documents",
            {"type": "urging", "period": "2021-H1"},
            content_type="application/json",
        )
        .json()["id"]
    )
    r = _sign(api, draft)
    assert r.status_code == 409 and "đã ban hành" in r.json()["detail"]
    doc_id = _issued(api, plan)
    assert _sign(api, doc_id, user="phuocdan").status_code in (403, 404)  # another unit
    assert _sign(api, doc_id, user="xem").status_code == 403  # read-only role of the coordinator's unit
    assert _sign(api, doc_id, user=None).status_code == 401
    r = api("noivu").get(f"/api/v1/documents/{doc_id}/file?format=signed")
    assert r.status_code == 400 and r.json()["detail"] == "Văn bản chưa được ký số."
    settings.KEHOACH_SIGNING_P12 = ""
    r = _sign(api, doc_id)
    assert r.status_code == 400 and "chưa có chứng thư số" in r.json()["detail"]
    settings.KEHOACH_SIGNING_P12 = trusted and str(settings.KEHOACH_SIGNING_TRUST_DIR.parent / "signer.p12")
    settings.KEHOACH_SIGNING_P12_PASSWORD = "sai"
    r = _sign(api, doc_id)
    assert r.status_code == 400 and "Không mở được chứng thư số" in r.json()["detail"]
    from kehoach.reports.models import OutgoingDocument

    assert OutgoingDocument.objects.get(pk=doc_id).signed_sha256 == ""  # nothing half-saved


def test_pages_sign_and_verify_with_the_demo_test_certificate(plan, api, web, settings, tmp_path):
    """`kehoach demo` makes a throwaway CA and signer under the data dir: signing works on a fresh
    clone, and the pages say it is a test certificate."""
    from kehoach.reports.demo import load_signing

    settings.DATA_DIR = tmp_path
    settings.KEHOACH_SIGNING_P12 = ""
    settings.KEHOACH_SIGNING_TRUST_ROOTS = []
    settings.KEHOACH_SIGNING_TRUST_DIR = tmp_path / "signing" / "trust"
    cert = load_signing(plan)
    assert cert.is_test and (tmp_path / "signing" / "trust" / "demo-ca.pem").exists()
    assert load_signing(plan).pk == cert.pk  # idempotent
    doc_id = _issued(api, plan)
    client = web("lanhdao")
    page = client.get(f"/dashboard/documents/{doc_id}/")
    assert "Chứng thư thử nghiệm" in page.content.decode() and "Ký số" in page.content.decode()
    r = client.post(f"/dashboard/documents/{doc_id}/sign/", follow=True)
    html = r.content.decode()
    assert "Đã ký số văn bản số" in html and "không có giá trị pháp lý" in html
    signed = client.get(f"/dashboard/documents/{doc_id}/file/?format=signed").content
    register = client.get(f"/dashboard/plans/{plan.pk}/documents/?year={_year(doc_id)}").content.decode()
    assert "Kiểm tra chữ ký số" in register and "?format=signed" in register
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(
        f"/dashboard/plans/{plan.pk}/documents/verify/",
        {"file": SimpleUploadedFile("ky-so.pdf", signed, content_type="application/pdf")},
    )
    assert r.status_code == 200 and 'data-status="valid"' in r.content.decode()
    assert "Hợp lệ" in r.content.decode()
    r = client.post(
        f"/dashboard/plans/{plan.pk}/documents/verify/",
        {"file": SimpleUploadedFile("sua.pdf", signed + b"%x\n", content_type="application/pdf")},
    )
    assert 'data-status="modified"' in r.content.decode()
    r = client.post(f"/dashboard/plans/{plan.pk}/documents/verify/", {})
    assert r.status_code == 422 and "Hãy chọn tệp PDF" in r.content.decode()
    assert web("phuocdan").get(f"/dashboard/plans/{plan.pk}/documents/verify/").status_code == 404


def _year(doc_id):
    from kehoach.reports.models import OutgoingDocument

    return OutgoingDocument.objects.get(pk=doc_id).year
