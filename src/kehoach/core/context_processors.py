"""Navigation shown in every page header; entries whose page does not exist are left out."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_noop as _noop

from kehoach.core import permissions

# (url name, label, who sees it: "all" | "staff-wide" (coordinator/leader) | "coordinator")
NAV = [
    ("home", _noop("Việc của tôi"), "all"),
    ("plans:list", _noop("Kế hoạch"), "all"),
    ("tracking:list", _noop("Việc phải nộp"), "all"),
    ("outputs:list", _noop("Sản phẩm tuyên truyền"), "all"),
    ("outputs:broadcasts", _noop("Phát sóng"), "all"),
    ("budgets:list", _noop("Kinh phí"), "all"),
    ("reports:dashboard", _noop("Bảng điều khiển"), "all"),
    ("indices:list", _noop("Chỉ số"), "all"),
    ("public:staff_feedback", _noop("Phản ánh, kiến nghị"), "all"),
    ("org:list", _noop("Đơn vị"), "all"),
    ("core:audit", _noop("Nhật ký"), "coordinator"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
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
