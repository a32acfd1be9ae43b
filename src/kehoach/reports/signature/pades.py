"""Ký số PAdES và kiểm tra chữ ký (pyHanko): sign an issued PDF with a PKCS#12 certificate, with a
visible box in the signature block, and tell whether an uploaded PDF is valid, modified or signed by
someone the trust roots do not know.

No Django here: the caller (``reports.services``) picks the certificate and the trust roots.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

FIELD_NAME = "ChuKySo"
BOX_WIDTH_PT = 190.0
BOX_HEIGHT_PT = 54.0


class SigningError(Exception):
    """The certificate cannot be opened (wrong password, not PKCS#12) or the PDF cannot be signed."""


@dataclass
class Verdict:
    """Kết quả kiểm tra: ``status`` is valid | modified | unknown_signer | unsigned."""

    status: str
    signer: str = ""
    signed_at: datetime.datetime | None = None
    details: list[str] = field(default_factory=list)

    LABELS = {
        "valid": "Hợp lệ",
        "modified": "Đã bị sửa đổi sau khi ký",
        "unknown_signer": "Không rõ người ký (chứng thư không thuộc tổ chức chứng thực được tin cậy)",
        "unsigned": "Tệp không có chữ ký số",
    }

    @property
    def label(self) -> str:
        return self.LABELS[self.status]


def load_signer(p12: bytes, password: bytes | None):
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, [], passphrase=password or None)
    except Exception as exc:  # pyHanko raises several types for a bad file or password
        raise SigningError(f"Không mở được chứng thư số (sai mật khẩu hoặc không phải tệp PKCS#12): {exc}")
    if signer is None:
        raise SigningError("Không mở được chứng thư số (sai mật khẩu hoặc không phải tệp PKCS#12).")
    return signer


def common_name(cert) -> str:
    """The signer's name as printed: the certificate's CN (asn1crypto certificate)."""
    subject = cert.subject.native
    return subject.get("common_name") or cert.subject.human_friendly


def signature_box(pdf: bytes, signer_name: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box in PDF points) for the visible signature: in the gap of the signature block,
    just above the signer's printed name (right column); bottom right of the last page otherwise."""
    import pdfplumber

    name = " ".join(signer_name.split())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = len(doc.pages) - 1
        fallback = (
            last,
            (doc.pages[-1].width - 60 - BOX_WIDTH_PT, 80.0, doc.pages[-1].width - 60, 80 + BOX_HEIGHT_PT),
        )
        if not name:
            return fallback
        for index, page in enumerate(doc.pages):
            # Words, not lines: the name shares its text line with an entry of "Nơi nhận" on the left.
            for hit in page.search(name, regex=False, return_chars=False):
                if hit["x0"] < page.width * 0.4:
                    continue
                centre = (hit["x0"] + hit["x1"]) / 2
                x0 = max(centre - BOX_WIDTH_PT / 2, page.width * 0.45)
                x1 = min(x0 + BOX_WIDTH_PT, page.width - 20)
                bottom = page.height - hit["top"] + 3  # PDF y grows upwards
                return index, (x0, bottom, x1, bottom + BOX_HEIGHT_PT)
    return fallback


def stamp_pdf(lines: list[str], width: float = BOX_WIDTH_PT, height: float = BOX_HEIGHT_PT) -> bytes:
    """The look of the visible signature box, a one-page PDF the size of the box (WeasyPrint: the
    document's own Times-compatible font with Vietnamese, vector text, a thin red frame)."""
    from html import escape

    from weasyprint import HTML

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return HTML(
        string=f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: {width}pt {height}pt; margin: 0; }}
html {{ font-family: "Times New Roman", "Liberation Serif", Tinos, serif; font-size: 8.5pt; color: #b3261e; }}
body {{ margin: 0; }}
div {{ box-sizing: border-box; height: {height}pt; border: 1pt solid #b3261e; padding: 3pt 5pt; }}
p {{ margin: 0; line-height: 1.2; }}
</style></head><body><div>{body}</div></body></html>"""
    ).write_pdf()


def sign_pdf(
    pdf: bytes,
    p12: bytes,
    password: bytes | None,
    *,
    signer_name: str,
    reason: str,
    location: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> tuple[bytes, str]:
    """Sign ``pdf`` (PAdES B-B, SHA-256) as an incremental update; returns (signed bytes, CN of the signer).

    The visible box says who signed (the certificate's name), the organisation, when, and ``note``
    (e.g. "Chứng thư thử nghiệm").
    """
    import tempfile

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    signer = load_signer(p12, password)
    name = common_name(signer.signing_cert)
    organisation = signer.signing_cert.subject.native.get("organization_name", "")
    when = (now or datetime.datetime.now().astimezone()).strftime("%d/%m/%Y %H:%M")
    lines = [
        f"Ký số bởi: {name}",
        *([f"Cơ quan: {organisation}"] if organisation else []),
        f"Ngày ký: {when}",
    ]
    if note:
        lines.append(note)
    page, box = signature_box(pdf, signer_name)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    spec = fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box)
    out = io.BytesIO()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as look:
        look.write(stamp_pdf(lines, box[2] - box[0], box[3] - box[1]))
        look.flush()
        style = StaticStampStyle.from_pdf_file(look.name, border_width=0)
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec).sign_pdf(
                writer, output=out
            )
        except Exception as exc:
            raise SigningError(f"Không ký được tệp PDF: {exc}")
    return out.getvalue(), name


def load_roots(paths: list[Path]):
    """Trust roots (PEM or DER certificates; a PEM file may hold several)."""
    from asn1crypto import pem
    from asn1crypto import x509 as ax509

    roots = []
    for path in paths:
        data = path.read_bytes()
        if pem.detect(data):
            roots += [ax509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        else:
            roots.append(ax509.Certificate.load(data))
    return roots


def verify_pdf(data: bytes, roots) -> Verdict:
    """Kiểm tra chữ ký số of an uploaded PDF against ``roots``.

    Strict on purpose: our issued PDFs are signed once and never updated, so any byte outside the
    signed range (an appended revision, trailing bytes) counts as modified, as does a digest mismatch.
    """
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data.lstrip()[:5] == b"%PDF-":
        raise ValueError("Tệp tải lên không phải PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        # A PDF whose structure no longer parses was damaged after signing (or never was one).
        return Verdict("modified", details=[f"Cấu trúc PDF bị hỏng: {exc}"])
    if not signatures:
        return Verdict("unsigned")
    sig = signatures[0]
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(sig, context)
    except (SignatureValidationError, PdfReadError, ValueError, KeyError) as exc:
        return Verdict("modified", details=[str(exc)])
    signer = common_name(status.signing_cert) if status.signing_cert is not None else ""
    verdict = Verdict("valid", signer=signer, signed_at=status.signer_reported_dt)
    if not status.intact or not status.valid:
        verdict.status = "modified"
        verdict.details.append("Mã băm của nội dung không khớp với chữ ký.")
    elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE or len(signatures) > 1:
        verdict.status = "modified"
        verdict.details.append("Có dữ liệu được thêm vào sau phần đã ký.")
    elif not status.trusted:
        verdict.status = "unknown_signer"
    return verdict
