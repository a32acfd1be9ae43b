"""Form helpers shared by the apps."""

import os

from django import forms
from django.conf import settings


class EvidenceFileField(forms.FileField):
    """Evidence (tài liệu kiểm chứng): limited in size and type."""

    def clean(self, data, initial=None):
        f = super().clean(data, initial)
        if f and hasattr(f, "size"):
            if f.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
                raise forms.ValidationError("Tệp quá lớn: tối đa 20 MB.")
            ext = os.path.splitext(f.name)[1].lower()
            if ext not in settings.KEHOACH_EVIDENCE_TYPES:
                raise forms.ValidationError(
                    "Loại tệp không được chấp nhận. Chấp nhận: " + ", ".join(settings.KEHOACH_EVIDENCE_TYPES)
                )
        return f


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
        self.fields["model"].choices = [("", "Tất cả"), *object_types]
        self.fields["actor"].choices = [("", "Tất cả"), *actors]
        self.fields["action"].choices = [("", "Tất cả"), *actions]
        for name in ("model", "actor", "action"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
        return data
