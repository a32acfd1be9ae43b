#!/usr/bin/env python3
"""Render the demo's documents as a person would see them, to PNG, for a look by eye.

Compiles the 2021-H1 report, the 2021 report, the plan export and the urging letter in DOCX and PDF,
converts each DOCX to PDF with LibreOffice (as Word users' colleagues would open it), and every PDF
to PNG with pdftoppm. Prints, per PDF, its pages and any page without text (a blank page).

Usage (from the repository, with the project's .venv):
    .venv/bin/python scripts/render_documents.py [--out DIR] [--dpi 60] [--install]

The database is the one of KEHOACH_DATA_DIR / DATABASE_URL; when it holds no demo, a throwaway data
dir is made and `kehoach demo` loaded into it. LibreOffice missing: the DOCX step is skipped with a
message (``--install`` runs apt-get install libreoffice-writer-nogui when root).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _demo_plan():
    from django.core.management import call_command

    from kehoach.plans.models import Plan

    call_command("migrate", verbosity=0)
    plan = Plan.objects.filter(number__startswith="19/KH").first()
    if plan is None:
        call_command("demo")
        plan = Plan.objects.get(number__startswith="19/KH")
    return plan


def compile_all(out: Path) -> list[Path]:
    """The four documents in DOCX and PDF, as drafts compiled on the day a clerk would."""
    from django.contrib.auth import get_user_model

    from kehoach.reports.documents import compile as c

    plan = _demo_plan()
    user = get_user_model().objects.get(username="noivu")
    july, january = datetime.date(2021, 7, 5), datetime.date(2022, 1, 10)
    makers = {
        "bao-cao-2021-H1": lambda fmt: c.compile_report(user, plan, "2021-H1", fmt, july),
        "bao-cao-2021": lambda fmt: c.compile_report(user, plan, "2021", fmt, january),
        "ke-hoach": lambda fmt: c.compile_plan(user, plan, fmt),
        "cong-van-don-doc-2021-H1": lambda fmt: c.compile_urging(user, plan, "2021-H1", fmt, july),
    }
    files = []
    for name, make in makers.items():
        for fmt in ("docx", "pdf"):
            path = out / f"{name}.{fmt}"
            path.write_bytes(make(fmt).content)
            files.append(path)
    return files


def soffice(install: bool) -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or not install:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    print("== Cài LibreOffice (libreoffice-writer-nogui) ...")
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "libreoffice-writer-nogui"], check=False
    )
    return shutil.which("soffice")


def docx_to_pdf(binary: str, docx_files: list[Path], outdir: Path) -> list[Path]:
    """LibreOffice headless, with a private profile (no clash with a running office, no first-run)."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return [outdir / f"{p.stem}.pdf" for p in docx_files]


def blank_pages(pdf: Path) -> tuple[int, list[int]]:
    """(pages, 1-based numbers of the pages with no text)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages), [i for i, p in enumerate(doc.pages, 1) if not (p.extract_text() or "").strip()]


def to_png(pdf: Path, outdir: Path, dpi: int) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(outdir / pdf.stem)], check=True)
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "var" / "render"), help="thư mục kết quả")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--install", action="store_true", help="cài LibreOffice nếu thiếu (apt-get, root)")
    args = parser.parse_args()
    if not os.environ.get("KEHOACH_DATA_DIR") and not os.environ.get("DATABASE_URL"):
        os.environ["KEHOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="kehoach-render-")
    _setup_django()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = compile_all(out)
    pdfs = {f"weasyprint/{p.stem}": p for p in files if p.suffix == ".pdf"}
    binary = soffice(args.install)
    if binary:
        for p in docx_to_pdf(binary, [f for f in files if f.suffix == ".docx"], out / "libreoffice"):
            pdfs[f"libreoffice/{p.stem}"] = p
    else:
        print(
            "!! Không có LibreOffice (soffice): bỏ qua bước DOCX → PDF. Cài: apt-get install libreoffice-writer-nogui"
        )
    if not shutil.which("pdftoppm"):
        print("!! Không có pdftoppm: cài poppler-utils để có ảnh PNG.")
    problems = 0
    for label, pdf in sorted(pdfs.items()):
        pages, blank = blank_pages(pdf)
        pngs = to_png(pdf, out / "png" / label.split("/")[0], args.dpi) if shutil.which("pdftoppm") else []
        note = f"TRANG TRẮNG: {blank}" if blank else "không có trang trắng"
        problems += bool(blank)
        print(f"{label}: {pages} trang, {note}, {len(pngs)} ảnh PNG")
    print(f"Kết quả: {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
