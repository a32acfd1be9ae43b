"""Nhập đơn vị từ Excel trên trang: upload, see what will change, then save (or fix the file).

The uploaded workbook is kept in the session between the preview and "Lưu", and checked again
when saved, so a change made meanwhile by someone else is never overwritten unseen.
"""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.org import unit_import

SESSION_KEY = "kehoach_unit_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_admin(request) -> None:
    if not permissions.is_any_coordinator(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên hoặc cơ quan thường trực được nhập danh sách đơn vị."))


@login_required
def import_units(request):
    """Bước 1 and 2: choose a file, read what will change; "Lưu" saves all rows or none."""
    _require_admin(request)
    context: dict = {}
    status = 200
    if request.method == "POST" and request.POST.get("confirm"):
        raw = base64.b64decode(request.session.get(SESSION_KEY) or "")
        if not raw:
            messages.error(request, _("Phiên nhập đã hết hạn, xin chọn lại tệp."))
            return redirect("org:import")
        try:
            result, outcome = unit_import.import_units(raw, user=request.user)
        except DomainError as exc:
            context["error"], status = exc.message, exc.status
        else:
            if not outcome["errors"]:
                request.session.pop(SESSION_KEY, None)
                messages.success(
                    request,
                    _("Đã lưu: %(c)d đơn vị mới, %(u)d đơn vị cập nhật.")
                    % {"c": outcome["created"], "u": outcome["updated"]},
                )
                return redirect("org:list")
            context["result"], status = result, 400
    elif request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"], status = _("Xin chọn tệp .xlsx danh sách đơn vị."), 400
        elif upload.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
            context["error"], status = _("Tệp quá lớn: tối đa 20 MB."), 413
        else:
            raw = upload.read()
            try:
                result, _none = unit_import.import_units(raw, save=False)
            except DomainError as exc:
                context["error"], status = exc.message, exc.status
            else:
                context["result"] = result
                if result.errors:
                    status = 400
                else:
                    request.session[SESSION_KEY] = base64.b64encode(raw).decode()
                    context["can_save"] = True
    return render(request, "org/import.html", context, status=status)


@login_required
def import_template(request):
    """Tệp mẫu danh sách đơn vị (.xlsx)."""
    _require_admin(request)
    response = HttpResponse(unit_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-don-vi.xlsx"'
    return response


PEOPLE_KEY = "kehoach_people_import"


@login_required
def import_people(request):
    """Nhập cán bộ: preview who will be created or updated; "Lưu" shows initial passwords once."""
    _require_admin(request)
    from kehoach.org import people_import

    context: dict = {}
    status = 200
    if request.method == "POST" and request.POST.get("confirm"):
        raw = base64.b64decode(request.session.get(PEOPLE_KEY) or "")
        if not raw:
            messages.error(request, _("Phiên nhập đã hết hạn, xin chọn lại tệp."))
            return redirect("org:import_people")
        try:
            handed = people_import.save_people(people_import.check_people(raw), user=request.user)
        except DomainError as exc:
            context["error"], status = exc.message, exc.status
        else:
            request.session.pop(PEOPLE_KEY, None)
            # The passwords exist only in this response: print it or hand it over now.
            response = render(request, "org/people_passwords.html", {"handed": handed})
            response["Cache-Control"] = "no-store"
            return response
    elif request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
            context["error"], status = _("Xin chọn tệp .xlsx danh sách cán bộ (tối đa 20 MB)."), 400
        else:
            raw = upload.read()
            try:
                result = people_import.check_people(raw)
            except DomainError as exc:
                context["error"], status = exc.message, exc.status
            else:
                context["result"] = result
                if result.errors:
                    status = 400
                else:
                    request.session[PEOPLE_KEY] = base64.b64encode(raw).decode()
                    context["can_save"] = True
    return render(request, "org/people_import.html", context, status=status)


@login_required
def people_template(request):
    """Tệp mẫu danh sách cán bộ (.xlsx)."""
    _require_admin(request)
    from kehoach.org import people_import

    response = HttpResponse(people_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response
