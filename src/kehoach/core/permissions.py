"""Who may see or change what. Every page, API endpoint and export asks here.

Reading a plan is open to every signed-in member of the organisation; every write is
scoped to the writer's unit and role.
"""

from __future__ import annotations

from django.db import models

ACTING_ROLES = {"coordinator", "finance", "leader", "officer"}


def memberships(user) -> list:
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_kehoach_memberships", None)
    if cached is None:
        # Through the user's reverse relation: core sits below org and does not import it.
        cached = list(user.memberships.select_related("unit"))
        user._kehoach_memberships = cached
    return cached


def remember_memberships(user, rows: list) -> None:
    """Hand over memberships already read with their units (the API token's lookup reads them in
    the same query as the token, ``core.bearer``): the permission checks then ask nothing more."""
    user._kehoach_memberships = list(rows)


def unit_ids(user, roles: set[str] | None = None) -> set[int]:
    """Units the user belongs to (with one of ``roles``, if given)."""
    return {m.unit_id for m in memberships(user) if roles is None or m.role in roles}


def roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def primary_unit(user) -> models.Model | None:
    """The unit a person acts for in the header (their first acting membership)."""
    ms = memberships(user)
    for m in ms:
        if m.role in ACTING_ROLES:
            return m.unit
    return ms[0].unit if ms else None


def is_any_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or "coordinator" in roles(user)))


def is_coordinator(user, plan=None) -> bool:
    """Cơ quan thường trực: reviews submissions, compiles reports (of this plan, if given)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if plan is None or plan.coordinator_unit_id is None:
        return "coordinator" in roles(user)
    return plan.coordinator_unit_id in unit_ids(user, {"coordinator"})


def is_leader(user, plan=None) -> bool:
    """Lãnh đạo UBND: approves budgets."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if plan is None:
        return "leader" in roles(user)
    return plan.issuer_id in unit_ids(user, {"leader"})


def is_finance(user, plan=None) -> bool:
    """Phòng Tài chính - Kế hoạch: appraises budget estimates."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if plan is None or plan.appraiser_unit_id is None:
        return "finance" in roles(user)
    return plan.appraiser_unit_id in unit_ids(user, {"finance"})


def may_create_plans(user) -> bool:
    """Nhập, tạo, sao chép kế hoạch: administrators and coordinators (cơ quan thường trực) only;
    a commune's draft would otherwise show in every coordinator's plan list."""
    return is_any_coordinator(user)


def sees_everything(user) -> bool:
    """Coordinators and leaders see every unit's records."""
    return bool(
        user and user.is_authenticated and (user.is_superuser or roles(user) & {"coordinator", "leader"})
    )


def can_act_for(user, unit_id: int | None) -> bool:
    """May the user write records for this unit (submit, log outputs, estimate budgets)?"""
    if user is None or not user.is_authenticated or unit_id is None:
        return False
    if user.is_superuser:
        return True
    return unit_id in unit_ids(user, ACTING_ROLES)


def can_see_unit_records(user, unit_id: int | None) -> bool:
    """Private records of a unit (submissions, evidence): the unit itself, coordinators and leaders."""
    return sees_everything(user) or (unit_id is not None and unit_id in unit_ids(user))


def can_edit_activity(user, activity) -> bool:
    """Progress of an appendix activity is updated by its lead unit or the plan's coordinator."""
    return is_coordinator(user, activity.plan) or can_act_for(user, activity.lead_unit_id)


# --- citizens' feedback (phản ánh, kiến nghị) ----------------------------------------------


def feedback_desk_codes() -> set[str]:
    """Units that receive and route feedback (bộ phận tiếp nhận: VP HĐND-UBND by default)."""
    from django.conf import settings

    return set(getattr(settings, "KEHOACH_FEEDBACK_DESK_UNITS", ["vp"]))


def is_feedback_desk(user) -> bool:
    """Coordinators and the desk's officers route, answer and publish any feedback."""
    if user is None or not user.is_authenticated:
        return False
    if is_any_coordinator(user):
        return True
    codes = feedback_desk_codes()
    return any(m.unit.code in codes and m.role in ACTING_ROLES for m in memberships(user))


def sees_all_feedback(user) -> bool:
    return is_feedback_desk(user) or sees_everything(user)


def can_answer_feedback(user, feedback) -> bool:
    """The desk, or an acting officer of the unit the feedback was routed to."""
    return is_feedback_desk(user) or can_act_for(user, feedback.routed_to_id)
