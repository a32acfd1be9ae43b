"""Public pages (no sign-in): plans and their progress, CCHC news, indices, procedures, feedback and lookup.
Staff pages: handling feedback, publishing news.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from kehoach.core import permissions
from kehoach.core import permissions as core_permissions
from kehoach.core.errors import DomainError
from kehoach.core.export import wants_xlsx
from kehoach.indices.selectors import overview
from kehoach.public import services
from kehoach.public.forms import AnswerForm, FeedbackForm, NewsForm, RejectForm, RouteForm, form_stamp
from kehoach.public.models import Feedback, FeedbackStatus, NewsItem, Procedure, ProcedureLevel
from kehoach.public.selectors import ROLLUP_FORMULA, public_plans

STATUS_TAGS = {
    "received": "info",
    "routed": "info",
    "answered": "warn",
    "published": "ok",
    "rejected": "grey",
}
#: What the sender sees: an answer waiting for publication is still "being handled" for them.
PUBLIC_STATUS = {
    "received": "Đã tiếp nhận",
    "routed": "Đang xử lý",
    "answered": "Đang xử lý",
    "published": "Đã trả lời",
    "rejected": "Không xử lý",
}


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def home(request):
    """Trang công khai: a start page for citizens."""
    today = timezone.localdate()
    return render(
        request,
        "public/home.html",
        {
            "plans": public_plans(today),
            "formula": ROLLUP_FORMULA,
            "news": NewsItem.objects.published().select_related("unit")[:6],
            "overview": [ix for ix in overview() if ix["rows"]],
            "procedure_count": Procedure.objects.count(),
            "form": FeedbackForm(),
            "ts": form_stamp(),
            "answer_days": services.answer_days(),
            "today": today,
        },
    )


def plan_detail(request, pk):
    today = timezone.localdate()
    found = public_plans(today, plan_id=pk)
    if not found:
        raise Http404
    return render(request, "public/plan.html", {"p": found[0], "formula": ROLLUP_FORMULA, "today": today})


def news_detail(request, pk):
    item = get_object_or_404(NewsItem.objects.published().select_related("unit"), pk=pk)
    return render(request, "public/news.html", {"item": item})


def procedures(request):
    q = request.GET.get("q", "").strip()[:200]
    level = request.GET.get("level", "")
    qs = Procedure.objects.select_related("unit")
    if q:
        qs = qs.search(q)
    if level in ProcedureLevel.values:
        qs = qs.filter(level=level)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "public/procedures.html",
        {"page": page, "q": q, "level": level, "levels": ProcedureLevel.choices},
    )


@never_cache
def feedback(request):
    """Gửi phản ánh, kiến nghị: form, abuse guards, then the tracking code."""
    if request.method != "POST":
        initial = {"ts": form_stamp()}
        if request.GET.get("procedure", "").isdigit():
            initial["procedure"] = int(request.GET["procedure"])
        form = FeedbackForm(initial=initial)
        return render(
            request,
            "public/feedback.html",
            {"form": form, "answer_days": services.answer_days(), "ts": form_stamp()},
        )
    form = FeedbackForm(request.POST)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        try:
            fb = services.submit_feedback(
                content=d["content"],
                procedure=d["procedure"],
                procedure_text=d["procedure_text"],
                name=d["name"],
                contact=d["contact"],
                ip=client_ip(request),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            return redirect(reverse("public:lookup") + f"?code={fb.code}&moi=1")
    # Re-shown with what was typed; the template gives it a fresh render stamp.
    return render(
        request,
        "public/feedback.html",
        {"form": form, "answer_days": services.answer_days(), "ts": form_stamp()},
        status=status,
    )


@never_cache
def lookup(request):
    """Tra cứu: status and the published answer. Never the sender's name or contact."""
    code = request.GET.get("code", "").strip()
    fb = services.lookup(code) if code else None
    status = 404 if code and fb is None else 200
    return render(
        request,
        "public/lookup.html",
        {
            "code": code,
            "fb": fb,
            "public_status": PUBLIC_STATUS.get(fb.status) if fb else None,
            "status_tag": STATUS_TAGS.get(fb.status) if fb else None,
            "just_sent": request.GET.get("moi") == "1",
        },
        status=status,
    )


# --- staff side -----------------------------------------------------------------------------


def _feedback_xlsx(qs, today):
    """Xuất Excel of the staff feedback list (the page's status filter kept)."""
    from kehoach.core.export import xlsx_response

    def rows():
        for fb in qs.iterator(chunk_size=1000):
            yield [
                fb.code,
                timezone.localtime(fb.received_at).replace(tzinfo=None),
                fb.get_status_display(),
                fb.routed_to.name if fb.routed_to_id else "",
                fb.due_date,
                "Có" if fb.is_overdue(today) else "",
                fb.content,
                fb.answer,
            ]

    headers = [
        "Mã",
        "Tiếp nhận lúc",
        "Tình trạng",
        "Đơn vị xử lý",
        "Hạn trả lời",
        "Quá hạn",
        "Nội dung",
        "Trả lời",
    ]
    return xlsx_response(f"phan-anh-kien-nghi-{today:%Y%m%d}.xlsx", "Phản ánh, kiến nghị", headers, rows())


