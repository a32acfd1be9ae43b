"""The unread count in the page header (Thông báo chưa đọc)."""

from django.utils.functional import SimpleLazyObject

from kehoach.notices.selectors import unread_count


def unread_notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that do not show the header (files, partials) cost no query.
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}
