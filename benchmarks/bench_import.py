"""Importer timings: parse time per document and the CLI's whole-process time vs `python3 -c pass`.

Run: python benchmarks/bench_import.py [--limits-only]
Aims: ~100-page plan < 2 s; a 5 MB generated plan < 10 s and < 500 MB; doubling a document at most
~2.2x the time (up to 5 MB); the blank-line and empty-paragraph files refused or parsed < 2 s.
(The CLI stays above 3x python start-up since the regex cache was removed: plain compiled patterns.)
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kehoach.importing import parse_bytes, parse_file  # noqa: E402

SEED = ROOT / "tests" / "importing" / "data" / "seed_ninh_phuoc_2021.txt"
UNITS = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Văn phòng UBND tỉnh",
    "Công an tỉnh",
    "Sở Khoa học và Công nghệ",
]
TIMES = [
    "Quý I/2026",
    "Quý II/2026",
    "Tháng 9/2026",
    "Thường xuyên",
    "6 tháng đầu năm",
    "Trước ngày 15/12/2026",
]


def big_plan(pages: int = 100) -> str:
    """A generated plan of about ``pages`` pages: body sections, a long activity table, duties."""
    rnd = random.Random(7)
    out = [
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 99/KH-UBND\nKhánh Hòa, ngày 05 tháng 01 năm 2026\n",
        "KẾ HOẠCH\nCải cách hành chính nhà nước tỉnh Khánh Hòa năm 2026\n",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n",
    ]
    para = (
        "Tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp; "
        "bảo đảm công khai, minh bạch, trách nhiệm giải trình của cơ quan hành chính nhà nước các cấp."
    )
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for r in romans[: max(1, pages // 12)]:
        out.append(f"{r}. NỘI DUNG PHẦN {r}\n")
        for n in range(1, 8):
            out.append(f"{n}. Nhiệm vụ {n}\n")
            for letter in "abcd":
                out.append(
                    f"{letter}) {para}\n- {para}\n- Báo cáo trước ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/2026.\n"
                )
    out.append("VI. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm\n")
    for k, unit in enumerate(UNITS):
        out.append(f"{'abcdeg'[k]}) {unit}:\n- Định kỳ hằng quý báo cáo gửi về Sở Nội vụ.\n- {para}\n")
    out.append(
        "\nSTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tSản phẩm\tKinh phí\tGhi chú\n"
    )
    for i in range(1, pages * 6):
        out.append(
            f"{i}\t{para[: rnd.randint(60, 200)]}\t{rnd.choice(UNITS)}\t{rnd.choice(UNITS)}; {rnd.choice(UNITS)} và các cơ quan liên quan"
            f"\t{rnd.choice(TIMES)}\tBáo cáo\tNgân sách tỉnh\t\n"
        )
    return "\n".join(out)


def pdf_plan(pages: int = 20) -> bytes:
    """A PDF (weasyprint) whose appendix is a ruled table with a header repeated on every page."""
    from weasyprint import HTML

    rnd = random.Random(3)
    rows = "".join(
        f"<tr><td>{i}</td><td>Triển khai nhiệm vụ cải cách hành chính số {i}, bảo đảm công khai, minh bạch</td>"
        f"<td>{rnd.choice(UNITS)}</td><td>{rnd.choice(UNITS)}; UBND các xã, phường</td>"
        f"<td>{rnd.choice(TIMES)}</td><td>Báo cáo</td><td></td></tr>"
        for i in range(1, pages * 14)
    )
    html = (
        "<html><head><meta charset='utf-8'><style>@page{size:A4 landscape;margin:1.5cm}"
        "table{border-collapse:collapse}td,th{border:1px solid #000;padding:3px}</style></head><body>"
        "<p>ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA</p><p>Số: 99/KH-UBND</p><p>KẾ HOẠCH</p>"
        "<p>Cải cách hành chính năm 2026</p><table><thead><tr><th>STT</th><th>Nội dung</th>"
        "<th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th><th>Thời gian thực hiện</th><th>Sản phẩm</th>"
        f"<th>Ghi chú</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
    )
    return HTML(string=html).write_pdf()


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_child(code: str) -> str:
    """Run ``code`` in a fresh interpreter (its own peak memory) and return what it prints."""
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'src'}:{ROOT / 'tests' / 'importing'}")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def limits() -> None:
    """Linear time, bounded memory, caps (issue 10)."""
    child = (
        "import time,resource,sys; from _shapes import plan; from kehoach.importing import parse_bytes\n"
        "n=int(sys.argv[1]) if len(sys.argv)>1 else {n}; d=plan(n); t=time.perf_counter(); p=parse_bytes(d,'x.txt')\n"
        "print(len(d), round(time.perf_counter()-t,2), len(p['activities']), "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024)"
    )
    prev = None
    for n in (2600, 5200, 10400, 20800):  # about 0.6, 1.3, 2.6 and 5.1 MB
        size, secs, acts, mb = _in_child(child.format(n=n)).split()
        ratio = f" ({float(secs) / prev:.2f}x the half size)" if prev else ""
        print(f"generated plan {int(size) / 1e6:.1f} MB, {acts} activities: {secs} s, peak {mb} MB{ratio}")
        prev = float(secs)
    from _docx_shapes import empty_paragraphs

    from kehoach.importing import DocumentError

    for label, data, name in (
        ("20 KB of blank lines", b"KE HOACH\n" + b"\n" * 20_000, "blank.txt"),
        ("80 KB of blank lines", b"KE HOACH\n" + b"\n \n" * 27_000, "blank.txt"),
        ("1.3 MB .docx of empty paragraphs", empty_paragraphs(230_000), "rong.docx"),
        ("6 MB .docx of empty paragraphs", empty_paragraphs(1_000_000), "rong.docx"),
    ):
        t0 = time.perf_counter()
        try:
            parse_bytes(data, name)
            outcome = "parsed"
        except DocumentError as exc:
            outcome = f"refused ({type(exc).__name__})"
        print(f"{label} ({len(data) // 1024} KB): {outcome} in {time.perf_counter() - t0:.2f} s")


def main() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "importing"))
    limits()
    if "--limits-only" in sys.argv:
        return
    seed_t = timed(lambda: parse_file(SEED))
    print(f"parse seed ({SEED.stat().st_size // 1024} KB): {seed_t * 1000:.1f} ms")
    text = big_plan()
    data = text.encode()
    plan = parse_bytes(data, "big.txt")
    big_t = timed(lambda: parse_bytes(data, "big.txt"), repeat=2)
    print(
        f"parse generated ~100-page plan ({len(data) // 1024} KB, {len(plan['activities'])} activities, "
        f"{len(plan['duties'])} duties): {big_t:.2f} s (aim < 2 s)"
    )
    pdf = pdf_plan(20)
    pdf_plan_ = parse_bytes(pdf, "big.pdf")
    pdf_t = timed(lambda: parse_bytes(pdf, "big.pdf"), repeat=1)
    print(
        f"parse 20-page PDF (ruled appendix table over the pages, {len(pdf_plan_['activities'])} activities): "
        f"{pdf_t:.2f} s"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    # an installed package has its bytecode compiled; don't measure source compilation
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", "import kehoach.importing.cli"], env=env, check=True)
    py = sys.executable
    base = timed(lambda: subprocess.run([py, "-c", "pass"], check=True, env=env), repeat=15)
    cli_code = "import sys; from kehoach.importing.cli import main; sys.exit(main(sys.argv[1:]))"
    script = shutil.which("kehoach")
    cli = timed(
        lambda: subprocess.run(
            [py, "-c", cli_code, str(SEED), "--json"], check=True, env=env, stdout=subprocess.DEVNULL
        ),
        repeat=15,
    )
    print(
        f"python -c pass: {base * 1000:.0f} ms; CLI on the seed (--json): {cli * 1000:.0f} ms = {cli / base:.1f}x (aim <= 3x)"
    )
    if script:
        with tempfile.TemporaryDirectory():
            cs = timed(
                lambda: subprocess.run(
                    [script, "import-plan", str(SEED), "--json"], env=env, stdout=subprocess.DEVNULL
                ),
                repeat=3,
            )
        print(f"`kehoach import-plan` console script: {cs * 1000:.0f} ms = {cs / base:.1f}x")


if __name__ == "__main__":
    main()
