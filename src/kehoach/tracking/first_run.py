"""The first reminders of a new organisation (thiết lập ban đầu, bước 5): preview, then send."""

import datetime

from kehoach.core.audit import acting_as_system
from kehoach.plans.models import DutyKind, Plan, PlanStatus
from kehoach.tracking import reminders, services
from kehoach.tracking.models import Deliverable, DeliverableStatus, Reminder


def reminders_due(today: datetime.date, days_before: int = 3) -> list:
    """The deliverables the reminder service would consider today (for the preview)."""
    return list(
        Deliverable.objects.filter(
            plan__status=PlanStatus.ISSUED,
            status__in=[DeliverableStatus.PENDING, DeliverableStatus.RETURNED],
            kind__in=[DutyKind.SUBPLAN, DutyKind.REPORT, DutyKind.TASK],
            due_date__lte=today + datetime.timedelta(days=days_before + 1),
            due_date__gte=today - datetime.timedelta(days=4),
        )
        .exclude(pk__in=Reminder.objects.values("deliverable_id"))
        .select_related("unit__focal_person", "duty")
        .order_by("due_date", "unit__sort_order")[:200]
    )


def send_first_reminders(today: datetime.date) -> int:
    """Run the reminder service as ``kehoach remind`` does (idempotent: each reminder once)."""
    with acting_as_system():
        for plan in Plan.objects.filter(status=PlanStatus.ISSUED):
            services.refresh_statuses(plan, today)
        return reminders.send_reminders(today)
