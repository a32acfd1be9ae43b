"""Dashboards (bảng điều khiển), the ranking page, calendar links and document downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kehoach.core import formatting, permissions
from kehoach.core.as_of import as_of_from
from kehoach.core.errors import DomainError, Forbidden
from kehoach.org.models import Unit, UnitGroup
from kehoach.plans.defaults import default_plan_for
from kehoach.plans.models import Plan, PlanStatus
from kehoach.reports import charts, feeds, selectors, services
from kehoach.reports.documents import compile as documents
from kehoach.reports.models import CalendarToken, RankingWeights
from kehoach.reports.ranking import ranking as compute_ranking
from kehoach.reports.ranking import weights_for
from kehoach.rules.periods import parse_period
from kehoach.rules.ranking import CRITERION_LABELS_VI


def _pick_plan(request) -> Plan | None:
    plans = Plan.objects.for_user(request.user).select_related("issuer", "coordinator_unit")
    raw = request.GET.get("plan")
    if raw:
        try:
            return plans.get(pk=int(raw))
        except (ValueError, Plan.DoesNotExist):
            raise Http404
    return default_plan_for(request.user, plans)


def _pick_period(request, plan: Plan, today):
    raw = request.GET.get("period")
    if raw:
        try:
            return parse_period(raw)
        except ValueError:
            messages.warning(request, f"Kỳ báo cáo không hợp lệ: {raw}. Đang hiển thị kỳ mặc định.")
    return selectors.default_period(plan, today)


def _pick_as_of(request, today):
    return as_of_from(request)


def _filters(request, plan, period, as_of=None):
    return {
        "plans": Plan.objects.for_user(request.user).only("pk", "number", "title", "year"),
        "periods": [(p.code, p.label_vi) for p in selectors.period_choices(plan)],
        "plan": plan,
        "period": period,
        "as_of": as_of,
    }


def _keep(request) -> str:
    """The query string of the other filters, so links to a group or to another page keep the
    plan, period, date and unit group."""
    keep = request.GET.copy()
    for k in ("parent", "tier", "page"):
        keep.pop(k, None)
    return keep.urlencode()


def _paged(request, rows: list):
    """One page of ``rows`` (``selectors.PAGE_SIZE``; ``?page=``, filters kept by ``core/_pager``)."""
    return Paginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))


def _grouped(request, matrix: dict) -> dict:
    """The matrix grouped (many units) or one group drilled down (``?parent=&tier=``), paged."""
    try:
        parent = int(request.GET["parent"]) if request.GET.get("parent") else None
    except ValueError:
        raise Http404
    tier = request.GET.get("tier") if parent is not None else None
    if parent is not None and tier not in selectors.TIER_LABELS:
        raise Http404
    view = selectors.group_matrix(matrix, parent, tier)
    page = None if view["mode"] == "groups" else _paged(request, view["rows"])
    rows = view["rows"] if page is None else list(page.object_list)
    return {**view, "rows": rows, "page": page, "keep": _keep(request)}


def _empty(request, template="reports/no_plan.html"):
    return render(request, template, {})


@login_required
def dashboard(request):
    """Coordinator dashboard: numbers first, then charts with their tables; every number links to its records."""
    if not permissions.sees_everything(request.user):
        return redirect("reports:unit")
    today = timezone.localdate()
    plan = _pick_plan(request)
    if plan is None:
        return _empty(request)
    period = _pick_period(request, plan, today)
    groups = list(UnitGroup.objects.filter(is_open=False).order_by("name"))
    group = None
    unit_ids = None
    if request.GET.get("group"):
        group = next((g for g in groups if str(g.pk) == request.GET["group"]), None)
        if group is None:
            raise Http404
        unit_ids = set(group.resolve(on=period.end).values_list("pk", flat=True))
    as_of = _pick_as_of(request, today)
    start, end = period.start, min(period.end, as_of)
    acts = selectors.activity_summary(plan, as_of)
    drill = bool(request.GET.get("parent"))
    matrix = selectors.unit_matrix(plan, period, unit_ids, as_of, None if drill else selectors.GROUP_ABOVE)
    shown = _grouped(request, matrix)
    comp = matrix["completeness"]
    if unit_ids is not None:
        rows = [u for u in comp["by_unit"] if u["unit_id"] in unit_ids]
        from kehoach.rules.rates import reporting_rates

        comp = {
            **reporting_rates(
                sum(u["expected"] for u in rows),
                sum(u["submitted"] for u in rows),
                sum(u["on_time"] for u in rows),
            ),
            "by_unit": rows,
        }
    outputs = selectors.outputs_summary(plan, start, end, unit_ids)
    bc = selectors.broadcast_compliance(plan, period.start, period.end, as_of)
    budget = selectors.budget_totals(plan)
    indices = selectors.index_trends()
    state_series = [
        (s["label"], [acts["by_quarter"][q][i] for q in acts["quarters"]])
        for i, s in enumerate(acts["states"])
    ]
    ctx = {
        **_filters(request, plan, period, as_of),
        "groups": groups,
        "group": group,
        "today": today,
        "acts": acts,
        "matrix": matrix,
        "shown": shown,
        "page": shown["page"],
        "comp": comp,
        "comp_rate": formatting.percent(comp["rate"]),
        "comp_on_time_rate": formatting.percent(comp["on_time_rate"]),
        "outputs": outputs,
        "bc": bc,
        "bc_rate": formatting.percent(bc["compliant_weeks"] / bc["total_weeks"])
        if bc.get("total_weeks")
        else "—",
        "budget": budget,
        "budget_text": {k: formatting.vnd(budget[k]) for k in ("estimated", "appraised", "approved")},
        "indices": indices,
        "charts": {
            "states": charts.stacked_bar_chart(
                acts["quarters"],
                state_series,
                title="Nhiệm vụ theo tình trạng và theo quý",
                colors=[selectors.STATE_COLORS[s["code"]] for s in acts["states"]],
            )
            if acts["quarters"]
            else "",
            "weeks": charts.week_strip(bc["weeks"], title="Tuần phát sóng chuyên mục CCHC")
            if bc.get("weeks")
            else "",
            "forms": charts.bar_chart(
                [(r["label"], r["count"]) for r in outputs["by_form"]], title="Sản phẩm theo hình thức"
            ),
            "topics": charts.bar_chart(
                [(r["label"], r["count"]) for r in outputs["by_topic"]], title="Sản phẩm theo nội dung"
            ),
            "months": charts.line_chart(
                ["T" + r["key"][-2:] for r in outputs["by_month"]],
                [("Số sản phẩm", [r["count"] for r in outputs["by_month"]])],
                title="Sản phẩm theo tháng",
            )
            if outputs["by_month"]
            else "",
            "budget": charts.bar_chart(
                [
                    ("Dự toán", budget["estimated"] / 1e6),
                    ("Thẩm định", budget["appraised"] / 1e6),
                    ("Phê duyệt", budget["approved"] / 1e6),
                ],
                title="Kinh phí (triệu đồng)",
            ),
            "indices": charts.line_chart(indices["years"], indices["series"], title="Chỉ số qua các năm")
            if indices["series"]
            else "",
        },
        "can_compile": services.can_compile(request.user, plan),
    }
    template = "reports/_dashboard_body.html" if getattr(request, "htmx", False) else "reports/dashboard.html"
    return render(request, template, ctx)


@login_required
def unit_dashboard(request):
    """A unit officer's dashboard: my deliverables, my activities, my outputs, my ranking breakdown."""
    today = timezone.localdate()
    plan = _pick_plan(request)
    if plan is None:
        return _empty(request)
    period = _pick_period(request, plan, today)
    as_of = _pick_as_of(request, today)
    mine = permissions.unit_ids(request.user)
    units = list(Unit.objects.filter(pk__in=mine))
    deliverables = selectors.unit_deliverables(mine, plan, as_of)
    for d in deliverables:
        d.tag = selectors.DELIVERABLE_TAGS.get(d.state, "grey")
    acts = [a for a in selectors.activity_summary(plan, as_of)["rows"] if a["lead_unit_id"] in mine]
    outputs = selectors.outputs_summary(plan, period.start, min(period.end, as_of), mine)
    scores = [s for s in compute_ranking(plan, period, as_of) if s["unit_id"] in mine]
    ctx = {
        **_filters(request, plan, period, as_of),
        "units": units,
        "deliverables": deliverables,
        "activities": acts,
        "outputs": outputs,
        "forms_chart": charts.bar_chart(
            [(r["label"], r["count"]) for r in outputs["by_form"]], title="Sản phẩm của đơn vị theo hình thức"
        ),
        "scores": scores,
    }
    return render(request, "reports/unit.html", ctx)


