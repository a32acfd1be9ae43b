"""Dashboards: who sees what, numbers that match their sources, fixed query counts, page weight."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = ["/dashboard/", "/dashboard/leader/", "/dashboard/unit/", "/dashboard/ranking/"]


def _more_communes(demo, n=5):
    """Five more communes, with their deliverables, to show that queries do not grow with units."""
    from kehoach.org.models import Unit, UnitKind
    from kehoach.tracking.services import generate_deliverables

    ubnd = Unit.objects.get(code="ubnd")
    for i in range(n):
        Unit.objects.create(
            code=f"xa-moi-{i}", name=f"Ủy ban nhân dân xã Mới {i}", kind=UnitKind.COMMUNE, parent=ubnd
        )
    generate_deliverables(demo, today=datetime.date(2021, 1, 10))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/dashboard/", "/dashboard/leader/", "/dashboard/?period=2021-H1&group={ubnd_xa}"]
)
def test_dashboard_queries_do_not_grow_with_units(demo, web, url, django_assert_max_num_queries):
    from kehoach.org.models import UnitGroup

    url = url.format(ubnd_xa=UnitGroup.objects.get(code="ubnd-xa").pk)
    client = web("noivu")
    client.get(url)  # warm the per-user membership cache and content types
    before = _count(client, url)
    _more_communes(demo)
    after = _count(client, url)
    assert after == before
    with django_assert_max_num_queries(40):
        client.get(url)


def test_coordinator_dashboard_numbers_equal_completeness(demo, web):
    from kehoach.tracking.selectors import completeness

    r = web("noivu").get(f"/dashboard/?plan={demo.pk}&period=2021-H1")
    assert r.status_code == 200
    comp = completeness(demo, "2021-H1")
    html = r.content.decode()
    assert f"({comp['submitted']}/{comp['expected']})" in html
    assert f"<strong>{comp['submitted']}/{comp['expected']}</strong>" in html
    matrix = r.context["matrix"]
    assert sum(row["expected"] for row in matrix["rows"]) == comp["expected"]
    assert all(row["rate"] <= 1 and row["on_time_rate"] <= 1 for row in matrix["rows"])
    # Drill-down links to the records behind each number.
    assert f"/tracking/?plan={demo.pk}&amp;period=2021-H1" in html
    assert (
        "/outputs/?form=" in html
        and f"/budgets/?plan={demo.pk}" in html
        and f"/plans/{demo.pk}/#activities" in html
    )


def test_dashboard_charts_are_followed_by_their_tables(demo, web):
    html = web("lanhdao").get("/dashboard/").content.decode()
    assert html.count('role="img"') >= 4
    assert "Tải báo cáo (.docx)" in html


def test_unit_officer_is_sent_to_the_unit_dashboard(demo, web):
    client = web("phuocdan")
    for url in ("/dashboard/", "/dashboard/leader/"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"] == "/dashboard/unit/"
    r = client.get("/dashboard/unit/")
    html = r.content.decode()
    assert r.status_code == 200 and "Việc phải nộp của đơn vị" in html and "Điểm thi đua của đơn vị" in html
    # Only its own deliverables.
    assert all(d.unit.code == "phuocdan" for d in r.context["deliverables"])
    assert "Tải báo cáo" not in html


def test_leader_page_lists_late_units(demo, web):
    r = web("lanhdao").get("/dashboard/leader/?period=2021")
    html = r.content.decode()
    assert r.status_code == 200 and "Đơn vị chưa nộp đúng hạn" in html
    assert "Ủy ban nhân dân thị trấn Phước Dân" in html


def test_pages_need_sign_in(org, web):
    for url in PAGES + ["/dashboard/calendar/"]:
        r = web(None).get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], url


def test_unknown_plan_filter_is_404(org, web):
    assert web("noivu").get("/dashboard/?plan=99999").status_code == 404
    assert web("noivu").get("/dashboard/?plan=abc").status_code == 404


def test_bad_period_filter_falls_back_with_a_message(plan, web):
    r = web("noivu").get("/dashboard/?period=nonsense")
    assert r.status_code == 200 and "Kỳ báo cáo không hợp lệ" in r.content.decode()


def test_empty_dashboard_says_what_to_do(org, web):
    r = web("noivu").get("/dashboard/")
    assert r.status_code == 200 and "Chưa có kế hoạch nào" in r.content.decode()


def test_dashboard_htmx_request_gets_only_the_body(demo, web):
    r = web("noivu").get("/dashboard/?period=2021", headers={"HX-Request": "true"})
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html and "Tình hình nộp kế hoạch" in html


def test_every_dashboard_weighs_under_300_kb(demo, web, settings):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("kehoach/app.css")).stat().st_size
    client = web("noivu")
    for url in PAGES:
        r = client.get(url)
        assert len(r.content) + css < 300_000, (url, len(r.content))


def test_report_download_page_route_serves_the_same_file(demo, web):
    r = web("noivu").get(f"/dashboard/plans/{demo.pk}/report/?period=2021&format=xlsx")
    assert r.status_code == 200 and "spreadsheetml" in r["Content-Type"]
    assert (
        web("phuocdan").get(f"/dashboard/plans/{demo.pk}/report/?period=2021&format=docx").status_code == 404
    )
    r = web("noivu").get(f"/dashboard/plans/{demo.pk}/report/?period=bad&format=docx")
    assert r.status_code == 400 and "error-summary" in r.content.decode()


def test_dashboard_api_for_coordinator_and_403_for_officer(demo, api):
    r = api("noivu").get(f"/api/v1/plans/{demo.pk}/dashboard?period=2021-H1")
    assert r.status_code == 200 and r.json()["completeness"]["expected"] > 0
    assert api("phuocdan").get(f"/api/v1/plans/{demo.pk}/dashboard").status_code == 403
    assert api(None).get(f"/api/v1/plans/{demo.pk}/dashboard").status_code == 401


def test_reports_demo_is_idempotent(demo):
    from kehoach.reports import demo as reports_demo
    from kehoach.reports.models import RankingWeights

    reports_demo.load(demo, {})
    reports_demo.load(demo, {})
    assert RankingWeights.objects.filter(plan=demo).count() == 1


def test_weeks_are_named_not_coded(demo, web):
    """The radio table and the chart's tooltips name weeks ("Tuần 04 (25/01–31/01/2021)"), never "2021-W04"."""
    import re

    html = web("noivu").get(f"/dashboard/?plan={demo.pk}").content.decode()
    assert "Tuần 04 (25/01–31/01/2021)" in html
    assert not re.search(r">[^<]*\b2021-W\d\d", html)
