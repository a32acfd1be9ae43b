from django import forms

from kehoach.core.forms import EvidenceFileField
from kehoach.core.validation import validate_web_url


class ActivityUpdateForm(forms.Form):
    progress = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)
    note = forms.CharField(
        label="Nội dung cập nhật", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    link = forms.URLField(
        label="Đường dẫn minh chứng", required=False, assume_scheme="https", validators=[validate_web_url]
    )
    file = EvidenceFileField(label="Tệp minh chứng", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