@login_required
def leader_dashboard(request):
    """One page readable in a minute: the big numbers, late units, budget, broadcast compliance."""
    if not permissions.sees_everything(request.user):
        return redirect("reports:unit")
    today = timezone.localdate()
    plan = _pick_plan(request)
    if plan is None:
        return _empty(request)
    period = _pick_period(request, plan, today)
    as_of = _pick_as_of(request, today)
    acts = selectors.activity_summary(plan, as_of)
    # The totals and the owing units in one pass (the page shows no unit rows).
    standing = selectors.leader_standing(plan, period, as_of)
    comp = standing["totals"]
    bc = selectors.broadcast_compliance(plan, period.start, period.end, as_of)
    budget = selectors.budget_totals(plan)
    outputs = selectors.outputs_summary(plan, period.start, min(period.end, as_of))
    page = _paged(request, selectors.late_units_paged(plan, period, as_of, standing["owing"]))
    late = list(page.object_list)
    overdue = [a for a in acts["rows"] if a["state"] == "overdue"]
    ctx = {
        **_filters(request, plan, period, as_of),
        "acts": acts,
        "comp": comp,
        "comp_rate": formatting.percent(comp["rate"]),
        "comp_on_time_rate": formatting.percent(comp["on_time_rate"]),
        "bc": bc,
        "bc_rate": formatting.percent(bc["compliant_weeks"] / bc["total_weeks"])
        if bc.get("total_weeks")
        else "—",
        "budget_text": {k: formatting.vnd(budget[k]) for k in ("estimated", "appraised", "approved")},
        "budget": budget,
        "outputs": outputs,
        "late": late,
        "late_total": page.paginator.count,
        "page": page,
        "overdue": overdue,
        "weeks_chart": charts.week_strip(bc["weeks"], title="Tuần phát sóng chuyên mục CCHC")
        if bc.get("weeks")
        else "",
        "can_compile": services.can_compile(request.user, plan),
    }
    return render(request, "reports/leader.html", ctx)


