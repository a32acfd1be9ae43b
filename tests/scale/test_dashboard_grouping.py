"""No page over 300 KB at scale: many units are shown by group with drill-down and paging,
the links keeping the filters (plan, period, date). The thresholds are lowered so the demo
(about 30 units) plays a province."""

import re

import pytest

from kehoach.reports import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_thresholds(monkeypatch):
    monkeypatch.setattr(selectors, "GROUP_ABOVE", 5)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 4)


def test_few_units_are_listed_one_by_one(demo, web):
    r = web("noivu").get("/dashboard/?period=2021-H1&as_of=30/06/2021")
    assert r.context["shown"]["mode"] == "units"
    assert len(r.context["shown"]["rows"]) == len(r.context["matrix"]["rows"])


def test_many_units_are_grouped_and_the_groups_add_up(demo, web, small_thresholds):
    r = web("noivu").get("/dashboard/?period=2021-H1&as_of=30/06/2021")
    shown, matrix = r.context["shown"], r.context["matrix"]
    assert shown["mode"] == "groups" and 1 < len(shown["rows"]) < len(matrix["rows"])
    for k in ("units", "expected", "submitted", "on_time"):
        total = len(matrix["rows"]) if k == "units" else sum(u[k] for u in matrix["rows"])
        assert sum(g[k] for g in shown["rows"]) == total, k
    html = r.content.decode()
    links = re.findall(r'href="\?([^"#]*parent=\d+&amp;tier=\w+)', html)
    assert len(links) == len(shown["rows"])
    assert all("period=2021-H1" in link and "as_of=30%2F06%2F2021" in link for link in links)


def test_a_group_drills_down_to_its_units_page_by_page(demo, web, small_thresholds):
    client = web("noivu")
    groups = client.get("/dashboard/?period=2021-H1&as_of=30/06/2021").context["shown"]["rows"]
    big = max(groups, key=lambda g: g["units"])
    assert big["units"] > 4  # more than a page
    url = f"/dashboard/?period=2021-H1&as_of=30/06/2021&parent={big['parent']}&tier={big['tier']}"
    seen = []
    for n in range(1, 1 + -(-big["units"] // 4)):
        r = client.get(f"{url}&page={n}")
        shown = r.context["shown"]
        assert shown["mode"] == "drill" and len(shown["rows"]) <= 4
        seen += [u["unit_id"] for u in shown["rows"]]
        html = r.content.decode()
        if n == 1:  # the next page's link keeps every filter
            nxt = re.search(r'<nav class="pager".*?href="\?([^"]*page=2)"', html, re.S).group(1)
            assert f"parent={big['parent']}" in nxt and "period=2021-H1" in nxt and "tier=" in nxt
    assert len(seen) == len(set(seen)) == big["units"]
    assert (
        sum(u["submitted"] for u in client.get(url).context["matrix"]["rows"] if u["unit_id"] in seen)
        == big["submitted"]
    )


def test_bad_drill_down_is_404(demo, web):
    client = web("noivu")
    assert client.get("/dashboard/?parent=abc&tier=xa").status_code == 404
    assert client.get("/dashboard/?parent=1&tier=nonsense").status_code == 404


def test_leader_pages_the_late_units(demo, web, small_thresholds):
    client = web("lanhdao")
    first = client.get("/dashboard/leader/?period=2021")
    total = first.context["late_total"]
    assert total > 4 and len(first.context["late"]) == 4
    names = []
    for n in range(1, 1 + -(-total // 4)):
        names += [u["unit"] for u in client.get(f"/dashboard/leader/?period=2021&page={n}").context["late"]]
    assert len(names) == len(set(names)) == total
