"""Form fields for choosing a unit (đơn vị) where there may be thousands of them."""

from django import forms
from django.db.models import Q

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
