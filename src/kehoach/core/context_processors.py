"""Navigation shown in every page header; entries whose page does not exist are left out."""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_noop

from kehoach.core import permissions

# (url name, label, who sees it: "all" | "staff-wide" (coordinator/leader) | "coordinator")
NAV = [
    ("home", gettext_noop("Việc của tôi"), "all"),
    ("plans:list", gettext_noop("Kế hoạch"), "all"),
    ("tracking:list", gettext_noop("Việc phải nộp"), "all"),
    ("outputs:list", gettext_noop("Sản phẩm tuyên truyền"), "all"),
    ("outputs:broadcasts", gettext_noop("Phát sóng"), "all"),
    ("budgets:list", gettext_noop("Kinh phí"), "all"),
    ("reports:dashboard", gettext_noop("Bảng điều khiển"), "all"),
    ("indices:list", gettext_noop("Chỉ số"), "all"),
    ("public:staff_feedback", gettext_noop("Phản ánh, kiến nghị"), "all"),
    ("org:list", gettext_noop("Đơn vị"), "all"),
    ("core:audit", gettext_noop("Nhật ký"), "coordinator"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items: list[dict[str, Any]] = []
    for name, label, audience in NAV:
        if audience == "coordinator" and not permissions.is_any_coordinator(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": False})
    # Only the most specific entry is current (/outputs/broadcasts/ is "Phát sóng", not both).
    matches = [
        i for i in items if (request.path == "/" if i["url"] == "/" else request.path.startswith(i["url"]))
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return {"nav_items": items, "acting_unit": permissions.primary_unit(user)}
