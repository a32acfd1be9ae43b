"""The plan export reproduces the signed plan: import the seed, export it, find its sentences verbatim."""

import re
import unicodedata
from pathlib import Path

import pytest

from tests.reports.conftest import docx_text, open_docx

SEED = Path("/work/shared/seeds/000_c557cbcf6dde1e79.txt")


def _norm(text: str) -> str:
    """NFC, the extraction's stray marks ("*Abz*", "**") removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\*\*|\*[A-Za-z0-9]{1,4}\*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str) -> list[str]:
    out = []
    for para in re.split(r"\n\s*\n|\t|\n", text):
        para = _norm(para)
        out += [s for s in re.split(r"(?<=[.;:!?])\s+", para) if len(s) > 15]
    return out


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not on this machine")
def test_import_then_export_reads_as_the_signed_plan(org):
    from kehoach.importing import parse_bytes
    from kehoach.plans.models import PlanStatus
    from kehoach.plans.services import save_imported_plan
    from kehoach.reports.documents import builders, data
    from kehoach.reports.documents.docx import render_docx

    raw = SEED.read_bytes()
    plan = save_imported_plan(
        parse_bytes(raw, SEED.name),
        status=PlanStatus.ISSUED,
        issuer=org["ubnd"],
        source_name=SEED.name,
        source_text=raw.decode("utf-8"),
    )
    exported = _norm(docx_text(open_docx(render_docx(builders.plan_document(data.plan_data(plan))))))
    original = raw.decode("utf-8")
    # The signed text from its title to the signature (the appendix table is rebuilt from the data).
    body = original[original.index("Tuyên truyền cải cách hành chính") : original.index("**KT.")]
    sentences = _sentences(body)
    missing = [s for s in sentences if s not in exported]
    assert len(sentences) > 60
    assert 1 - len(missing) / len(sentences) >= 0.98, missing[:5]
    assert "Trên đây là Kế hoạch tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021." in exported
    assert "- Lưu: VTUB, NV." in exported and "Lưu: VT," not in exported
    assert "Thực hiện Quyết định số 3641/QĐ-UBND" in exported
