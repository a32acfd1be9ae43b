"""Pages: estimates per unit with totals, a new estimate with line items, an estimate with its decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kehoach.budgets import selectors, services
from kehoach.budgets.exports import budgets_xlsx
from kehoach.budgets.forms import DecisionForm, EstimateForm, ReturnForm, item_formset
from kehoach.budgets.models import Budget, BudgetStatus
from kehoach.core import formatting, permissions
from kehoach.core.errors import DomainError
from kehoach.core.export import wants_xlsx
from kehoach.org.models import Unit
from kehoach.plans.defaults import default_plan_for
from kehoach.plans.models import Plan, PlanStatus
from kehoach.rules import budget_flow as flow


def _plans(user):
    return Plan.objects.for_user(user).filter(status=PlanStatus.ISSUED)


def _acting_units(user):
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=permissions.unit_ids(user, permissions.ACTING_ROLES))


@login_required
def budget_list(request):
    """Kinh phí: estimates the user may see, by unit, with status tags and totals."""
    plans = list(_plans(request.user))
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = next((p for p in plans if p.pk == int(request.GET["plan"])), None)
    elif plans:
        plan = default_plan_for(request.user, _plans(request.user))
    status = request.GET.get("status", "")
    qs = Budget.objects.for_user(request.user).select_related("unit", "plan")
    if plan is not None:
        qs = qs.filter(plan=plan)
    if status in BudgetStatus.values:
        qs = qs.filter(status=status)
    if wants_xlsx(request):
        return budgets_xlsx(qs, timezone.localdate())
    return render(
        request,
        "budgets/list.html",
        {
            "budgets": qs,
            "plans": plans,
            "plan": plan,
            "status": status,
            "statuses": BudgetStatus.choices,
            "totals": selectors.totals(plan, qs=Budget.objects.for_user(request.user)) if plan else None,
            "can_estimate": _acting_units(request.user).exists(),
        },
    )


@login_required
def budget_new(request):
    units = _acting_units(request.user)
    if not units.exists():
        return render(
            request,
            "core/error.html",
            {"status": 403, "message": "Bạn không lập dự toán cho đơn vị nào."},
            status=403,
        )
    plans = _plans(request.user)
    first = permissions.primary_unit(request.user)
    form = EstimateForm(
        request.POST or None,
        plans=plans,
        units=units,
        initial={
            "plan": request.GET.get("plan") or getattr(default_plan_for(request.user, plans), "pk", None),
            "unit": first.pk if first else None,
        },
    )
    items = item_formset()(request.POST or None, prefix="items")
    status = 200
    if request.method == "POST":
        if form.is_valid() and items.is_valid():
            d = form.cleaned_data
            try:
                budget = services.create_estimate(
                    request.user, d["plan"], d["unit"], d["source"], items.lines(), note=d["note"]
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Đã gửi dự toán tới Phòng Tài chính-Kế hoạch để thẩm định.")
                return redirect("budgets:detail", pk=budget.pk)
        else:
            status = 400
    return render(request, "budgets/new.html", {"form": form, "items": items}, status=status)


def _decide(request, budget, action, decision, back, revise) -> tuple[int, object]:
    """Run one page action through its service; ``(status, response or None)``.

    Approval has a confirm step: the first valid submission renders "kiểm tra trước khi phê duyệt"
    (figures side by side); only ``step=confirm`` approves.
    """
    user = request.user
    try:
        if action == "appraise":
            d = decision.cleaned_data
            services.appraise(
                budget,
                user,
                d["amount"],
                d["comment"],
                version=d["version"],
                override_reason=decision.reason(),
            )
            messages.success(request, "Đã thẩm định dự toán.")
        elif action == "approve":
            d = decision.cleaned_data
            step = request.POST.get("step", "")
            if step != "confirm":
                amount, reason = services.check_decision(budget, flow.APPROVE, d["amount"], decision.reason())
                if step != "edit":
                    return 200, render(
                        request,
                        "budgets/confirm_approve.html",
                        {"budget": budget, "decision": decision, "amount": amount, "reason": reason},
                    )
                return 200, None
            services.approve(
                budget,
                user,
                d["amount"],
                d["comment"],
                version=d["version"],
                override_reason=decision.reason(),
            )
            messages.success(request, "Đã phê duyệt dự toán.")
        elif action == "return":
            services.return_estimate(
                budget, user, back.cleaned_data["comment"], version=back.cleaned_data["version"]
            )
            messages.success(request, "Đã trả lại dự toán cho đơn vị.")
        else:
            services.revise_estimate(
                budget, user, revise.lines(), version=request.POST.get("version") or None
            )
            messages.success(request, "Đã cập nhật và gửi lại dự toán.")
    except services.OverLimit as exc:
        decision.add_error("amount", exc.message)
        return exc.status, None
    except DomainError as exc:
        messages.error(request, exc.message)
        return exc.status, None
    return 302, redirect("budgets:detail", pk=budget.pk)


@login_required
def budget_detail(request, pk):
    """An estimate with its lines and history; the buttons are the transition table's actions for this user."""
    budget = get_object_or_404(
        Budget.objects.for_user(request.user).select_related(
            "unit", "plan", "appraised_by", "approved_by", "created_by"
        ),
        pk=pk,
    )
    user = request.user
    actions = services.available_actions(user, budget)
    # The page's "appraise" form is a first appraisal or a correction, as the state says.
    table_action = {
        "appraise": services.appraise_action(budget),
        "approve": flow.APPROVE,
        "return": flow.RETURN,
        "revise": flow.REVISE,
    }
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {"version": budget.version}  # the amount is typed, never pre-filled
    decision = DecisionForm(
        request.POST if action in ("appraise", "approve") else None, initial=initial, prefix="d"
    )
    back = ReturnForm(
        request.POST if action == "return" else None, initial={"version": budget.version}, prefix="r"
    )
    lines = [
        {"description": i.description, "amount": formatting.amount(i.amount)} for i in budget.items.all()
    ]
    revise = item_formset(extra=3)(
        request.POST if action == "revise" else None, initial=lines, prefix="items"
    )
    status = 200
    if action:
        wanted = table_action.get(action)
        if wanted is None or wanted not in actions:
            mine = services.actor_roles(user, budget)
            status = 403 if wanted is None or not flow.role_may(wanted, mine) else 409
            messages.error(
                request, "Bạn không thực hiện được thao tác này với dự toán ở trạng thái hiện tại."
            )
        else:
            form = {"appraise": decision, "approve": decision, "return": back, "revise": revise}[action]
            if form.is_valid():
                status, response = _decide(request, budget, action, decision, back, revise)
                if response is not None:
                    return response
            else:
                status = 400
    return render(
        request,
        "budgets/detail.html",
        {
            "budget": budget,
            "items": budget.items.all(),
            "decision": decision,
            "back": back,
            "revise": revise,
            "action": action,
            "actions": actions,
            "labels": {a: flow.label(a) for a in actions},
            "can_appraise": flow.APPRAISE in actions or flow.REAPPRAISE in actions,
            "reappraise": flow.REAPPRAISE in actions,
            "can_approve": flow.APPROVE in actions,
            "can_return": flow.RETURN in actions,
            "can_revise": flow.REVISE in actions,
        },
        status=status,
    )
