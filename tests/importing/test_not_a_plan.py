"""Garbage is not a plan (không nhận ra kế hoạch): refused with exit 2 and one line, never an empty draft."""

from __future__ import annotations

import pytest

from kehoach.importing import DocumentError, NotAPlan, parse_bytes
from kehoach.importing.cli import main


@pytest.mark.parametrize(
    "data",
    [
        bytes([0x8F, 0x13, 0xE2, 0x7A, 0x01, 0xC4, 0x5D, 0xB9, 0x66, 0x2F]),
        "Xin chào các bạn.\nHôm nay trời đẹp.\n".encode(),
        b"lorem ipsum dolor sit amet\n" * 200,
    ],
)
def test_text_with_no_heading_activity_or_duty_is_not_a_plan(data):
    with pytest.raises(NotAPlan, match="Không nhận ra kế hoạch"):
        parse_bytes(data, "x.txt")


def test_a_heading_alone_is_still_read():
    plan = parse_bytes("ỦY BAN NHÂN DÂN\nXÃ AN HẢI\nSố: 5/KH-UBND\nKẾ HOẠCH\nDọn vệ sinh\n".encode(), "x.txt")
    assert plan["document"]["number"] == "5/KH-UBND" and plan["activities"] == []


def test_cli_refuses_garbage_with_exit_2_and_one_line(tmp_path, capsys):
    f = tmp_path / "rac.txt"
    f.write_bytes(bytes([0x8F, 0x13, 0xE2, 0x7A, 0x01, 0xC4, 0x5D, 0xB9, 0x66, 0x2F]))
    assert main([str(f), "--json"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Không nhận ra kế hoạch" in err


def test_not_a_plan_is_a_document_error():
    assert issubclass(NotAPlan, DocumentError) and NotAPlan.status == 422
