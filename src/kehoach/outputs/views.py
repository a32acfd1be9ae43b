"""Pages: the outputs log, adding one, bulk import from Excel, and the broadcast log with its calendar."""

import datetime
from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.core.export import wants_xlsx
from kehoach.org.models import Unit
from kehoach.outputs import selectors, services, spreadsheet
from kehoach.outputs.exports import broadcasts_xlsx, outputs_xlsx
from kehoach.outputs.forms import BroadcastEntryForm, ImportForm, OutputEntryForm, OutputFilterForm
from kehoach.outputs.home import DEFAULT_AIRING_TIME
from kehoach.outputs.models import Broadcast, Output
from kehoach.plans.defaults import default_plan_for
from kehoach.plans.models import Plan, PlanStatus
from kehoach.rules.periods import periods_between


def _acting_units(user):
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=permissions.unit_ids(user, permissions.ACTING_ROLES))


def _visible_units(user):
    """Units whose log the list shows: all for coordinators and leaders, else the user's own."""
    if permissions.sees_everything(user):
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=permissions.unit_ids(user))


def _plans(user):
    return Plan.objects.for_user(user).exclude(status=PlanStatus.DRAFT)


def _entry_form(request, data=None, files=None):
    units = _acting_units(request.user)
    initial = {"date": timezone.localdate(), "quantity": 1}
    first = permissions.primary_unit(request.user)
    if first is not None:
        initial["unit"] = first.pk
    return OutputEntryForm(data, files, units=units, plans=_plans(request.user), initial=initial)


class _CountedPaginator(Paginator):
    """A paginator told its count (from the daily summary): no COUNT(*) over the outputs."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known = count

    @cached_property
    def count(self) -> int:
        return self._known


@login_required
def output_list(request):
    """Sản phẩm tuyên truyền: my unit's log (every unit for coordinators), filters, figures, add form."""
    units = _visible_units(request.user)
    filters = OutputFilterForm(request.GET or None, units=units)
    qs = (
        Output.objects.for_user(request.user)
        .filter(unit__in=units)
        .select_related("unit", "activity", "plan")
    )
    # The same filters for the figures, read from the daily summary (issue 11: counting 2 M outputs
    # by form and for the pager took 0.7 s nationally).
    unit_ids = None if permissions.sees_everything(request.user) else permissions.unit_ids(request.user)
    form_code, start, end = None, None, None
    if filters.is_valid():
        d = filters.cleaned_data
        if d["unit"]:
            qs = qs.filter(unit=d["unit"])
            unit_ids = {d["unit"].pk}
        if d["form"]:
            qs = qs.filter(form=d["form"])
            form_code = d["form"]
        qs = qs.between(d["start"], d["end"])
        start, end = d["start"], d["end"]
    if wants_xlsx(request):
        return outputs_xlsx(qs, timezone.localdate())
    by_form = selectors.counted_by_form(unit_ids, form_code, start, end)
    page = _CountedPaginator(qs, 50, sum(r["count"] for r in by_form)).get_page(request.GET.get("page"))
    can_add = _acting_units(request.user).exists()
    return render(
        request,
        "outputs/list.html",
        {
            "filters": filters,
            "page": page,
            "by_form": by_form,
            "total": sum(r["count"] for r in by_form),
            # The add form has its own page (the button above): inline, its lists of units and
            # activities cost 0.1 s and 85 KB on every view of the list nationally.
            "form": can_add,
            "sees_all": permissions.sees_everything(request.user),
        },
    )


