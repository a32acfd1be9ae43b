"""``kehoach remind``: refresh statuses and send due-date reminders. Cron-friendly and idempotent."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kehoach.core.audit import acting_as_system
from kehoach.fulfilment import broadcasts
from kehoach.outputs.services import send_week_reminders
from kehoach.plans.models import Plan, PlanStatus
from kehoach.tracking import reminders, services


class Command(BaseCommand):
    help = "Nhắc việc phải nộp sắp đến hạn và quá hạn (mỗi lời nhắc chỉ gửi một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="ngày chạy (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument(
            "--days-before", type=int, default=3, help="nhắc trước hạn bao nhiêu ngày (mặc định 3)"
        )

    def handle(self, *args, **opts):
        try:
            today = datetime.date.fromisoformat(opts["today"]) if opts["today"] else timezone.localdate()
        except ValueError:
            raise CommandError("--today phải có dạng YYYY-MM-DD")
        if opts["days_before"] < 0:
            raise CommandError("--days-before không được âm")
        with acting_as_system():
            plans = list(Plan.objects.filter(status=PlanStatus.ISSUED))
            changed = sum(services.refresh_statuses(p, today) for p in plans)
            changed += sum(broadcasts.sync_broadcast_deliverables(p, today) for p in plans)
            sent = reminders.send_reminders(today, days_before=opts["days_before"])
            # The radio centre is reminded when the week runs out without a qualifying airing (V.1.đ).
            sent += len(send_week_reminders(today))
        # Mail still owed (failed earlier, or left pending by a crash): retried under one policy.
        from kehoach.notices.services import send_pending_mail

        mailed = send_pending_mail()
        self.stdout.write(
            f"Đã cập nhật {changed} tình trạng; đã gửi {sent} lời nhắc; gửi lại {mailed} thư điện tử."
        )
