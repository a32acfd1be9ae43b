"""``kehoach import-plan FILE [--json] [--year YYYY]`` through cli.main and as a separate process."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import DATA
from kehoach.importing.cli import main

SEED = str(DATA / "seed_ninh_phuoc_2021.txt")


def test_json(capsys, validate):
    assert main([SEED, "--json"]) == 0
    out = capsys.readouterr().out
    plan = validate(json.loads(out))
    assert plan["document"]["number"] == "19/KH-UBND"
    assert "Ủy ban" in out  # ensure_ascii=False


def test_summary(capsys):
    assert main([SEED]) == 0
    out = capsys.readouterr().out
    assert "Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021" in out
    assert "Hoạt động (7)" in out


def test_year_option(tmp_path, capsys):
    path = tmp_path / "kh.txt"
    path.write_text(
        "KẾ HOẠCH\nTuyên truyền pháp luật\n\nI. NỘI DUNG\n1. Báo cáo trước ngày 15/6.\n", encoding="utf-8"
    )
    assert main([str(path), "--json", "--year", "2026"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["document"]["year"] == 2026
    assert plan["duties"][0]["due"]["date"] == "2026-06-15"


def _one_line_error(capsys, argv):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1, captured.err
    assert "Traceback" not in captured.err
    return captured.err


def test_missing_path(capsys, tmp_path):
    assert "Không tìm thấy tệp" in _one_line_error(capsys, [str(tmp_path / "none.txt")])


def test_bad_args(capsys):
    _one_line_error(capsys, [])
    _one_line_error(capsys, [SEED, "--year", "abc"])
    _one_line_error(capsys, [SEED, "--bogus"])


def test_empty_and_unsupported(capsys, tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    _one_line_error(capsys, [str(tmp_path / "e.txt")])
    (tmp_path / "x.xls").write_bytes(b"abc")
    _one_line_error(capsys, [str(tmp_path / "x.xls")])
    (tmp_path / "r.pdf").write_bytes(b"%PDF-1.4 garbage")
    _one_line_error(capsys, [str(tmp_path / "r.pdf")])


def test_separate_process_does_not_import_django(tmp_path):
    code = (
        "import sys; from kehoach.importing.cli import main; rc = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules and 'docx' not in sys.modules and 'pypdf' not in sys.modules; sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, SEED, "--json"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema_version"] == "1"
    bad = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.txt")], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
