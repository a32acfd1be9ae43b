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
