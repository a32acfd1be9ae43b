"""Index pages: trends of PAR INDEX, PAPI, SIPAS, PCI with their tables; entry and import for coordinators."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kehoach.core.errors import DomainError
from kehoach.indices import selectors, services
from kehoach.indices.forms import IndexImportForm, IndexResultForm
from kehoach.indices.models import IndexCode, IndexResult
from kehoach.org.models import Unit


@login_required
def index_list(request):
    qs = IndexResult.objects.for_user(request.user)
    index = request.GET.get("index", "")
    unit = request.GET.get("unit", "")
    if index in IndexCode.values:
        qs = qs.filter(index=index)
    if unit.isdigit():
        qs = qs.filter(unit_id=int(unit))
    can_enter = services.can_enter(request.user)
    form = IndexResultForm(prefix="r")
    import_form = IndexImportForm(prefix="i")
    import_errors = None
    status = 200
    if request.method == "POST":
        if not can_enter:
            return render(
                request,
                "core/error.html",
                {"status": 403, "message": "Chỉ cơ quan thường trực được nhập kết quả chỉ số."},
                status=403,
            )
        if "import" in request.POST:
            import_form = IndexImportForm(request.POST, request.FILES, prefix="i")
            if import_form.is_valid():
                f = import_form.cleaned_data["file"]
                if f.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
                    import_form.add_error("file", "Tệp quá lớn.")
                else:
                    try:
                        result = services.import_file(request.user, f.read(), f.name)
                    except services.ImportError_ as exc:
                        import_errors = exc.errors
                        import_form.add_error("file", exc.message)
                    except DomainError as exc:
                        import_form.add_error("file", exc.message)
                    else:
                        messages.success(
                            request,
                            f"Đã nhập {result['rows']} dòng: {result['created']} mới, {result['updated']} cập nhật.",
                        )
                        return redirect("indices:list")
            status = 400
        else:
            form = IndexResultForm(request.POST, prefix="r")
            if form.is_valid():
                data = dict(form.cleaned_data)
                try:
                    obj, created = services.save_result(request.user, data)
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, f"Đã {'thêm' if created else 'cập nhật'} kết quả: {obj}.")
                    return redirect("indices:list")
            status = 400
    return render(
        request,
        "indices/list.html",
        {
            "overview": selectors.overview(qs),
            "indices": IndexCode.choices,
            "units": Unit.objects.filter(index_results__isnull=False).distinct(),
            "f_index": index,
            "f_unit": unit,
            "can_enter": can_enter,
            "form": form,
            "import_form": import_form,
            "import_errors": import_errors,
        },
        status=status,
    )


@login_required
def template_file(request, fmt):
    if fmt == "xlsx":
        response = HttpResponse(
            services.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mau-chi-so.{fmt}"'
    return response
