"""Ma trận phân quyền: every route (pages from Django's URL resolver, operations from the API's
OpenAPI document) × every demo role, against the expectations written once in
``permission_table.py``.

A route that is not in the table fails the test until someone writes its expectation. Pages are
called with GET only; API writes get one representative body that passes the schema (or a
multipart form without its file), so an authorised caller sees a 2xx or a 4xx that is not 403, while a
caller without the right sees 401/403 (see ``representative_body``). Each call runs in its own savepoint, so a call that does
write (a DELETE, a mark-as-read) cannot change what the next role sees.

``KEHOACH_MATRIX_DUMP=FILE pytest tests/security/test_permission_matrix.py -p no:xdist`` writes
the outcomes seen (as table lines) instead of asserting: to review, not to paste blindly.
"""

from __future__ import annotations

import os
import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.permission_table import API, PAGES, ROLES, SKIP_PAGES

DUMP = os.environ.get("KEHOACH_MATRIX_DUMP")


def page_routes() -> list[tuple[str, str]]:
    """(name, pattern) of every named page route, outside /admin/ and /api/ (tested on their own)."""
    found = []

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                route = prefix + str(p.pattern)
                if route.startswith(("admin/", "api/")):
                    continue
                walk(p.url_patterns, route, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace else str(p.name)
                found.append((name, prefix + str(p.pattern)))

    walk(get_resolver().url_patterns)
    return found


def _schema():
    from kehoach.api.main import api

    return api.get_openapi_schema()


def api_operations() -> list[tuple[str, str, bool]]:
    """(METHOD, path, has a body) of every operation in the OpenAPI document."""
    return [
        (method.upper(), path, "requestBody" in op)
        for path, ops in _schema()["paths"].items()
        for method, op in ops.items()
    ]


def representative_body(method: str, path: str, world) -> dict | None:
    """A JSON body that passes the operation's schema (required fields only, ids of the demo's
    objects of phuocdan's unit, the smallest allowed values), so the permission check is reached:
    a caller without the right gets 403, an authorised one a 4xx of the service or a 2xx."""
    schema = _schema()
    op = schema["paths"][path][method.lower()]
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    components = schema["components"]["schemas"]

    def resolve(node):
        while "$ref" in node:
            node = components[node["$ref"].rsplit("/", 1)[-1]]
        return node

    def value(name: str, node):
        node = resolve(node)
        if "anyOf" in node:
            options = [resolve(o) for o in node["anyOf"]]
            return value(name, next((o for o in options if o.get("type") != "null"), options[0]))
        if "enum" in node:
            return node["enum"][0]
        kind = node.get("type")
        if kind == "integer":
            if name.endswith("_id") and hasattr(world, name[:-3]):
                return int(getattr(world, name[:-3]))
            return max(node.get("minimum", 1), 1)
        if kind == "number":
            return node.get("minimum", 1)
        if kind == "boolean":
            return False
        if kind == "string":
            fmt = node.get("format")
            if fmt == "date":
                return "2021-03-15"
            if fmt == "date-time":
                return "2021-03-15T08:00:00+07:00"
            return "x" * max(node.get("minLength", 1), 1)
        if kind == "array":
            return [value(name, node.get("items", {})) for _ in range(node.get("minItems", 0))]
        if kind == "object" or "properties" in node:
            props = node.get("properties", {})
            return {k: value(k, props[k]) for k in node.get("required", [])}
        return None

    return value("", content["application/json"]["schema"])


PAGE_ROUTES = page_routes()
API_OPERATIONS = api_operations()


def test_every_route_has_an_expectation():
    pages = {name for name, _ in PAGE_ROUTES} - SKIP_PAGES.keys()
    api = {f"{m} {p}" for m, p, _ in API_OPERATIONS}
    assert sorted(pages - PAGES.keys()) == [], "new page routes: write their row in permission_table.py"
    assert sorted(api - API.keys()) == [], "new API operations: write their row in permission_table.py"
    assert sorted(PAGES.keys() - pages) == [] and sorted(API.keys() - api) == [], "rows of removed routes"


# --- the objects a route's parameters point at: the commune officer phuocdan's where it matters ----


class World:
    """Ids of demo objects; ``own`` = belonging to phuocdan's unit (Phước Dân), so phuocdan is the
    unit's own officer and phuochau the officer of another unit."""

    def __init__(self, plan, org: dict):
        from django.contrib.auth import get_user_model

        from kehoach.budgets.models import Budget
        from kehoach.core.models import ApiToken
        from kehoach.outputs.models import Output
        from kehoach.plans.models import Activity, ActivityUpdate
        from kehoach.public.models import Feedback, NewsItem
        from kehoach.tracking.models import Deliverable, Inspection, Problem, Submission

        own = org["phuocdan"].pk  # the unit code of Phước Dân, whose officer is phuocdan
        users = get_user_model().objects
        self.plan = plan.pk
        self.unit = own

        def first(qs):
            row = qs.order_by("pk").values_list("pk", flat=True).first()
            return row if row is not None else 999_999_999  # absent from the demo: a missing id

        self.activity = first(Activity.objects.filter(plan=plan))
        self.activity_update = first(ActivityUpdate.objects.exclude(file=""))
        self.deliverable = first(Deliverable.objects.filter(plan=plan, unit_id=own))
        self.submission = first(Submission.objects.filter(deliverable__unit_id=own).exclude(file=""))
        self.output = first(Output.objects.filter(unit_id=own))
        self.budget = first(Budget.objects.filter(unit_id=own))
        self.problem = first(Problem.objects.all())
        self.inspection = first(Inspection.objects.all())
        self.news = first(NewsItem.objects.all())
        self.feedback = first(Feedback.objects.all())
        self.feedback_code = Feedback.objects.order_by("pk").values_list("code", flat=True).first() or "X"
        # A token of phuocdan's, so DELETE /auth/tokens/{id} is "own" for phuocdan only.
        ApiToken.issue(users.get(username="phuocdan"), name="ma trận")
        self.token = ApiToken.objects.filter(user__username="phuocdan").order_by("-pk").first().pk
        self.notice = self._first_model("notices", "Notice")
        self.job = self._first_model("jobs", "Job")
        self.document = self._first_model("reports", "OutgoingDocument")

    @staticmethod
    def _first_model(app, model):
        from django.apps import apps

        row = apps.get_model(app, model).objects.order_by("pk").values_list("pk", flat=True).first()
        return row if row is not None else 999_999_999

    def value(self, route: str, param: str) -> str:
        """The value of one path parameter of ``route`` (a page name or an API path)."""
        by_route = {
            "plans:activity": self.activity,
            "plans:evidence": self.activity_update,
            "org:detail": self.unit,
            "tracking:detail": self.deliverable,
            "tracking:reopen": self.deliverable,
            "tracking:review_action": self.deliverable,
            "tracking:evidence": self.submission,
            "tracking:problem_answer": self.problem,
            "tracking:inspection_follow_up": self.inspection,
            "notices:detail": self.notice,
            "notices:letter": self.notice,
            "outputs:delete": self.output,
            "outputs:file": self.output,
            "budgets:detail": self.budget,
            "public:news": self.news,
            "public:staff_feedback_detail": self.feedback,
        }
        if route in by_route and param == "pk":
            return str(by_route[route])
        if route.startswith("/api/") and param == "key":
            return "intro"  # a document section
        by_param = {
            "pk": self.plan,
            "plan_id": self.plan,
            "unit_id": self.unit,
            "activity_id": self.activity,
            "deliverable_id": self.deliverable,
            "output_id": self.output,
            "budget_id": self.budget,
            "problem_id": self.problem,
            "inspection_id": self.inspection,
            "feedback_id": self.feedback,
            "notice_id": self.notice,
            "job_id": self.job,
            "document_id": self.document,
            "token_id": self.token,
            "code": self.feedback_code,
            "key": "not-a-calendar-key",
            "token": "not-an-import-token",
            "uidb64": "MQ",
            "fmt": "csv",
        }
        return str(by_param[param])


@pytest.fixture(scope="module")
def matrix_world(_states, django_db_blocker):
    """The whole demo restored once for the module (not once per route: 170 restores would cost
    minutes) inside a transaction rolled back at the end; each test and each call nest savepoints."""
    from kehoach.org.models import Unit
    from kehoach.plans.models import Plan

    snapshot = _states.get("demo")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            snapshot.restore()
            codes, plan_pk = snapshot.result
            units = Unit.objects.in_bulk(list(codes.values()))
            org = {code: units[pk] for code, pk in codes.items()}
            yield World(Plan.objects.get(pk=plan_pk), org)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(matrix_world, db):
    return matrix_world


def web(username: str | None):
    """A client signed in through the session (pages)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def api(username: str | None):
    """A client with a bearer token (API)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kehoach.core.models import ApiToken

    if username is None:
        return Client()
    user = get_user_model().objects.get(username=username)
    return Client(headers={"Authorization": f"Bearer {ApiToken.issue(user)}"})


def _outcome_of_page(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        return "login" if "/accounts/login/" in response["Location"] else "redir"
    if 200 <= code < 300:
        return "ok"
    return str(code)


def _outcome_of_api(response) -> str:
    code = response.status_code
    if 200 <= code < 300:
        return "ok"
    if code in (400, 409, 413, 422):
        return "bad"  # authorised, refused for the bad body
    return str(code)


def _call(clients, role, method, url, **kwargs):
    """One call inside a savepoint that is rolled back, so it changes nothing for the next role."""
    with transaction.atomic():
        client = clients(None if role == "anonymous" else role)
        response = getattr(client, method.lower())(url, **kwargs)
        transaction.set_rollback(True)
    return response


def _path(pattern: str, route: str, world: World) -> str:
    # Django patterns: <int:pk>, <str:token>, and the one regex route (indices:template).
    if pattern.startswith("^") or "(?P<" in pattern:
        pattern = re.sub(r"\\\.", ".", pattern).replace("^", "").replace("$", "")
        pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "<" + m.group(1) + ">", pattern)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: world.value(route, m.group(1)), pattern)


