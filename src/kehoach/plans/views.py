"""Plan pages: the list, a plan with its outline, activities and duties, an activity with its history."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.core.i18n import state_label
from kehoach.plans import services
from kehoach.plans.display import STATE_TAGS, decorate
from kehoach.plans.forms import ActivityUpdateForm
from kehoach.plans.models import Activity, ActivityUpdate, Clause, Plan


@login_required
def plan_list(request):
    plans = Plan.objects.for_user(request.user).select_related("issuer")
    return render(
        request,
        "plans/list.html",
        {"plans": plans, "can_import": permissions.may_create_plans(request.user)},
    )


def _outline(plan):
    """The clauses as a nested list, built from one query."""
    children = defaultdict(list)
    for c in Clause.objects.filter(plan=plan).order_by("order"):
        children[c.parent_id].append(c)
    for clist in children.values():
        for c in clist:
            c.kids = children.get(c.pk, [])
    return children.get(None, [])


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(
        Plan.objects.for_user(request.user).select_related(
            "issuer", "coordinator_unit", "appraiser_unit", "parent"
        ),
        pk=pk,
    )
    today = timezone.localdate()
    activities = decorate(
        list(
            plan.activities.select_related("lead_unit").prefetch_related(
                "coordinator_units", "coordinator_groups"
            )
        ),
        today,
    )
    duties = list(plan.duties.prefetch_related("who_units", "who_groups").select_related("report_to"))
    by_who = defaultdict(list)
    for d in duties:
        key = "; ".join(d.who_text) or "—"
        by_who[key].append(d)
    counts = defaultdict(int)
    for a in activities:
        counts[a.state] += 1
    progress = round(sum(a.progress for a in activities) / len(activities)) if activities else 0
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "activities": activities,
            "duty_groups": dict(by_who),
            "outline": _outline(plan),
            "state_counts": [(state_label(k), STATE_TAGS[k], counts.get(k, 0)) for k in STATE_TAGS],
            "progress": progress,
            "children": plan.children.select_related("issuer"),
            "is_coordinator": permissions.is_coordinator(request.user, plan),
        },
    )


@login_required
def activity_detail(request, pk):
    activity = get_object_or_404(
        Activity.objects.filter(plan__in=Plan.objects.for_user(request.user)).select_related(
            "plan", "lead_unit"
        ),
        pk=pk,
    )
    can_edit = permissions.can_edit_activity(request.user, activity)
    form = ActivityUpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"progress": activity.progress, "version": activity.version},
    )
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.update_activity(
                    activity,
                    request.user,
                    version=form.cleaned_data["version"],
                    progress=form.cleaned_data["progress"],
                    note=form.cleaned_data["note"],
                    link=form.cleaned_data["link"],
                    file=form.cleaned_data["file"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Đã cập nhật tiến độ.")
                return redirect("plans:activity", pk=activity.pk)
        else:
            status = 400
    decorate([activity], timezone.localdate())
    updates = activity.updates.select_related("author")
    return render(
        request,
        "plans/activity.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "form": form,
            "can_edit": can_edit,
            "updates": updates,
            "coordinator_units": activity.coordinator_units.all(),
            "coordinator_groups": activity.coordinator_groups.all(),
        },
        status=status,
    )


@login_required
def evidence_file(request, pk):
    """Evidence is served only to people who may see the activity's plan."""
    update = get_object_or_404(
        ActivityUpdate.objects.filter(activity__plan__in=Plan.objects.for_user(request.user)), pk=pk
    )
    if not update.file:
        raise Http404
    return FileResponse(
        update.file.open("rb"), as_attachment=True, filename=update.file.name.rsplit("/", 1)[-1]
    )