@login_required
def ranking_page(request):
    """Đánh giá, xếp hạng thi đua: every score with its breakdown and formula; the coordinator sets weights."""
    today = timezone.localdate()
    plan = _pick_plan(request)
    if plan is None:
        return _empty(request)
    period = _pick_period(request, plan, today)
    if "period" not in request.GET:
        period = parse_period(str(period.year))
    is_coord = permissions.is_coordinator(request.user, plan)
    errors = []
    values = weights_for(plan)
    status = 200
    if request.method == "POST":
        if not is_coord:
            raise Http404
        values = {f: request.POST.get(f, "") for f in RankingWeights.FIELDS}
        try:
            services.set_ranking_weights(request.user, plan, values)
        except DomainError as exc:
            errors.append(exc.message)
            status = 400
        else:
            messages.success(request, "Đã lưu trọng số chấm điểm thi đua.")
            return redirect(f"{reverse('reports:ranking')}?plan={plan.pk}&period={period.code}")
    as_of = _pick_as_of(request, today)
    scores = compute_ranking(plan, period, as_of)
    ctx = {
        **_filters(request, plan, period, as_of),
        # 50 a page: nationally 3,400 units with their breakdowns made a 2.6 MB page
        "scores": Paginator(scores, 50).get_page(request.GET.get("page")),
        "query": request.GET.copy(),
        "weights": [(f, CRITERION_LABELS_VI[f], values.get(f, 0)) for f in RankingWeights.FIELDS],
        "is_coordinator": is_coord,
        "errors": errors,
        "chart": charts.bar_chart(
            [(s["unit_name"], s["score"]) for s in scores[:25]], title="Điểm thi đua", width=560
        ),
    }
    return render(request, "reports/ranking.html", ctx, status=status)


