"""National reads (issue 11, second pass): the same figures, read and sent in less.

- The completeness API pages its ``by_unit`` like every list (``limit``/``cursor``, ``Link``); the
  pages add up to the whole list and the totals always cover every unit.
- The outputs list above ``UNITS_IN_A_LIST`` units filters by a typed code or name, not a list.
"""

import datetime

import pytest

from kehoach.outputs import forms as output_forms
from kehoach.outputs.models import Output
from kehoach.tracking import selectors

pytestmark = pytest.mark.django_db


def _pages(client, url: str) -> tuple[list[dict], list[dict]]:
    rows, bodies = [], []
    while url:
        r = client.get(url)
        assert r.status_code == 200
        body = r.json()
        bodies.append(body)
        rows += body["by_unit"]
        link = r.headers.get("Link")
        url = link[1 : link.index(">")].replace("http://testserver", "") if link else None
    return rows, bodies


def test_completeness_pages_add_up_to_every_unit_and_totals_cover_all(demo, api):
    day = datetime.date(2021, 7, 20)
    whole = selectors.completeness(demo, "2021-H1", as_of=day)
    assert len(whole["by_unit"]) > 3
    base = f"/api/v1/plans/{demo.pk}/completeness?period=2021-H1&as_of={day.isoformat()}"
    rows, bodies = _pages(api("noivu"), base + "&limit=3")
    assert len(bodies) > 1
    assert [r["unit_id"] for r in rows] == [u["unit_id"] for u in whole["by_unit"]]
    assert rows == [{k: u[k] for k in rows[0]} for u in whole["by_unit"]]
    for body in bodies:  # every page carries the totals of all units
        assert {k: body[k] for k in ("expected", "submitted", "on_time", "rate", "on_time_rate")} == {
            k: whole[k] for k in ("expected", "submitted", "on_time", "rate", "on_time_rate")
        }
    one = api("noivu").get(base)
    assert one.json()["by_unit"] == rows and "Link" not in one.headers  # default 100: one page here
    assert api("noivu").get(base + "&limit=0").status_code == 400


def test_many_units_filter_outputs_by_typed_code_or_name(web, org, monkeypatch):
    monkeypatch.setattr(output_forms, "UNITS_IN_A_LIST", 2)
    Output.objects.create(unit=org["phuocdan"], date=datetime.date(2021, 4, 1), form="radio", title="Bài PD")
    Output.objects.create(unit=org["phuochau"], date=datetime.date(2021, 4, 1), form="radio", title="Bài PH")
    c = web("noivu")
    html = c.get("/outputs/").content.decode()
    assert '<select name="unit"' not in html and 'name="unit"' in html
    for typed in (org["phuocdan"].code, org["phuocdan"].name, str(org["phuocdan"].pk)):
        html = c.get("/outputs/", {"unit": typed}).content.decode()
        assert "Bài PD" in html and "Bài PH" not in html, typed
    html = c.get("/outputs/", {"unit": "không có đơn vị này"}).content.decode()
    assert "Không tìm thấy đúng một đơn vị" in html


def test_few_units_keep_the_list(web, org):
    html = web("noivu").get("/outputs/").content.decode()
    assert '<select name="unit"' in html


def test_dashboard_api_above_the_group_threshold_gives_groups_that_add_up(demo, api, monkeypatch):
    from kehoach.reports import selectors as report_selectors

    url = f"/api/v1/plans/{demo.pk}/dashboard?period=2021-H1&as_of=2021-07-20"
    small = api("noivu").get(url).json()["completeness"]
    monkeypatch.setattr(report_selectors, "GROUP_ABOVE", 2)
    big = api("noivu").get(url).json()["completeness"]
    assert "by_unit" in small and "by_unit" not in big
    assert {k: big[k] for k in ("expected", "submitted", "on_time", "rate")} == {
        k: small[k] for k in ("expected", "submitted", "on_time", "rate")
    }
    for k in ("expected", "submitted", "on_time"):
        assert sum(g[k] for g in big["by_group"]) == big[k]
    assert sum(g["units"] for g in big["by_group"]) == len(small["by_unit"])
    paged = api("noivu").get(big["by_unit_url"] + "&limit=1000").json()
    assert paged["by_unit"] == small["by_unit"]
