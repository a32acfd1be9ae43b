"""Demo notices: the coordinator's urging notice for 2021-H1, opened by some of the urged units.

Goes through ``tracking.reminders.send_urging`` (so the notice is delivered exactly as in real use)
with explicit 2021 dates. Idempotent: skipped once the plan has an urging notice for 2021-H1.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from kehoach.core.errors import DomainError
from kehoach.notices import services
from kehoach.notices.models import Notice, NoticeRecipient

PERIOD = "2021-H1"
SENT_ON = datetime.date(2021, 7, 5)
TEXT = (
    "Thực hiện Kế hoạch số 19/KH-UBND ngày 25/01/2021 của UBND huyện, đến nay các cơ quan, đơn vị có tên "
    "dưới đây chưa gửi báo cáo kết quả công tác thông tin, tuyên truyền cải cách hành chính 6 tháng đầu năm 2021 "
    "về Phòng Nội vụ. Đề nghị Thủ trưởng các cơ quan, đơn vị khẩn trương thực hiện."
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def load(plan, units) -> None:
    from kehoach.tracking.reminders import send_urging  # above this app: imported where used

    if Notice.objects.filter(plan=plan, kind="urging", period=PERIOD).exists():
        return
    coordinator = get_user_model().objects.filter(username="noivu").first()
    if coordinator is None:
        return
    try:
        urging = send_urging(plan, coordinator, None, PERIOD, TEXT, today=SENT_ON)
    except DomainError:  # nothing overdue in this demo year: no notice to show
        return
    notice = Notice.objects.get(key=f"urging:{urging.pk}")
    Notice.objects.filter(pk=notice.pk).update(sent_at=_at(SENT_ON, 8))
    NoticeRecipient.objects.filter(notice=notice).update(delivered_at=_at(SENT_ON, 8))
    # Every other urged unit opened it in the following days; the rest have not yet.
    rows = list(notice.unit_rows.order_by("unit__sort_order", "id"))
    for i, row in enumerate(rows[::2]):
        for r in row.recipients.select_related("user"):
            services.mark_read(notice, r.user, now=_at(SENT_ON + datetime.timedelta(days=1 + i % 3), 10))
