"""Who handles citizens' feedback: the feedback desk (coordinator office, VP HĐND-UBND) and the unit it is routed to."""

from django.conf import settings

from kehoach.core import permissions


def desk_unit_codes() -> set[str]:
    """Units that receive and route feedback (bộ phận tiếp nhận phản ánh, kiến nghị)."""
    return set(getattr(settings, "KEHOACH_FEEDBACK_DESK_UNITS", ["vp"]))


def is_feedback_desk(user) -> bool:
    """Coordinators and the VP HĐND-UBND's officers route, answer and publish any feedback."""
    if user is None or not user.is_authenticated:
        return False
    if permissions.is_any_coordinator(user):
        return True
    codes = desk_unit_codes()
    return any(
        m.unit.code in codes and m.role in permissions.ACTING_ROLES for m in permissions._memberships(user)
    )


def sees_all_feedback(user) -> bool:
    return is_feedback_desk(user) or permissions.sees_everything(user)


def can_answer(user, feedback) -> bool:
    """The desk, or an acting officer of the unit the feedback was routed to."""
    return is_feedback_desk(user) or permissions.can_act_for(user, feedback.routed_to_id)


def can_publish_news(user, unit_id) -> bool:
    return permissions.can_act_for(user, unit_id)
