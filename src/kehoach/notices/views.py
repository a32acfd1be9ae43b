"""Pages: the inbox (Thông báo), one notice (opening marks it read), its letter, and the sent
urging notices with their delivery status per unit (coordinators and leaders)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.core.export import wants_xlsx
from kehoach.notices import selectors, services
from kehoach.notices.documents import urging_letter_file
from kehoach.notices.models import Notice, NoticeRecipient

INBOX_SIZE = 100


def _inbox_xlsx(qs):
    """Xuất Excel of the person's notices (all of them, not only the page's newest)."""
    from kehoach.core.export import xlsx_response

    def rows():
        for r in qs.iterator(chunk_size=1000):
            n = r.notice
            yield [
                timezone.localtime(n.sent_at).replace(tzinfo=None),
                n.get_kind_display(),
                n.plan.number if n.plan_id else "",
                n.period,
                n.title,
                timezone.localtime(r.read_at).replace(tzinfo=None) if r.read_at else None,
            ]

    headers = ["Gửi lúc", "Loại", "Kế hoạch", "Kỳ", "Tiêu đề", "Đọc lúc"]
    return xlsx_response(f"thong-bao-{timezone.localdate():%Y%m%d}.xlsx", "Thông báo", headers, rows())


@login_required
def inbox(request):
    """Thông báo: the person's notices, newest first; unread ones stand out."""
    if wants_xlsx(request):
        return _inbox_xlsx(selectors.inbox(request.user))
    items = list(selectors.inbox(request.user)[:INBOX_SIZE])
    return render(
        request,
        "notices/inbox.html",
        {
            "items": items,
            "unread": sum(1 for r in items if r.read_at is None),
            "sees_sent": permissions.sees_everything(request.user),
        },
    )


@login_required
@require_POST
def read_all(request):
    n = services.mark_all_read(request.user)
    messages.success(request, f"Đã đánh dấu {n} thông báo là đã đọc.")
    return redirect("notices:inbox")


def _visible(request, pk: int) -> Notice:
    # Another person's notice is simply not found on pages (404), as everywhere in the app.
    return get_object_or_404(Notice.objects.for_user(request.user).select_related("plan", "sent_by"), pk=pk)


@login_required
def detail(request, pk: int):
    """One notice. Opening it marks it read for the person; the coordinator sees who got it."""
    notice = _visible(request, pk)
    mine = NoticeRecipient.objects.filter(notice=notice, user=request.user).first()
    if mine is not None and mine.read_at is None:
        mine = services.mark_read(notice, request.user)
    show_delivery = permissions.sees_everything(request.user)
    return render(
        request,
        "notices/detail.html",
        {
            "notice": notice,
            "mine": mine,
            "show_delivery": show_delivery,
            "rows": selectors.delivery(notice) if show_delivery else [],
            "summary": selectors.summary(notice) if show_delivery else None,
            "items": _my_items(notice, request.user, show_delivery),
        },
    )


def _my_items(notice: Notice, user, everything: bool) -> list[dict]:
    """The urged units' items this person may see: all for coordinators, their units' otherwise."""
    if everything:
        return notice.letter
    own = permissions.unit_ids(user)
    return [u for u in notice.letter if u.get("unit_id") in own]


@login_required
def letter(request, pk: int):
    """The numbered văn bản đôn đốc of a sent urging notice (docx or pdf)."""
    notice = _visible(request, pk)
    try:
        f = urging_letter_file(notice, request.GET.get("format", "docx"))
    except DomainError as exc:
        raise Http404(exc.message)
    response = HttpResponse(f.content, content_type=f.content_type)
    response["Content-Disposition"] = f'attachment; filename="{f.filename}"'
    return response


@login_required
def sent(request):
    """Văn bản đôn đốc đã gửi: per notice, how many units got it in the app, read it, were mailed."""
    if not permissions.sees_everything(request.user):
        raise Http404
    notices = list(selectors.sent_urging()[:50])
    counts = selectors.summaries(Notice.objects.filter(pk__in=[n.pk for n in notices]))
    for n in notices:
        n.counts = counts[n.pk]
    return render(request, "notices/sent.html", {"notices": notices})
