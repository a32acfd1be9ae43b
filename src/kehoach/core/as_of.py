"""The day a page's figures are as of (số liệu tính đến ngày): ``?as_of=dd/mm/yyyy`` (or ISO),
today by default. Pages say which day their figures are as of."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.utils import timezone

from kehoach.rules.money import parse_date_vi

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def as_of_from(request) -> datetime.date:
    """``as_of`` from the query string; today (with a warning on the page) when it is not a day."""
    today = timezone.localdate()
    raw = (request.GET.get("as_of") or "").strip()
    if not raw:
        return today
    try:
        day = parse_date_vi(raw)
    except ValueError:
        day = None
    if day is None or not EARLIEST <= day <= LATEST:
        messages.warning(request, f"Ngày không hợp lệ: {raw[:20]}. Đang hiển thị số liệu đến hôm nay.")
        return today
    return day
