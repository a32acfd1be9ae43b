"""Every page a user reaches from the home page, two links deep, timed and weighed in process.

Run against generated data, e.g. ``DATABASE_URL=… python benchmarks/crawl_pages.py gen-noivu``
after ``kehoach generate --scale national``. Prints each page over 300 ms or 300 KB, then a count;
a server error shows as Django's "Internal Server Error" log line. Found at national scale in
round 5: the coordinator's home at 2.1 s, the follow-up page at 1.9 MB, two 500s (index charts).
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from kehoach.plans.models import Plan  # noqa: E402
from kehoach.scale.bench import _client  # noqa: E402

SKIP = ("logout", "format=", "/static/", "/media/", "download", "/file", "/export", ".ics", "/report")


def main(username: str = "gen-noivu", depth_max: int = 2) -> None:
    user = get_user_model().objects.get(username=username)
    plan = Plan.objects.order_by("id").first()
    client = _client()
    client.force_login(user)
    todo = ["/"] + ([f"/plans/{plan.pk}/", f"/dashboard/?plan={plan.pk}"] if plan else [])
    depth = dict.fromkeys(todo, 0)
    seen: set[str] = set()
    slow = heavy = 0
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        t0 = time.perf_counter()
        r = client.get(url)
        ms = (time.perf_counter() - t0) * 1000
        body = b"".join(r.streaming_content) if r.streaming else r.content
        slow += ms > 300
        heavy += len(body) > 300_000
        if ms > 300 or len(body) > 300_000 or r.status_code >= 500:
            print(f"{ms:8.0f} ms {len(body):11,d} B {r.status_code} {url}", flush=True)
        if depth[url] < depth_max and "html" in r.get("Content-Type", "") and r.status_code == 200:
            for href in re.findall(r'href="(/[^"#]*)"', body.decode("utf-8", "replace")):
                href = href.replace("&amp;", "&")
                if not any(s in href for s in SKIP) and href not in depth:
                    depth[href] = depth[url] + 1
                    todo.append(href)
    print(f"pages {len(seen)}, over 300 ms {slow}, over 300 KB {heavy}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
