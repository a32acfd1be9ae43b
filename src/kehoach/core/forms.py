"""Form helpers shared by the apps."""

from django import forms

from kehoach.core.errors import DomainError
from kehoach.core.uploads import EVIDENCE, UploadKind, check_upload


class UploadField(forms.FileField):
    """A file field checked by ``core.uploads.check_upload`` (size and type) for its ``kind``."""

    kind: UploadKind = EVIDENCE

    def __init__(self, *args, kind: UploadKind | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind is not None:
            self.kind = kind

    def clean(self, data, initial=None):
        f = super().clean(data, initial)
        if f and hasattr(f, "size"):
            try:
                check_upload(f.name, f.size, self.kind)
            except DomainError as exc:
                raise forms.ValidationError(exc.message, code="upload")
        return f


#: dd/mm/yyyy first (what people type), ISO still accepted (links, old bookmarks, the API's twin).
DATE_FORMATS_VI = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_HINT = "Ngày/tháng/năm, ví dụ 19/04/2021."


class VnDateInput(forms.DateInput):
    """Ô nhập ngày dd/mm/yyyy: a text input with a format hint, never the browser's own date
    picker (it follows the browser's language: mm/dd/yyyy was seen on Vietnamese pages)."""

    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        attrs = {"inputmode": "numeric", "autocomplete": "off", "size": 10, **(attrs or {})}
        kwargs.pop("format", None)
        super().__init__(attrs=attrs, format="%d/%m/%Y", **kwargs)


class AuditFilterForm(forms.Form):
    """Lọc nhật ký: by kind of object, person (or the system), action and date range (dd/mm/yyyy)."""

    DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

    model = forms.ChoiceField(label="Loại đối tượng", required=False)
    actor = forms.ChoiceField(label="Người thực hiện", required=False)
    action = forms.ChoiceField(label="Thao tác", required=False)
    since = forms.DateField(
        label="Từ ngày",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}),
        error_messages={"invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."},
    )
    until = forms.DateField(
        label="Đến ngày",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}),
        error_messages={"invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."},
    )

    def __init__(self, *args, object_types=(), actors=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        invalid = "Lựa chọn không hợp lệ."
        self.fields["model"].choices = [("", "Tất cả"), *object_types]  # type: ignore[attr-defined]
        self.fields["actor"].choices = [("", "Tất cả"), *actors]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", "Tất cả"), *actions]  # type: ignore[attr-defined]
        for name in ("model", "actor", "action"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")  # type: ignore[union-attr]
        if since and until and since > until:
            raise forms.ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
        return data


class EvidenceFileField(UploadField):
    """Tài liệu kiểm chứng: evidence, limited in size and type by the settings."""

    kind = EVIDENCE
