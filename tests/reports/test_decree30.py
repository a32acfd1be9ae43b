"""The Decree 30/2020 wording rules: numbers, place and date, issuer lines, recipients."""

import datetime
from types import SimpleNamespace

import pytest

from kehoach.reports.documents import decree30 as d30


def test_numbers_below_ten_get_a_leading_zero():
    assert d30.format_number(5, "BC-UBND") == "Số: 05/BC-UBND"
    assert d30.format_number(12, "UBND-NV") == "Số: 12/UBND-NV"


def test_number_zero_is_refused():
    with pytest.raises(ValueError):
        d30.format_number(0, "BC-UBND")


@pytest.mark.parametrize(
    ("issuer", "place"),
    [
        ("Ủy ban nhân dân huyện Ninh Phước", "Ninh Phước"),
        ("Ủy ban nhân dân xã Phước Hậu", "Phước Hậu"),
        ("Ủy ban nhân dân thị trấn Phước Dân", "Phước Dân"),
        ("Ủy ban nhân dân tỉnh Ninh Thuận", "Ninh Thuận"),
        ("Sở Nội vụ", "Sở Nội vụ"),
    ],
)
def test_place_is_the_words_after_the_administrative_level(issuer, place):
    assert d30.place_name(issuer) == place


def test_date_line_has_leading_zeros_for_days_and_the_first_two_months():
    assert d30.place_date("Ủy ban nhân dân huyện Ninh Phước", datetime.date(2021, 7, 5)) == (
        "Ninh Phước, ngày 05 tháng 7 năm 2021"
    )
    assert d30.place_date("Ủy ban nhân dân huyện Ninh Phước", datetime.date(2021, 1, 25)).endswith(
        "ngày 25 tháng 01 năm 2021"
    )


def test_peoples_committee_is_written_on_two_upper_case_lines():
    unit = SimpleNamespace(name="Ủy ban nhân dân huyện Ninh Phước", kind="peoples_committee", parent=None)
    assert d30.issuer_lines(unit) == ("", "ỦY BAN NHÂN DÂN\nHUYỆN NINH PHƯỚC")


def test_office_is_written_under_its_peoples_committee():
    parent = SimpleNamespace(name="Ủy ban nhân dân huyện Ninh Phước")
    unit = SimpleNamespace(name="Phòng Nội vụ", kind="office", parent=parent)
    assert d30.issuer_lines(unit) == ("UBND HUYỆN NINH PHƯỚC", "PHÒNG NỘI VỤ")


def test_recipients_end_with_the_archive_line():
    lines = d30.recipients_with_archive(["Sở Nội vụ", "TT Huyện ủy;", "Lưu: VTUB, NV. 07b"])
    assert lines == ["- Sở Nội vụ;", "- TT Huyện ủy;", "- Lưu: VT, NV."]


def test_signature_uses_the_plans_signer():
    plan = SimpleNamespace(
        signer_authority="KT.CHỦ TỊCH", signer_position="Phó Chủ tịch", signer_name="Bạch Văn Nguyên"
    )
    assert d30.signature_lines(plan) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bạch Văn Nguyên")
