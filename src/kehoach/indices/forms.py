from django import forms

from kehoach.indices.models import IndexCode
from kehoach.org.models import Unit


class IndexResultForm(forms.Form):
    """Nhập kết quả chỉ số (one year, one unit)."""

    index = forms.ChoiceField(label="Chỉ số", choices=IndexCode.choices)
    unit = forms.ModelChoiceField(label="Đơn vị được đánh giá", queryset=Unit.objects.all(), empty_label=None)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    value = forms.DecimalField(
        label="Điểm / giá trị", min_value=0, max_digits=7, decimal_places=2, localize=True
    )
    rank = forms.IntegerField(label="Xếp hạng", min_value=1, required=False)
    rank_of = forms.IntegerField(label="Trên tổng số", min_value=1, required=False)
    components = forms.CharField(
        label="Chỉ số thành phần",
        required=False,
        help_text="Dạng “Tên: giá trị/tối đa”, cách nhau bởi dấu chấm phẩy. Ví dụ: Chỉ đạo, điều hành: 9/10; Cải cách TTHC: 11,5/13",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source = forms.CharField(label="Nguồn (văn bản công bố, đường dẫn)", required=False, max_length=500)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(kind="peoples_committee").order_by("sort_order")

    def clean(self):
        data = super().clean()
        if data.get("rank") and data.get("rank_of") and data["rank"] > data["rank_of"]:
            self.add_error("rank", "Xếp hạng không được lớn hơn tổng số đơn vị được xếp hạng.")
        return data


class IndexImportForm(forms.Form):
    file = forms.FileField(label="Tệp kết quả (.xlsx hoặc .csv theo mẫu)")
