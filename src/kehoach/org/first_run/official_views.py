"""Bước 2 (cách khác): lấy đơn vị từ danh mục đơn vị hành chính thay vì tệp Excel.

Pick a province, see what will be created or updated (the same preview as the .xlsx path), then
save through the same units import; the choices ride in the form, so "Lưu" checks everything again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.org import official
from kehoach.org.models import Unit


@login_required
def from_official_list(request):
    """Chọn tỉnh, xem trước, lưu: the province's People's Committee, departments and communes."""
    if not permissions.is_any_coordinator(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên hoặc cơ quan thường trực được nhập danh sách đơn vị."))
    data = request.POST if request.method == "POST" else request.GET
    chosen = {
        "province": data.get("province", "").strip(),
        "top": data.get("top", "").strip(),
        # A first visit ticks the departments every province has; a submitted form says for itself.
        "departments": data.getlist("departments") if "province" in data else official.DEFAULT_DEPARTMENTS,
    }
    context: dict = {
        "provinces": official.provinces().values(),
        "departments": official.DEPARTMENTS,
        "roots": Unit.objects.filter(parent__isnull=True).order_by("sort_order", "name"),
        "chosen": chosen,
    }
    status = 200
    if request.method == "POST":
        try:
            result, outcome = official.import_official(
                chosen["province"],
                chosen["departments"],
                chosen["top"] or None,
                user=request.user,
                save=bool(request.POST.get("confirm")),
            )
        except DomainError as exc:
            context["error"], status = exc.message, exc.status
        else:
            if outcome is not None and not outcome["errors"]:
                messages.success(
                    request,
                    _("Đã lưu: %(c)d đơn vị mới, %(u)d đơn vị cập nhật.")
                    % {"c": outcome["created"], "u": outcome["updated"]},
                )
                return redirect("org:setup")
            context["result"] = result
            context["province"] = official.province(chosen["province"])
            if result.errors:
                status = 400
            else:
                context["can_save"] = True
    return render(request, "setup/official.html", context, status=status)
