"""Public feedback form with its abuse guards (honeypot, signed render time), and the staff forms."""

import time

from django import forms
from django.conf import settings
from django.core import signing

from kehoach.core.validation import validate_web_url
from kehoach.org.models import Unit
from kehoach.public.models import NewsItem, Procedure
from kehoach.public.services import MAX_CONTENT, MIN_CONTENT

_SALT = "kehoach.public.feedback-form"


def form_stamp() -> str:
    """A signed render time, so a post that comes back too fast (a bot) can be told apart."""
    return signing.dumps(int(time.time()), salt=_SALT)


def min_seconds() -> int:
    return int(getattr(settings, "KEHOACH_FEEDBACK_MIN_SECONDS", 3))


class FeedbackForm(forms.Form):
    content = forms.CharField(
        label="Nội dung phản ánh, kiến nghị",
        min_length=MIN_CONTENT,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Từ {MIN_CONTENT} đến {MAX_CONTENT} ký tự. Nêu rõ sự việc, nơi giải quyết, thời gian.",
    )
    procedure = forms.ModelChoiceField(
        label="Thủ tục hành chính liên quan (nếu có)",
        queryset=Procedure.objects.all(),
        required=False,
        empty_label="— Không chọn —",
    )
    procedure_text = forms.CharField(label="Hoặc ghi tên thủ tục", required=False, max_length=300)
    name = forms.CharField(label="Họ và tên (không bắt buộc)", required=False, max_length=120)
    contact = forms.CharField(
        label="Số điện thoại hoặc thư điện tử (không bắt buộc)",
        required=False,
        max_length=200,
        help_text="Không bao giờ được công khai; chỉ dùng để liên hệ khi cần làm rõ.",
    )
    # Honeypot: hidden from people by CSS; bots fill every field.
    website = forms.CharField(label="Để trống ô này", required=False)
    ts = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError("Không gửi được phản ánh. Vui lòng thử lại.", code="honeypot")
        try:
            rendered = signing.loads(data.get("ts") or "", salt=_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            raise forms.ValidationError("Biểu mẫu đã hết hạn; hãy tải lại trang và gửi lại.", code="stamp")
        if time.time() - int(rendered) < min_seconds():
            raise forms.ValidationError(
                "Bạn gửi quá nhanh; hãy kiểm tra nội dung rồi gửi lại.", code="too_fast"
            )
        return data


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(label="Chuyển cho đơn vị", queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(parent__code="ubnd").order_by("sort_order")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    publish = forms.BooleanField(label="Công khai trả lời ngay", required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Lý do không xử lý", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class NewsForm(forms.ModelForm):
    url = forms.URLField(
        label="Đường dẫn bài gốc", required=False, assume_scheme="https", validators=[validate_web_url]
    )

    class Meta:
        model = NewsItem
        fields = ["unit", "title", "summary", "body", "url", "published_at", "is_published"]
        widgets = {
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].empty_label = None
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"]
