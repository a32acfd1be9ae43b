from django import forms

from kehoach.budgets.models import BudgetSource
from kehoach.org.models import Unit
from kehoach.plans.models import Plan
from kehoach.rules.money import parse_vnd


class AmountField(forms.Field):
    """Whole đồng, typed as "15.500.000", "15500000" or "15.500.000 đ"; never negative or fractional."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "30"})

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if value in self.empty_values:
            return None
        try:
            return parse_vnd(value)
        except ValueError:
            raise forms.ValidationError("Nhập số tiền nguyên, không âm, ví dụ 15.500.000.")


class EstimateForm(forms.Form):
    plan = forms.ModelChoiceField(label="Kế hoạch", queryset=Plan.objects.none(), empty_label=None)
    unit = forms.ModelChoiceField(label="Đơn vị lập dự toán", queryset=Unit.objects.none(), empty_label=None)
    source = forms.ChoiceField(label="Nguồn kinh phí", choices=BudgetSource.choices)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, plans=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans if plans is not None else Plan.objects.none()
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class ItemForm(forms.Form):
    description = forms.CharField(label="Nội dung chi", max_length=300, required=False)
    amount = AmountField(label="Số tiền (đồng)", required=False)

    def clean(self):
        d = super().clean()
        if d.get("description") and d.get("amount") is None and not self.errors.get("amount"):
            self.add_error("amount", "Nhập số tiền cho khoản chi này.")
        if d.get("amount") is not None and not d.get("description"):
            self.add_error("description", "Nhập nội dung chi cho số tiền này.")
        return d


class BaseItemFormSet(forms.BaseFormSet):
    def lines(self) -> list[dict]:
        return [
            {"description": f.cleaned_data["description"], "amount": f.cleaned_data["amount"]}
            for f in self.forms
            if f.cleaned_data.get("description")
        ]

    def clean(self):
        if any(self.errors):
            return
        if not self.lines():
            raise forms.ValidationError("Dự toán phải có ít nhất một khoản chi.")


def item_formset(extra: int = 6):
    """Line items as plain rows (works without JavaScript): ``extra`` blank rows after the given ones."""
    return forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=extra, max_num=50, absolute_max=50)


class DecisionForm(forms.Form):
    """Thẩm định or phê duyệt: an amount typed by the person deciding (never pre-filled), a comment,
    and, when the amount goes above the estimate (or the appraisal), a ticked override with its reason."""

    amount = AmountField(label="Số tiền (đồng)")
    comment = forms.CharField(label="Ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    override = forms.BooleanField(label="Vượt mức, có lý do", required=False)
    override_reason = forms.CharField(
        label="Lý do vượt", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page prints the estimate and the appraisal in a hint beside the box; tie them together.
        self.fields["amount"].widget.attrs["aria-describedby"] = f"{self['amount'].auto_id}_hint"

    def clean(self):
        d = super().clean()
        if d.get("override") and not (d.get("override_reason") or "").strip():
            self.add_error("override_reason", "Ghi rõ lý do vượt mức.")
        return d

    def reason(self) -> str:
        """The override reason counts only when the box is ticked (an explicit choice)."""
        d = self.cleaned_data
        return (d.get("override_reason") or "").strip() if d.get("override") else ""


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
