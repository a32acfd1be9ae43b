"""Every API list takes ``limit`` and ``cursor`` and announces the next page in ``Link`` (CONTRACT.md)."""

import re

from kehoach.tracking.models import Deliverable


def _walk(client, url: str, limit: int) -> tuple[list, int]:
    """Follow ``Link: rel="next"`` from the first page to the last; returns the rows and the pages."""
    sep = "&" if "?" in url else "?"
    r = client.get(f"{url}{sep}limit={limit}")
    rows, pages = [], 0
    while True:
        assert r.status_code == 200, (url, r.content[:300])
        body = r.json()
        assert isinstance(body, list)
        assert len(body) <= limit
        rows += body
        pages += 1
        link = r.headers.get("Link")
        if not link:
            return rows, pages
        m = re.fullmatch(r'<http://testserver(/[^>]+)>; rel="next"', link)
        assert m, link
        r = client.get(m.group(1))


def _key(row):
    return row.get("id") or row.get("unit_id") or repr(row)


def test_every_list_endpoint_pages_through_all_its_rows_in_a_stable_order(api, demo):
    noivu = api("noivu")
    plan = demo.pk
    endpoints = [
        "/api/v1/units",
        "/api/v1/plans",
        f"/api/v1/plans/{plan}/activities",
        f"/api/v1/plans/{plan}/duties",
        f"/api/v1/plans/{plan}/ranking?period=2021",
        f"/api/v1/deliverables?plan={plan}",
        f"/api/v1/outputs?plan={plan}",
        "/api/v1/broadcasts",
        "/api/v1/budgets",
        "/api/v1/indices",
        "/api/v1/problems",
        "/api/v1/inspections",
        "/api/v1/feedback",
        "/api/v1/public/plans",
        "/api/v1/public/procedures",
        "/api/v1/public/news",
        "/api/v1/jobs",
    ]
    paged = []
    for url in endpoints:
        whole = noivu.get(url + ("&" if "?" in url else "?") + "limit=1000")
        assert whole.status_code == 200, url
        assert "Link" not in whole.headers, url
        assert whole["X-Total-Count"] == str(len(whole.json())), url
        rows, pages = _walk(noivu, url, 3)
        assert [_key(r) for r in rows] == [_key(r) for r in whole.json()], url
        assert rows == whole.json(), url
        if pages > 1:
            paged.append(url)
    # The demo has enough rows to page through most lists (guards the walk above against emptiness).
    assert len(paged) >= 10, paged


def test_lists_default_to_100_rows(api, demo):
    total = Deliverable.objects.filter(plan=demo).count()
    assert total > 100
    r = api("noivu").get(f"/api/v1/deliverables?plan={demo.pk}")
    assert len(r.json()) == 100
    assert 'rel="next"' in r["Link"] and "limit=100" in r["Link"]
    assert f"plan={demo.pk}" in r["Link"]  # filters are kept in the next link
    assert "X-Total-Count" not in r.headers  # counting 2 million rows is not cheap: only when all fit


def test_rows_added_between_pages_neither_repeat_nor_shift_a_page(api, demo):
    from kehoach.org.models import Unit

    client = api("noivu")
    first = client.get("/api/v1/units?limit=5")
    seen = [u["id"] for u in first.json()]
    Unit.objects.create(
        name="Ủy ban nhân dân xã Mới", code="moi-0", kind=Unit.objects.first().kind, sort_order=0
    )
    nxt = re.search(r"<http://testserver([^>]+)>", first["Link"]).group(1)
    second = [u["id"] for u in client.get(nxt).json()]
    assert not set(seen) & set(second)


def test_bad_limit_and_cursor_are_refused_in_vietnamese(api, org):
    client = api("noivu")
    for query in ("limit=0", "limit=1001", "limit=-5"):
        r = client.get(f"/api/v1/units?{query}")
        assert r.status_code == 400 and "limit" in r.json()["detail"], query
    for cursor in ("%%%", "bm90LWpzb24", "WzEsMiwzLDQsNV0", "WyJ4IiwieCIsIngiXQ"):
        r = client.get(f"/api/v1/units?cursor={cursor}")
        assert r.status_code == 400 and "cursor" in r.json()["detail"], cursor
    assert client.get("/api/v1/units?limit=abc").status_code == 422


def test_a_page_costs_the_same_queries_whatever_its_size(api, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api("noivu")

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.get("/api/v1/units")  # warm: the token's last-use stamp is written once
    for url in (
        f"/api/v1/deliverables?plan={demo.pk}&",
        f"/api/v1/outputs?plan={demo.pk}&",
        "/api/v1/units?",
    ):
        # token, memberships, then one query for the page: no count, no query per row
        assert queries(url + "limit=2") == queries(url + "limit=100"), url
