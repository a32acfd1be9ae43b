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
