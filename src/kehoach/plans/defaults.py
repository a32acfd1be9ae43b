"""Kế hoạch mặc định: which plan a page opens on when the address names none (no ``?plan=``).

One function for every page (tracking, review, problems, broadcasts, budgets, reports, home
panels), so a Ninh Phước officer never lands on the Khánh Hòa plan just because it is newer.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kehoach.core import permissions
from kehoach.org.models import Unit, UnitGroup
from kehoach.plans.models import Plan, PlanStatus

#: Newest first: the year, then the issue date, then the row (ties on imported plans).
NEWEST = ("-year", "-issued_on", "-id")


def _tree(unit_ids: set[int]) -> set[int]:
    """Every unit of the organisation trees the given units belong to (their root ancestors and
    all their descendants): one query per level of the tree."""
    roots: set[int] = set()
    for unit in Unit.objects.filter(pk__in=unit_ids).select_related("parent"):
        chain = unit.ancestors()
        roots.add(chain[-1].pk if chain else unit.pk)
    tree, level = set(roots), set(roots)
    for _ in range(20):  # the depth bound of Unit.ancestors
        level = set(Unit.objects.filter(parent_id__in=level).values_list("pk", flat=True)) - tree
        if not level:
            break
        tree |= level
    return tree


def takes_part(unit_ids: set[int]) -> Q:
    """Plans a unit takes part in: issues, coordinates, appraises, leads or joins an activity,
    has a duty (itself or through a group it belongs to) or owes a deliverable (one ``IN (subquery)`` each, no row-multiplying joins)."""
    from kehoach.plans.models import Activity, Duty

    groups = [
        g.pk
        for g in UnitGroup.objects.all()
        if Unit.objects.filter(g.member_filter(), pk__in=unit_ids).exists()
    ]
    return (
        Q(issuer_id__in=unit_ids)
        | Q(coordinator_unit_id__in=unit_ids)
        | Q(appraiser_unit_id__in=unit_ids)
        | Q(pk__in=Activity.objects.filter(lead_unit_id__in=unit_ids).values("plan_id"))
        | Q(pk__in=Activity.objects.filter(coordinator_units__in=unit_ids).values("plan_id"))
        | Q(pk__in=Duty.objects.filter(who_units__in=unit_ids).values("plan_id"))
        | Q(pk__in=Duty.objects.filter(who_groups__in=groups).values("plan_id"))
        | Q(pk__in=Activity.objects.filter(coordinator_groups__in=groups).values("plan_id"))
        | Q(pk__in=Plan.deliverables.rel.related_model.objects.filter(unit_id__in=unit_ids).values("plan_id"))
    )


def _first(qs: QuerySet) -> Plan | None:
    # Issued plans first (the work of now), then closed ones; drafts only when nothing else exists.
    for statuses in ([PlanStatus.ISSUED], [PlanStatus.CLOSED], [PlanStatus.DRAFT]):
        pk = qs.filter(status__in=statuses).order_by(*NEWEST).values_list("pk", flat=True).first()
        if pk is not None:
            return Plan.objects.select_related("issuer", "coordinator_unit").get(pk=pk)
    return None


def default_plan_for(user, plans: QuerySet | None = None) -> Plan | None:
    """The plan a page shows ``user`` when none is asked for, among ``plans`` (default: the plans
    the user may read).

    The latest issued plan the user's unit takes part in; else the latest of the user's
    organisation tree (the root ancestor of the user's unit and everything under it); else the
    latest issued plan overall. Never another organisation's plan when one of the user's own exists.
    """
    qs = Plan.objects.for_user(user) if plans is None else plans
    units = permissions.unit_ids(user)
    if units:
        mine = qs.filter(takes_part(units))
        found = _first(mine)
        if found is not None:
            return found
        found = _first(qs.filter(issuer_id__in=_tree(units)))
        if found is not None:
            return found
    return _first(qs)


def coordinated(user, plans: QuerySet | None = None) -> QuerySet:
    """The plans ``user`` coordinates (as ``permissions.is_coordinator`` decides, as a queryset):
    the review and lock pages open on one of these."""
    qs = Plan.objects.for_user(user) if plans is None else plans
    if user.is_superuser:
        return qs
    mine = permissions.unit_ids(user, {"coordinator"})
    if not mine:
        return qs.none()
    return qs.filter(Q(coordinator_unit_id__in=mine) | Q(coordinator_unit__isnull=True))
