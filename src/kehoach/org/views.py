"""Unit pages: the organisation tree and a unit with its duties and activities."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.export import wants_xlsx
from kehoach.org.models import Alias, Unit, UnitGroup
from kehoach.plans.display import decorate
from kehoach.plans.models import Activity, Duty, Plan


@login_required
def unit_list(request):
    units = list(Unit.objects.select_related("focal_person"))
    children = defaultdict(list)
    for u in units:
        children[u.parent_id].append(u)

    def walk(parent_id, depth):
        for u in children.get(parent_id, []):
            u.depth = depth
            yield u
            yield from walk(u.pk, depth + 1)

    if wants_xlsx(request):
        return units_xlsx(list(walk(None, 0)))
    groups = UnitGroup.objects.prefetch_related("aliases")
    return render(
        request,
        "org/list.html",
        {
            # the tree in pages of 100 (a country: 3,400 units made a 470 KB page); Excel has them all
            "units": Paginator(list(walk(None, 0)), 100).get_page(request.GET.get("page")),
            "query": request.GET.copy(),
            "groups": groups,
            "can_import": permissions.is_any_coordinator(request.user),
        },
    )


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("parent", "focal_person", "successor"), pk=pk)
    today = timezone.localdate()
    plans = Plan.objects.for_user(request.user)
    group_ids = [
        g.pk for g in UnitGroup.objects.all() if not g.is_open and g.resolve().filter(pk=unit.pk).exists()
    ]
    duties = (
        Duty.objects.filter(plan__in=plans)
        .filter(Q(who_units=unit) | Q(who_groups__in=group_ids))
        .select_related("plan")
        .distinct()
    )
    led = decorate(
        list(Activity.objects.filter(plan__in=plans, lead_unit=unit).select_related("plan")), today
    )
    coordinated = decorate(
        list(
            Activity.objects.filter(plan__in=plans)
            .filter(Q(coordinator_units=unit) | Q(coordinator_groups__in=group_ids))
            .exclude(lead_unit=unit)
            .select_related("plan", "lead_unit")
            .distinct()
        ),
        today,
    )
    return render(
        request,
        "org/detail.html",
        {
            "unit": unit,
            "duties": duties,
            "led": led,
            "coordinated": coordinated,
            "aliases": unit.aliases.all(),
            "members": unit.memberships.select_related("user"),
            "children": unit.children.all(),
        },
    )


def units_xlsx(units):
    """Xuất Excel: the tree in the import template's columns, so the file can be edited and re-imported."""
    from kehoach.core.export import xlsx_response
    from kehoach.org.unit_import import TEMPLATE_HEADERS

    codes = {u.pk: u.code for u in units}
    aliases = defaultdict(list)
    for unit_id, name in Alias.objects.filter(unit__isnull=False).values_list("unit_id", "name"):
        aliases[unit_id].append(name)
    rows = (
        [u.code, u.name, u.kind, codes.get(u.parent_id, ""), "; ".join(aliases[u.pk]), u.valid_from, u.email]
        for u in units
    )
    return xlsx_response("don-vi.xlsx", "Đơn vị", TEMPLATE_HEADERS, rows)
