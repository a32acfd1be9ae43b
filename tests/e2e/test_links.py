"""No dead ends: every internal link shown to a demo role (and to a citizen) answers without 4xx/5xx.

A crawler with Django's test client (no browser needed): from each role's home, follow every
``<a href>`` to an internal page, depth-limited, one representative per URL shape (digits in the
path and the set of query keys make the shape: /tracking/12/ and /tracking/13/ are one shape), so
the crawl stays fast while every kind of link is tried. Documents that take seconds to compile
and links that change state (sign-out is a form) are not followed; the admin is out of scope.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

ROLES = ["noivu", "lanhdao", "tckh", "phuocdan", "vhtt", "tuphap", None]
MAX_DEPTH = 2
MAX_PAGES = 90
SKIP = re.compile(r"^/(admin|static|media)/|/report/|/export/|/urging-letter/|\.ics$|/api/v1/docs")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def shape(url: str) -> tuple:
    parts = urlsplit(url)
    return re.sub(r"\d+", "N", parts.path), tuple(sorted({k for k, _ in parse_qsl(parts.query)}))


def crawl(client: Client, start: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """``({url: status}, {url: the page that showed it})`` for every page shape reached."""
    seen_shapes: set[tuple] = set()
    status: dict[str, int] = {}
    shown_on: dict[str, str] = {}
    frontier = [(u, 0, "(start)") for u in start]
    while frontier and len(status) < MAX_PAGES:
        url, depth, parent = frontier.pop(0)
        if SKIP.search(url) or shape(url) in seen_shapes:
            continue
        seen_shapes.add(shape(url))
        resp = client.get(url)
        status[url] = resp.status_code
        shown_on[url] = parent
        if resp.status_code in (301, 302) and depth < MAX_DEPTH:
            frontier.append((resp.url, depth, url))
            continue
        ctype = resp.get("Content-Type", "")
        if resp.status_code == 200 and ctype.startswith("text/html") and depth < MAX_DEPTH:
            frontier.extend((link, depth + 1, url) for link in links(resp.content.decode(), url))
    return status, shown_on


def test_no_link_shown_to_any_role_answers_4xx_or_5xx(demo, settings):
    """One demo for every role (loading it is the slow part), each role crawled from its home."""
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    broken = {}
    for username in ROLES:
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(get_user_model().objects.get(username=username))
            start = ["/"]
        else:
            start = ["/public/", "/accounts/login/"]
        status, shown_on = crawl(client, start)
        assert len(status) >= 10, f"the crawl reached too few pages for {username}: {status}"
        broken.update({(username or "anonymous", u): (s, shown_on[u]) for u, s in status.items() if s >= 400})
    assert not broken, f"dead links: {broken}"


def test_the_crawler_reports_a_dead_link(db):
    """The checker itself: a 404 linked from a page is caught, with the page that showed it."""
    client = Client(raise_request_exception=False)
    status, shown_on = crawl(client, ["/public/", "/no-such-page/"])
    assert status["/no-such-page/"] == 404
    assert shown_on["/no-such-page/"] == "(start)"
