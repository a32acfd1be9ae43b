"""The "Thông báo" panel on the home page: the latest notices, unread first."""

from django.template.loader import render_to_string

from kehoach.notices.selectors import inbox


def panel(request) -> str | None:
    items = list(inbox(request.user).order_by("read_at", "-notice__sent_at", "-id")[:5])
    unread = sum(1 for r in items if r.read_at is None)
    if not items:
        return None
    return render_to_string(
        "notices/_home_panel.html", {"items": items, "unread_in_panel": unread}, request=request
    )
