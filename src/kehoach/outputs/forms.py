from django import forms
from django.db.models import Q
from django.utils import timezone

from kehoach.core.forms import DATE_FORMATS_VI, DATE_HINT, EvidenceFileField, VnDateInput
from kehoach.core.validation import validate_web_url
from kehoach.org.models import Unit
from kehoach.outputs.models import AUDIENCES, TOPICS, OutputForm, QuantityUnit
from kehoach.plans.models import Activity, Plan

DATE_FORMATS = DATE_FORMATS_VI


class DateInput(VnDateInput):
    """dd/mm/yyyy text input with a hint (``core.forms.VnDateInput``)."""


class OutputEntryForm(forms.Form):
    """Ghi nhận một sản phẩm tuyên truyền (the page twin of ``POST /api/v1/outputs``)."""

    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), empty_label=None)
    date = forms.DateField(
        label="Ngày thực hiện",
        initial=timezone.localdate,
        help_text=DATE_HINT,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
    )
    form = forms.ChoiceField(label="Hình thức", choices=OutputForm.choices)
    title = forms.CharField(label="Tên sản phẩm, tiêu đề", max_length=300)
    topics = forms.MultipleChoiceField(
        label="Nội dung tuyên truyền", choices=TOPICS, required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label="Đối tượng", choices=AUDIENCES, required=False, widget=forms.CheckboxSelectMultiple
    )
    quantity = forms.IntegerField(label="Số lượng", min_value=0, initial=1)
    quantity_unit = forms.ChoiceField(
        label="Đơn vị tính",
        choices=[("", "Theo hình thức (tự chọn)"), *QuantityUnit.choices],
        required=False,
        help_text="Để trống: tờ gấp tính theo bản, phát thanh theo phút, lớp tập huấn theo buổi…",
    )
    participants = forms.IntegerField(
        label="Số người tham dự", min_value=0, required=False, help_text="Với lớp tập huấn, hội nghị."
    )
    activity = forms.ModelChoiceField(
        label="Thuộc nhiệm vụ (phụ lục kế hoạch)",
        queryset=Activity.objects.none(),
        required=False,
        empty_label="Không gắn nhiệm vụ nào",
    )
    url = forms.URLField(
        label="Đường dẫn (nếu đăng trên mạng)",
        required=False,
        assume_scheme="https",
        validators=[validate_web_url],
    )
    file = EvidenceFileField(label="Tài liệu kiểm chứng", required=False)

    def __init__(self, *args, units=None, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        if plans is not None:
            self.fields["activity"].queryset = Activity.objects.filter(plan__in=plans).select_related("plan")
            self.fields["activity"].label_from_instance = lambda a: (
                f"{a.plan.number} — {a.no}. {a.content[:70]}"
            )

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "unit_id": d["unit"].pk,
            "date": d["date"],
            "form": d["form"],
            "title": d["title"],
            "topics": d["topics"],
            "audiences": d["audiences"],
            "quantity": d["quantity"],
            "quantity_unit": d["quantity_unit"] or None,
            "participants": d["participants"],
            "activity_id": d["activity"].pk if d["activity"] else None,
            "url": d["url"],
        }


class OutputFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False, empty_label="Tất cả"
    )
    form = forms.ChoiceField(label="Hình thức", choices=[("", "Tất cả"), *OutputForm.choices], required=False)
    start = forms.DateField(
        label="Từ ngày", help_text=DATE_HINT, required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    end = forms.DateField(
        label="Đến ngày", help_text=DATE_HINT, required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units if units is not None else Unit.objects.none()
        if units.count() > UNITS_IN_A_LIST:
            # Nationally 3,400 units: a list of them all made the page 240 KB and 0.5 s to render.
            self.fields["unit"] = UnitRefField(units)
        else:
            self.fields["unit"].queryset = units


#: Above this many units a unit filter is a box to type the unit's code or name, not a list.
UNITS_IN_A_LIST = 300


class UnitRefField(forms.CharField):
    """Đơn vị typed as its code, its exact name or its number (links carry ``?unit=ID``)."""

    def __init__(self, units, **kwargs):
        kwargs.setdefault("label", "Đơn vị")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Mã hoặc tên đầy đủ của đơn vị; để trống: tất cả.")
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 28, "autocomplete": "off"}))
        super().__init__(max_length=300, **kwargs)
        self.units = units

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        q = Q(code=text) | Q(name__iexact=text)
        if text.isdigit():
            q |= Q(pk=int(text))
        found = list(self.units.filter(q)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                "Không tìm thấy đúng một đơn vị có mã hoặc tên “%(text)s”.", params={"text": text[:80]}
            )
        return found[0]


class BroadcastEntryForm(forms.Form):
    """Ghi nhận một lượt phát sóng chuyên mục CCHC."""

    unit = forms.ModelChoiceField(label="Đơn vị phát sóng", queryset=Unit.objects.none(), empty_label=None)
    # A text input with a format hint, never the browser's own picker (it follows the browser's
    # language: mm/dd/yyyy with AM/PM was seen).
    aired_at = forms.DateTimeField(
        label="Thời điểm phát sóng",
        help_text="Ngày/tháng/năm giờ:phút, ví dụ 19/04/2021 19:00.",
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "size": 16,
                "aria-describedby": "id_aired_at_hint",
            },
            format="%d/%m/%Y %H:%M",
        ),
        error_messages={
            "invalid": "Nhập thời điểm theo dạng ngày/tháng/năm giờ:phút, ví dụ 19/04/2021 19:00."
        },
    )
    minutes = forms.IntegerField(label="Thời lượng (phút)", min_value=1, max_value=1440)
    title = forms.CharField(
        label="Tên chương trình, chuyên mục", max_length=300, initial="Chuyên mục Cải cách hành chính"
    )
    recording = EvidenceFileField(label="Bản ghi (không bắt buộc)", required=False)
    short_ok = forms.BooleanField(
        label="Tôi biết lượt này ngắn hơn thời lượng yêu cầu, không được tính; vẫn lưu.", required=False
    )

    def __init__(self, *args, units=None, min_minutes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.min_minutes = min_minutes
        # The confirmation box appears only once the warning has been given (see ``clean``).
        self.fields["short_ok"].widget = forms.HiddenInput()

    def clean(self):
        """An airing shorter than the plan's minimum does not count: say so before saving it."""
        data = super().clean()
        minutes = data.get("minutes")
        if data.get("short_ok") is None:
            data["short_ok"] = False
        if (
            self.min_minutes
            and minutes is not None
            and minutes < self.min_minutes
            and not data.get("short_ok")
        ):
            self.fields["short_ok"].widget = forms.CheckboxInput()
            self.add_error(
                "minutes",
                f"Lượt {minutes} phút ngắn hơn {self.min_minutes} phút theo kế hoạch nên không được tính là "
                "đạt. Sửa thời lượng, hoặc đánh dấu ô xác nhận bên dưới để vẫn lưu.",
            )
        return data


class ImportForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), empty_label=None)
    plan = forms.ModelChoiceField(
        label="Kế hoạch", queryset=Plan.objects.none(), required=False, empty_label="Không gắn kế hoạch"
    )
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")

    def __init__(self, *args, units=None, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["plan"].queryset = plans if plans is not None else Plan.objects.none()

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx (Excel) theo mẫu tải về ở trên.")
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Tệp quá lớn: tối đa 5 MB.")
        return f