def _check(kind: str, key: str, expected: str | None, seen: dict[str, str]):
    line = " ".join(seen[r] for r in ROLES)
    if DUMP:
        with open(DUMP, "a") as out:
            out.write(f"{kind}\t{key}\t{line}\n")
        return
    assert expected is not None, f"{key}: no expectation"
    assert line == expected, f"{key}\n  expected {expected}\n  seen     {line}\n  roles    {' '.join(ROLES)}"


@pytest.mark.parametrize("name,pattern", PAGE_ROUTES, ids=[n for n, _ in PAGE_ROUTES])
def test_page_permissions(name, pattern, world):
    if name in SKIP_PAGES:
        pytest.skip(SKIP_PAGES[name])
    url = _path(pattern, name, world)
    seen = {role: _outcome_of_page(_call(web, role, "GET", url)) for role in ROLES}
    _check("page", name, PAGES.get(name), seen)


@pytest.mark.parametrize(
    "method,path,has_body", API_OPERATIONS, ids=[f"{m} {p}" for m, p, _ in API_OPERATIONS]
)
def test_api_permissions(method, path, has_body, world):
    url = re.sub(r"\{(\w+)\}", lambda m: world.value(path, m.group(1)), path)
    body = representative_body(method, path, world) if has_body else None
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    if has_body and body is None:
        kwargs = {"data": {}}  # multipart (imports) without the file
    seen = {role: _outcome_of_api(_call(api, role, method, url, **kwargs)) for role in ROLES}
    _check("api", f"{method} {path}", API.get(f"{method} {path}"), seen)
