"""The "Thông báo" panel on the home page: the latest notices, unread first."""

from django.db.models import F
from django.template.loader import render_to_string

from kehoach.core import permissions
from kehoach.notices.selectors import inbox


def panel(request) -> str | None:
    # Unread first (NULL read_at sorts first on SQLite, last on PostgreSQL: say it explicitly).
    items = list(
        inbox(request.user).order_by(F("read_at").asc(nulls_first=True), "-notice__sent_at", "-id")[:5]
    )
    if not items and not permissions.unit_ids(request.user):
        return None  # a person outside every unit gets none: keep the page's own empty message
    return render_to_string("notices/_home_panel.html", {"items": items}, request=request)
