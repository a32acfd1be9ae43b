"""Forms of the tracking pages. They validate input; the services decide what is allowed."""

from __future__ import annotations

import json

from django import forms

from kehoach.core.forms import DATE_FORMATS_VI, DATE_HINT, EvidenceFileField, VnDateInput
from kehoach.org import fields as unit_fields
from kehoach.org.models import Unit
from kehoach.rules.periods import parse_period
from kehoach.tracking.models import InspectionStatus, ProblemKind

#: Report figures shown as an editable summary list (key, label); values come from report_prefill.
FIGURES = [
    ("outputs", "Tổng số sản phẩm tuyên truyền"),
    ("broadcasts", "Số lượt phát sóng chuyên mục CCHC"),
    ("broadcast_minutes", "Tổng thời lượng phát sóng (phút)"),
    ("radio_minutes", "Thời lượng phát thanh (phút)"),
    ("copies", "Số tờ gấp, tài liệu phát hành"),
    ("trainings", "Số lớp tập huấn"),
    ("training_participants", "Số người dự tập huấn"),
    ("conferences", "Số hội nghị"),
    ("conference_participants", "Số người dự hội nghị"),
]

DATE_FORMATS = DATE_FORMATS_VI


class DateInput(VnDateInput):
    """dd/mm/yyyy text input with a hint (``core.forms.VnDateInput``)."""


class SubmitForm(forms.Form):
    """Nộp: text, the report's figures and narrative. Evidence is attached on the check step."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="Nội dung, trích yếu văn bản nộp", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    results = forms.CharField(
        label="Kết quả đạt được", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    shortcomings = forms.CharField(
        label="Tồn tại, hạn chế", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    proposals = forms.CharField(
        label="Đề xuất, kiến nghị", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    by_form = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, is_report: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_report = is_report
        if is_report:
            for key, label in FIGURES:
                self.fields[f"fig_{key}"] = forms.IntegerField(label=label, min_value=0, required=False)
        else:
            for name in ("results", "shortcomings", "proposals", "by_form"):
                del self.fields[name]

    def clean_by_form(self):
        raw = self.cleaned_data.get("by_form") or ""
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError("Số liệu theo hình thức không hợp lệ.")
        if not isinstance(value, dict) or not all(isinstance(v, int) and v >= 0 for v in value.values()):
            raise forms.ValidationError("Số liệu theo hình thức không hợp lệ.")
        return value

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not (data.get("results") or "").strip():
            self.add_error("text", "Hãy nhập nội dung (hoặc kết quả đạt được) trước khi nộp.")
        return data

    def figures(self) -> dict:
        if not self.is_report:
            return {}
        out = {key: self.cleaned_data.get(f"fig_{key}") or 0 for key, _ in FIGURES}
        if self.cleaned_data.get("by_form"):
            out["by_form"] = self.cleaned_data["by_form"]
        return out

    def figure_rows(self):
        """(label, value) pairs for the check-your-answers page."""
        return (
            [(label, self.cleaned_data.get(f"fig_{key}") or 0) for key, label in FIGURES]
            if self.is_report
            else []
        )


class EvidenceForm(forms.Form):
    file = EvidenceFileField(label="Tài liệu kèm theo (văn bản đã ký, tối đa 20 MB)", required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="Quyết định", choices=[("accept", "Tiếp nhận"), ("return", "Trả lại")])
    comment = forms.CharField(
        label="Ý kiến (bắt buộc khi trả lại)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Cần ghi lý do trả lại để đơn vị biết cần sửa gì.")
        return data


def period_from_label(text: str) -> str | None:
    """The code of a period written as on pages ("6 tháng đầu năm 2021", "Quý II/2021", "năm 2021")."""
    import re

    year = re.search(r"\b(\d{4})\b", text or "")
    if not year:
        return None
    y = year.group(1)
    wanted = " ".join(text.lower().split())
    codes = [
        y,
        f"{y}-H1",
        f"{y}-H2",
        *(f"{y}-Q{i}" for i in range(1, 5)),
        *(f"{y}-{m}" for m in range(1, 13)),
    ]
    for code in codes:
        label = parse_period(code).label_vi.lower()
        if wanted in (label, f"kỳ {label}", f"báo cáo {label}"):
            return parse_period(code).code
    return None


class PeriodField(forms.CharField):
    """Kỳ báo cáo: a code ("2021-H1") or its Vietnamese label ("6 tháng đầu năm 2021")."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return parse_period(value).code
        except ValueError:
            code = period_from_label(value)
            if code:
                return code
            raise forms.ValidationError("Kỳ báo cáo không hợp lệ (ví dụ: 6 tháng đầu năm 2021, năm 2021).")


class UrgingForm(forms.Form):
    period = PeriodField(label="Kỳ báo cáo", widget=forms.HiddenInput)
    units = forms.ModelMultipleChoiceField(
        label="Đơn vị được đôn đốc", queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(label="Nội dung văn bản đôn đốc", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, units=None, many: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()
        if many:
            # Thousands of owing units (a national plan): one box for all of them, not a box each
            self.fields["units"] = forms.BooleanField(
                label=f"Gửi cho tất cả {many} đơn vị còn nợ kỳ này", required=True, initial=True
            )

    def chosen_units(self, owing):
        """The units picked, or every owing unit when the form offers them all at once."""
        units = self.cleaned_data["units"]
        return owing if units is True else units


class LockForm(forms.Form):
    """Khóa kỳ báo cáo: a select of the plan's periods by their Vietnamese labels (the code is sent)."""

    period = PeriodField(label="Kỳ báo cáo", widget=forms.Select)
    reason = forms.CharField(label="Lý do khóa (hiển thị cho đơn vị)", max_length=300)

    def __init__(self, *args, periods: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if periods:
            self.fields["period"].widget.choices = periods
        else:  # no plan periods known: type the label
            self.fields["period"].widget = forms.TextInput(attrs={"placeholder": "6 tháng đầu năm 2021"})


class ProblemForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label="Loại", choices=ProblemKind.choices)
    title = forms.CharField(label="Tiêu đề", max_length=300)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Trả lời", widget=forms.Textarea(attrs={"rows": 3}))
    close = forms.BooleanField(label="Đóng vướng mắc sau khi trả lời", required=False)


class InspectionForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Đơn vị được kiểm tra", queryset=Unit.objects.none(), empty_label=None
    )
    date = forms.DateField(
        label="Ngày kiểm tra", help_text=DATE_HINT, widget=DateInput(), input_formats=DATE_FORMATS
    )
    status = forms.ChoiceField(label="Tình trạng", choices=InspectionStatus.choices[:2])
    inspectors = forms.CharField(label="Thành phần đoàn kiểm tra", required=False)
    findings = forms.CharField(
        label="Kết quả kiểm tra", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendations = forms.CharField(
        label="Kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units if units is not None else Unit.objects.none()
        if Unit.objects.count() > unit_fields.UNITS_IN_A_LIST:
            # Thousands of units (a national plan): the unit typed by its code or name, as in every
            # other unit filter, not a 240 KB list of options read from every deliverable.
            self.fields["unit"] = unit_fields.UnitRefField(
                units,
                label=self.fields["unit"].label,
                required=True,
                help_text="Mã hoặc tên đầy đủ của đơn vị.",
            )
        else:
            self.fields["unit"].queryset = units


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(label="Kết quả khắc phục", widget=forms.Textarea(attrs={"rows": 2}))