@login_required
def calendar_page(request):
    """Private calendar links (đường dẫn lịch riêng) for phones and Outlook: create, list, revoke."""
    plan = _pick_plan(request)
    new_key = None
    errors = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "revoke":
                services.revoke_calendar_token(request.user, int(request.POST.get("token") or 0))
                messages.success(
                    request, "Đã thu hồi đường dẫn lịch. Các thiết bị đang dùng sẽ không nhận lịch nữa."
                )
                return redirect("reports:calendar")
            label = request.POST.get("label", "").strip()
            _token, new_key = services.create_calendar_token(request.user, label=label, plan=plan)
        except (DomainError, ValueError) as exc:
            errors.append(getattr(exc, "message", "Yêu cầu không hợp lệ."))
    tokens = CalendarToken.objects.for_user(request.user).select_related("plan")
    feed_url = request.build_absolute_uri(reverse("reports:ics", args=[new_key])) if new_key else None
    return render(
        request,
        "reports/calendar.html",
        {"tokens": tokens, "feed_url": feed_url, "plan": plan, "errors": errors},
        status=400 if errors else 200,
    )


def ics_feed(request, key: str):
    """The private feed: no sign-in, the key is the credential; 404 once revoked."""
    token = services.token_from_key(key)
    if token is None or not token.user.is_active:
        raise Http404
    plan = token.plan or default_plan_for(
        token.user, Plan.objects.for_user(token.user).filter(status=PlanStatus.ISSUED)
    )
    if plan is None or not Plan.objects.for_user(token.user).filter(pk=plan.pk).exists():
        raise Http404
    if token.unit_id and not permissions.can_see_unit_records(token.user, token.unit_id):
        raise Http404  # the owner left that unit: the link stops working
    unit_ids = {token.unit_id} if token.unit_id else None
    resp = HttpResponse(
        feeds.build_calendar(token.user, plan, unit_ids), content_type="text/calendar; charset=utf-8"
    )
    resp["Cache-Control"] = "private, max-age=900"
    return resp


def _download(request, plan_id, make):
    plan = get_object_or_404(
        Plan.objects.for_user(request.user).select_related("issuer", "coordinator_unit"), pk=plan_id
    )
    try:
        f = make(plan)
    except Forbidden:
        raise Http404
    except DomainError as exc:
        return render(
            request, "reports/document_error.html", {"plan": plan, "message": exc.message}, status=exc.status
        )
    if not isinstance(f, documents.CompiledFile):  # a report job (``answer.report_or_job``)
        if not f.has_file:
            return redirect("jobs:detail", job_id=f.pk)
        return FileResponse(
            f.result_file.open("rb"), as_attachment=True, filename=f.result_name, content_type=f.result_type
        )
    resp = HttpResponse(f.content, content_type=f.content_type)
    resp["Content-Disposition"] = f'attachment; filename="{f.filename}"'
    return resp


@login_required
def report_file(request, plan_id: int):
    """The compiled report for the browser (same file as the API). A heavy one is compiled in a
    background job: the browser goes to the job's page, which offers the file when done."""
    from kehoach.reports.documents import answer as answers

    today = timezone.localdate()
    return _download(
        request,
        plan_id,
        lambda plan: answers.report_or_job(
            request.user,
            plan,
            request.GET.get("period"),
            request.GET.get("format", "docx"),
            today,
            as_of=as_of_from(request) if request.GET.get("as_of") else None,
        ),
    )


@login_required
def plan_file(request, plan_id: int):
    from kehoach.reports.documents import answer as answers

    fmt = request.GET.get("format", "docx")
    return _download(
        request,
        plan_id,
        lambda plan: answers.draft_or_job(
            request.user,
            {"what": "plan", "plan_id": plan.pk, "format": fmt},
            lambda: documents.compile_plan(request.user, plan, fmt),
        ),
    )


@login_required
def urging_file(request, plan_id: int):
    from kehoach.reports.documents import answer as answers

    today = timezone.localdate()
    period, fmt, as_of = request.GET.get("period"), request.GET.get("format", "docx"), as_of_from(request)
    return _download(
        request,
        plan_id,
        lambda plan: answers.draft_or_job(
            request.user,
            {"what": "urging", "plan_id": plan.pk, "period": period, "format": fmt, "as_of": as_of},
            lambda: documents.compile_urging(request.user, plan, period, fmt, today, as_of=as_of),
        ),
    )
