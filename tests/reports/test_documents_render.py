"""The DOCX files as LibreOffice lays them out (what a colleague without Word sees): no blank page.

Skipped where LibreOffice is not installed (`apt-get install libreoffice-writer-nogui`); the script
`scripts/render_documents.py` renders the same documents to PNG for a look by eye.
"""

import datetime
import shutil
import subprocess

import pdfplumber
import pytest
import time_machine

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)


def test_no_blank_page_in_the_libreoffice_render_of_the_demo_docx(demo, tmp_path):
    from django.contrib.auth import get_user_model

    from kehoach.reports.documents import compile as c

    user = get_user_model().objects.get(username="noivu")
    july, january = datetime.date(2021, 7, 5), datetime.date(2022, 1, 10)
    makers = {
        "bao-cao-2021-H1": lambda: c.compile_report(user, demo, "2021-H1", "docx", july),
        "bao-cao-2021": lambda: c.compile_report(user, demo, "2021", "docx", january),
        "ke-hoach": lambda: c.compile_plan(user, demo, "docx"),
        "cong-van-2021-H1": lambda: c.compile_urging(user, demo, "2021-H1", "docx", july),
    }
    with time_machine.travel(datetime.datetime(2022, 1, 10, 9, tzinfo=datetime.UTC), tick=False):
        for name, make in makers.items():
            (tmp_path / f"{name}.docx").write_bytes(make().content)
    out = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(tmp_path / f"{name}.docx") for name in makers],
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    blank = {}
    for name in makers:
        with pdfplumber.open(out / f"{name}.pdf") as pdf:
            assert len(pdf.pages) >= 2, name
            empty = [i for i, p in enumerate(pdf.pages, 1) if not (p.extract_text() or "").strip()]
        if empty:
            blank[name] = empty
    assert not blank, f"blank pages: {blank}"
