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


class EvidenceFileField(UploadField):
    """Tài liệu kiểm chứng: evidence, limited in size and type by the settings."""

    kind = EVIDENCE
