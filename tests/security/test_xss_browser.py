"""Stored XSS in Chromium: hostile strings in every free-text and URL field, every main page opened,
no script runs (window.__xss stays unset, no dialog) and the Content-Security-Policy reports nothing.

The strings are written straight into the database (around every validator), the worst case:
rows saved before a validator existed, or by a path someone forgot.
"""

import pytest
from django.apps import apps
from django.db import models

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=2">',
    "'><svg onload=window.__xss=3>",
    '<a href="javascript:window.__xss=4">x</a>',
    "{{7*7}}</textarea><style>body{display:none}</style>",
]
HOSTILE_URL = "javascript:window.__xss=5"
APPS = ["org", "plans", "tracking", "outputs", "budgets", "indices", "public", "reports"]
# Keys the code parses (periods, codes, numbers): they are validated elsewhere and are not free text.
NOT_FREE_TEXT = {
    "code",
    "period",
    "key_hash",
    "number",
    "section",
    "no",
    "kind",
    "status",
    "source_sha256",
    "token",
    "key",
    "slug",
    "level",
    "form",
    "quantity_unit",
    "index",
    "role",
    "fingerprint",
}


def _poison():
    """Overwrite free-text fields of the first rows of every model with the payloads."""
    touched = 0
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [
                f
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
                and not f.choices
                and not f.unique
                and f.name not in NOT_FREE_TEXT
                and (f.max_length is None or f.max_length >= 40)
            ]
            if not fields:
                continue
            for i, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True)[:3]):
                values = {}
                for j, f in enumerate(fields):
                    value = (
                        HOSTILE_URL if isinstance(f, models.URLField) else PAYLOADS[(i + j) % len(PAYLOADS)]
                    )
                    values[f.name] = value[: f.max_length] if f.max_length else value
                model.objects.filter(pk=pk).update(**values)
                touched += 1
    return touched


@pytest.fixture
def tab(context):
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    tab.close()


@pytest.fixture
def poisoned(db):
    from kehoach.demo.loader import run

    run(say=lambda *_: None)
    assert _poison() > 20


def _pages():
    from kehoach.outputs.models import Output
    from kehoach.plans.models import Plan
    from kehoach.public.models import Feedback, NewsItem
    from kehoach.tracking.models import Deliverable

    plan = Plan.objects.order_by("pk").first()
    from kehoach.plans.models import ActivityUpdate

    if not ActivityUpdate.objects.exists():
        ActivityUpdate.objects.create(activity=plan.activities.first(), progress=10, note=PAYLOADS[0])
    ActivityUpdate.objects.update(link=HOSTILE_URL)
    activity = ActivityUpdate.objects.order_by("pk").first().activity
    urls = [
        "/",
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/plans/activities/{activity.pk}/",
        "/outputs/",
        "/outputs/broadcasts/",
        "/budgets/",
        f"/dashboard/?plan={plan.pk}",
        f"/dashboard/leader/?plan={plan.pk}",
        f"/dashboard/ranking/?plan={plan.pk}",
        "/indices/",
        "/units/",
        "/tracking/",
        "/tracking/review/",
        "/tracking/problems/",
        "/tracking/inspections/",
        "/audit/",
        "/public/",
        f"/public/plans/{plan.pk}/",
        "/public/procedures/",
        "/public/staff/feedback/",
    ]
    deliverable = Deliverable.objects.order_by("pk").first()
    if deliverable:
        urls.append(f"/tracking/{deliverable.pk}/")
    news = NewsItem.objects.order_by("pk").first()
    if news:
        urls.append(f"/public/news/{news.pk}/")
    feedback = Feedback.objects.order_by("pk").first()
    if feedback:
        urls.append(f"/public/staff/feedback/{feedback.pk}/")
    assert Output.objects.exists()
    return urls


def test_hostile_strings_never_run_in_chromium(tab, live_server, poisoned):
    page = tab
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("noivu")
    page.get_by_label("Mật khẩu").fill("kehoach-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    seen = []
    for url in _pages():
        response = page.goto(live_server.url + url)
        assert response.status < 500, url
        assert "default-src 'self'" in response.headers.get("content-security-policy", ""), url
        # Follow every link the page offers from data: none may be a javascript: link.
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], url
        assert page.evaluate("window.__xss") is None, url
        seen.append((url, response.status))
    assert dialogs == []
    assert violations == [], violations[:5]
    assert sum(1 for _, status in seen if status == 200) >= 15, seen
