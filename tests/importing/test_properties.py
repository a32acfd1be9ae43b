"""Property tests: arbitrary text or bytes never raise anything but DocumentError, and what comes
back always follows the schema."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.importing import DocumentError, parse_bytes

LINES = st.sampled_from(
    [
        "KẾ HOẠCH",
        "QUYẾT ĐỊNH",
        "I. MỤC TIÊU",
        "1. Sở Nội vụ:",
        "a) Phòng Tư pháp",
        "- Báo cáo trước ngày 31/12/2025 gửi về Sở Nội vụ.",
        "+ Thời hạn ban hành: Quý IV/2025",
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú",
        "1\tTuyên truyền\tSở Nội vụ\tCác sở, ngành; UBND xã\tQuý I/2026\t",
        "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |",
        "|---|---|---|---|---|",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "Số: 12/KH-UBND",
        "(Ban hành kèm theo Kế hoạch số 19 /KH-UBND ngày 25 /01/2021 của Ủy ban nhân dân huyện)",
        "Định kỳ 06 tháng, một năm báo cáo",
        "Cơ quan chủ trì:",
        "Thời gian thực hiện: Từ 32/13/2025",
        "",
    ]
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(validate, data: bytes, name: str) -> None:
    try:
        plan = parse_bytes(data, name)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    validate(plan)


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_text(validate, text):
    _check(validate, text.encode("utf-8", "surrogatepass"), "x.txt")


@SETTINGS
@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=60))
def test_plan_like_text(validate, lines):
    _check(validate, "\n".join(lines).encode("utf-8", "surrogatepass"), "x.md")


@SETTINGS
@given(st.binary(max_size=4000), st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.md", "x"]))
def test_arbitrary_bytes(validate, data, name):
    _check(validate, data, name)


@SETTINGS
@given(st.binary(max_size=2000))
def test_bytes_that_look_like_containers(validate, data):
    _check(validate, b"PK\x03\x04" + data, "x.docx")
    _check(validate, b"%PDF-1.7\n" + data, "x.pdf")