@login_required
def output_new(request):
    if not _acting_units(request.user).exists():
        raise Http404
    form = _entry_form(request, request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.log_output(request.user, form.service_data(), file=form.cleaned_data["file"])
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = 400
            else:
                messages.success(request, "Đã ghi nhận sản phẩm tuyên truyền.")
                return redirect("outputs:list")
        else:
            status = 400
    return render(request, "outputs/new.html", {"form": form}, status=status)


@login_required
@require_POST
def output_delete(request, pk):
    """Xóa a wrong entry: only the unit's own (another unit's is 404)."""
    output = get_object_or_404(Output.objects.writable_by(request.user), pk=pk)
    services.delete_output(request.user, output)
    messages.success(request, "Đã xóa sản phẩm.")
    return redirect("outputs:list")


@login_required
def output_file(request, pk):
    output = get_object_or_404(Output.objects.for_user(request.user), pk=pk)
    if not output.file:
        raise Http404
    return FileResponse(
        output.file.open("rb"), as_attachment=True, filename=output.file.name.rsplit("/", 1)[-1]
    )


@login_required
def import_template(request):
    response = HttpResponse(
        spreadsheet.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-san-pham-tuyen-truyen.xlsx"'
    return response


@login_required
def output_import(request):
    """Nhập nhiều sản phẩm từ Excel: all rows or none; each bad row is listed with its reason."""
    units = _acting_units(request.user)
    if not units.exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, units=units, plans=_plans(request.user))
    row_errors, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            # Runs as a background job (tác vụ nền): with a worker the page shows its progress box.
            from kehoach.org.first_run import import_jobs

            c = form.cleaned_data
            job = import_jobs.start(
                request.user,
                "outputs_save",
                path=import_jobs.keep_upload(request.user, c["file"].read(), ".xlsx"),
                unit_id=c["unit"].pk,
                plan_id=c["plan"].pk if c["plan"] else None,
            )
            if not job.finished:
                return render(
                    request, "outputs/import.html", {"form": form, "job": job, "elapsed": 0}, status=202
                )
            data = job.result_data or {"saved": 0, "row_errors": [[0, job.error]]}
            saved, row_errors = data["saved"], [tuple(e) for e in data["row_errors"]]
            if not row_errors:
                messages.success(request, f"Đã nhập {saved} sản phẩm tuyên truyền.")
                return redirect("outputs:list")
        status = 400
    return render(request, "outputs/import.html", {"form": form, "row_errors": row_errors}, status=status)


# --- broadcasts ---------------------------------------------------------------------------------


def _calendar(plan: Plan, today: datetime.date):
    """One cell per ISO week of the plan's time frame: judged weeks from the service, later ones pending."""
    status = services.broadcast_compliance(plan, today=today)
    judged = {w["week"]: w for w in status["weeks"]}
    start, end = plan.start or datetime.date(today.year, 1, 1), plan.end or datetime.date(today.year, 12, 31)
    cells = []
    for p in periods_between("week", start, end):
        w = judged.get(p.code)
        if w is None and p.end < today:
            cells.append({"period": p, "state": "future", "tag": "grey", "label": "Trước khi ban hành"})
        elif w is None:
            cells.append({"period": p, "state": "future", "tag": "grey", "label": "Chưa đến"})
        elif w["compliant"]:
            cells.append({"period": p, "w": w, "state": "ok", "tag": "ok", "label": "Đạt"})
        elif p.end >= today:
            cells.append({"period": p, "w": w, "state": "open", "tag": "info", "label": "Đang diễn ra"})
        else:
            cells.append({"period": p, "w": w, "state": "bad", "tag": "bad", "label": "Không đạt"})
    return status, cells


@login_required
def broadcast_list(request):
    """Phát sóng: the radio centre's log, a form for it, and the weekly compliance calendar."""
    plans = [p for p in _plans(request.user).prefetch_related("duties") if services.broadcast_duty(p)]
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = next((p for p in plans if p.pk == int(request.GET["plan"])), None)
        if plan is None:
            raise Http404
    elif plans:
        plan = default_plan_for(request.user, _plans(request.user).filter(pk__in=[p.pk for p in plans]))
    today = timezone.localdate()
    status, cells, unit = None, [], None
    if plan is not None:
        status, cells = _calendar(plan, today)
        unit = Unit.objects.filter(pk=status["unit_id"]).first()
    qs = Broadcast.objects.for_user(request.user).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if wants_xlsx(request):
        return broadcasts_xlsx(qs, today)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))

    my_units = _acting_units(request.user)
    if unit is not None:
        my_units = my_units.filter(pk=unit.pk)
    form = None
    if my_units.exists():
        form = BroadcastEntryForm(
            request.POST or None,
            request.FILES or None,
            units=my_units,
            # Today at 19:00 (the usual evening slot) and the plan's minimum minutes, changeable.
            initial={
                "unit": my_units.first().pk,
                "aired_at": datetime.datetime.combine(today, DEFAULT_AIRING_TIME),
                "minutes": status["min_minutes"] if status else None,
            },
            min_minutes=status["min_minutes"] if status else None,
        )
    resp_status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            from kehoach.fulfilment.broadcasts import record_broadcast

            try:
                record_broadcast(
                    request.user,
                    {
                        "unit_id": d["unit"].pk,
                        "aired_at": d["aired_at"],
                        "minutes": d["minutes"],
                        "title": d["title"],
                        "plan_id": plan.pk if plan else None,
                    },
                    recording=d["recording"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                resp_status = 400
            else:
                messages.success(request, "Đã ghi nhận lượt phát sóng.")
                return redirect(request.get_full_path())
        else:
            resp_status = 400
    return render(
        request,
        "outputs/broadcasts.html",
        {
            "plans": plans,
            "plan": plan,
            "status": status,
            "cells": cells,
            "unit": unit,
            "page": page,
            "form": form,
        },
        status=resp_status,
    )
