"""Kế hoạch mặc định: which plan a page opens on when the address names none (no ``?plan=``).

One function for every page (tracking, review, problems, broadcasts, budgets, reports, home
panels), so a Ninh Phước officer never lands on the Khánh Hòa plan just because it is newer.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

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
    has a duty (itself or through a group it belongs to) or owes a deliverable
    (one ``IN (subquery)`` each, no row-multiplying joins)."""
    from kehoach.plans.models import Activity, Duty

    groups = _groups_of(unit_ids)
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


def _groups_of(unit_ids: set[int]) -> list[int]:
    """Groups (nhóm đơn vị) the units belong to, by the groups' rules (``UnitGroup.member_filter``)
    read in Python: three queries whatever the number of groups."""
    units = list(Unit.objects.filter(pk__in=unit_ids).only("pk", "kind", "parent_id"))
    found = []
    for g in UnitGroup.objects.prefetch_related("extra_members").only("pk", "kinds", "within_id"):
        extra = {u.pk for u in g.extra_members.all()}
        for u in units:
            by_rule = (
                bool(g.kinds) and u.kind in g.kinds and (g.within_id is None or u.parent_id == g.within_id)
            )
            if u.pk in extra or by_rule:
                found.append(g.pk)
                break
    return found


def _first(qs: QuerySet) -> Plan | None:
    # Issued plans first (the work of now), then closed ones; drafts only when nothing else exists.
    rank = Case(
        When(status=PlanStatus.ISSUED, then=Value(0)),
        When(status=PlanStatus.CLOSED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("issuer", "coordinator_unit")
        .annotate(_rank=rank)
        .order_by("_rank", *NEWEST)
        .first()
    )


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
