"""Navigation shown in every page header; entries whose page does not exist are left out."""

from django.urls import NoReverseMatch, reverse

from kehoach.core import permissions

# (url name, label, who sees it: "all" | "staff-wide" (coordinator/leader) | "coordinator")
NAV = [
    ("home", "Việc của tôi", "all"),
    ("plans:list", "Kế hoạch", "all"),
    ("tracking:list", "Việc phải nộp", "all"),
    ("outputs:list", "Sản phẩm tuyên truyền", "all"),
    ("outputs:broadcasts", "Phát sóng", "all"),
    ("budgets:list", "Kinh phí", "all"),
    ("reports:dashboard", "Bảng điều khiển", "all"),
    ("indices:list", "Chỉ số", "all"),
    ("public:staff_feedback", "Phản ánh, kiến nghị", "all"),
    ("org:list", "Đơn vị", "all"),
    ("core:audit", "Nhật ký", "coordinator"),
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
        active = request.path.startswith(url) if url != "/" else request.path == "/"
        items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items, "acting_unit": permissions.primary_unit(user)}