@login_required
def staff_feedback(request):
    """Phản ánh, kiến nghị for staff: all of it for the desk, what was routed to my unit for others."""
    today = timezone.localdate()
    qs = Feedback.objects.for_user(request.user).select_related("routed_to", "procedure")
    st = request.GET.get("status", "")
    if st == "overdue":
        qs = qs.overdue(today)
    elif st in FeedbackStatus.values:
        qs = qs.filter(status=st)
    if wants_xlsx(request):
        return _feedback_xlsx(qs, today)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    for fb in page.object_list:
        fb.overdue = fb.is_overdue(today)
        fb.tag = STATUS_TAGS[fb.status]
    return render(
        request,
        "public/staff_feedback.html",
        {
            "page": page,
            "status": st,
            "statuses": FeedbackStatus.choices,
            "is_desk": permissions.is_feedback_desk(request.user),
            "overdue_count": Feedback.objects.for_user(request.user).overdue(today).count(),
        },
    )


@login_required
def staff_feedback_detail(request, pk):
    fb = get_object_or_404(
        Feedback.objects.for_user(request.user).select_related("routed_to", "procedure", "answered_by"), pk=pk
    )
    is_desk = permissions.is_feedback_desk(request.user)
    can_answer = permissions.can_answer_feedback(request.user, fb)
    route_form = RouteForm(initial={"unit": fb.routed_to_id})
    answer_form = AnswerForm(initial={"answer": fb.answer})
    reject_form = RejectForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "route":
                route_form = RouteForm(request.POST)
                if route_form.is_valid():
                    services.route(fb, request.user, route_form.cleaned_data["unit"])
                    messages.success(request, "Đã chuyển phản ánh cho đơn vị xử lý.")
                    return redirect("public:staff_feedback_detail", pk=fb.pk)
            elif action == "answer":
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    services.answer(
                        fb,
                        request.user,
                        answer_form.cleaned_data["answer"],
                        publish=answer_form.cleaned_data["publish"] and is_desk,
                    )
                    messages.success(request, "Đã lưu trả lời.")
                    return redirect("public:staff_feedback_detail", pk=fb.pk)
            elif action == "publish":
                services.publish_answer(fb, request.user)
                messages.success(request, "Đã công khai trả lời.")
                return redirect("public:staff_feedback_detail", pk=fb.pk)
            elif action == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    services.reject(fb, request.user, reject_form.cleaned_data["reason"])
                    messages.success(request, "Đã ghi nhận không xử lý.")
                    return redirect("public:staff_feedback_detail", pk=fb.pk)
            else:
                raise DomainError("Thao tác không hợp lệ.")
            status = 400
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
    today = timezone.localdate()
    fb.overdue = fb.is_overdue(today)
    fb.tag = STATUS_TAGS[fb.status]
    return render(
        request,
        "public/staff_feedback_detail.html",
        {
            "fb": fb,
            "is_desk": is_desk,
            "can_answer": can_answer and fb.status in ("received", "routed", "answered"),
            "route_form": route_form,
            "answer_form": answer_form,
            "reject_form": reject_form,
        },
        status=status,
    )


@login_required
def staff_news(request):
    """Tin CCHC của đơn vị: list and a form to publish a new item."""
    units = core_permissions.unit_ids(request.user, core_permissions.ACTING_ROLES)
    from kehoach.org.models import Unit

    unit_qs = Unit.objects.all() if request.user.is_superuser else Unit.objects.filter(pk__in=units)
    form = NewsForm(
        units=unit_qs,
        initial={
            "published_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "unit": next(iter(units), None),
        },
    )
    status = 200
    if request.method == "POST":
        form = NewsForm(request.POST, units=unit_qs)
        if not unit_qs.exists():
            return render(
                request,
                "core/error.html",
                {"status": 403, "message": "Bạn không đăng tin thay cho đơn vị nào được."},
                status=403,
            )
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.publish_news(
                    request.user,
                    unit=d["unit"],
                    title=d["title"],
                    summary=d["summary"],
                    body=d["body"],
                    url=d["url"],
                    published_at=d["published_at"],
                    is_published=d["is_published"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, "Đã đăng tin.")
                return redirect("public:staff_news")
        else:
            status = 400
    items = NewsItem.objects.for_user(request.user).select_related("unit", "created_by")[:100]
    return render(
        request,
        "public/staff_news.html",
        {"items": items, "form": form, "can_post": unit_qs.exists()},
        status=status,
    )
