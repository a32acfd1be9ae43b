"""Server-side SVG charts: accessible, escaped, deterministic, no script."""

import xml.etree.ElementTree as ET

import pytest

from kehoach.reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text
    assert "<script" not in svg
    return root


@pytest.mark.parametrize(
    "svg",
    [
        charts.bar_chart([("Phát thanh", 12), ("Tờ gấp", 3)], title="Theo hình thức"),
        charts.bar_chart([], title="Trống"),
        charts.stacked_bar_chart(
            ["Quý I", "Quý II"], [("Đúng hạn", [1, 2]), ("Quá hạn", [0, 1])], title="Tình trạng"
        ),
        charts.line_chart(["2019", "2020", "2021"], [("PAR INDEX", [80.1, None, 85.2])], title="Chỉ số"),
        charts.week_strip(
            [
                {"week": "2021-W01", "compliant": True, "count": 1, "minutes": 12},
                {"week": "2021-W02", "compliant": False, "count": 0, "minutes": 0, "reason": "Không có lượt"},
            ],
            title="Tuần",
        ),
    ],
)
def test_every_chart_is_an_accessible_svg(svg):
    _parse(svg)


def test_labels_are_escaped():
    svg = charts.bar_chart([("<b>&</b>", 1)], title="A <x>")
    _parse(svg)
    assert "<b>" not in svg


def test_the_same_input_gives_the_same_svg():
    a = charts.bar_chart([("A", 1)], title="T")
    assert a == charts.bar_chart([("A", 1)], title="T")


def test_description_reads_the_numbers_for_screen_readers():
    root = _parse(charts.bar_chart([("Phát thanh", 12), ("Tờ gấp", 3.5)], title="T"))
    assert root.find(f"{SVG}desc").text == "Phát thanh: 12; Tờ gấp: 3,5"


def test_week_strip_marks_failing_weeks_with_a_cross_not_only_colour():
    svg = charts.week_strip([{"week": "2021-W02", "compliant": False, "count": 0, "minutes": 0}], title="T")
    assert "✗" in svg and "Không đạt" in svg
