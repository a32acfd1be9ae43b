"""Screenshots of every role's home and the forms each role uses, at desktop width and at 360 px.

Run against a running demo (``bash scripts/start.sh`` or ``kehoach serve`` after ``kehoach demo``):

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 var/screenshots

It signs in as each demo account in Debian's Chromium (Playwright, ``/usr/bin/chromium``), opens the
pages below and saves ``<role>-<page>-<width>.png``; it prints one line per page with the HTTP status
and whether the page scrolls sideways (a phone user should never have to). It changes no data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "kehoach-demo"
WIDTHS = {"desktop": 1280, "phone": 360}
# (account, role label, pages): the role's home first, then the forms of its daily work.
ROLES = [
    (None, "anonymous", [("public", "/public/"), ("feedback", "/public/feedback/")]),
    (
        "noivu",
        "coordinator",
        [
            ("home", "/"),
            ("review", "/tracking/review/"),
            ("followup", "/tracking/followup/"),
            ("dashboard", "/dashboard/"),
            ("budgets", "/budgets/"),
        ],
    ),
    ("lanhdao", "leader", [("home", "/"), ("leader", "/dashboard/leader/"), ("budgets", "/budgets/")]),
    ("tckh", "finance", [("home", "/"), ("budgets", "/budgets/")]),
    (
        "phuocdan",
        "commune",
        [
            ("home", "/"),
            ("owed", "/tracking/"),
            ("output", "/outputs/new/"),
            ("notices", "/notices/"),
            ("budget", "/budgets/new/"),
        ],
    ),
    ("vhtt", "radio", [("home", "/"), ("broadcasts", "/outputs/broadcasts/"), ("output", "/outputs/new/")]),
    ("admin", "admin", [("home", "/"), ("setup", "/units/setup/"), ("audit", "/audit/")]),
]


def main(base: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for account, role, pages in ROLES:
            for label, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
                page = context.new_page()
                if account:
                    page.goto(f"{base}/accounts/login/")
                    page.fill("input[name=username]", account)
                    page.fill("input[name=password]", PASSWORD)
                    page.click("button[type=submit], input[type=submit]")
                    page.wait_for_load_state()
                for name, path in pages:
                    response = page.goto(base + path)
                    status = response.status if response else 0
                    sideways = page.evaluate(
                        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
                    )
                    file = out / f"{role}-{name}-{label}.png"
                    page.screenshot(path=str(file), full_page=True)
                    bad = status >= 400 or (label == "phone" and sideways)
                    failures += bad
                    print(
                        f"{'!!' if bad else 'ok'} {status} {role:<11} {path:<24} {label:<7} "
                        f"{'scrolls sideways ' if sideways else ''}{file}"
                    )
                context.close()
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1].rstrip("/"), Path(sys.argv[2])))
