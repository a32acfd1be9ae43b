"""Forms of the import review: the header, each activity, each duty, and the unit-name choices.

Every field of the importer's object can be corrected here; ``to_import_data`` turns the cleaned
forms back into the importer's object (plan-import.schema.json) for ``save_imported_plan``.
"""

from __future__ import annotations

import copy
import datetime
import hashlib

from django import forms
from django.forms import formset_factory

from kehoach.core import permissions
from kehoach.core.errors import DomainError
from kehoach.core.uploads import PLAN_DOCUMENT, check_upload
from kehoach.org.models import Unit, UnitGroup
from kehoach.plans.import_session import NameRow, lead_key
from kehoach.plans.models import Plan

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/01/2021."}

EVERY_CHOICES = [
    ("week", "Hằng tuần"),
    ("month", "Hằng tháng"),
    ("quarter", "Hằng quý"),
    ("6 months", "6 tháng"),
    ("year", "Hằng năm"),
    ("day", "Hằng ngày"),
    ("unspecified", "Định kỳ (không rõ kỳ)"),
]


def _date_field(label: str, **kw) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        **kw,
    )


def _iso_to_date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _lines_widget(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows})


class UploadForm(forms.Form):
    """Bước 1: chọn tệp văn bản kế hoạch."""

    file = forms.FileField(
        label="Tệp văn bản kế hoạch",
        help_text="Tệp .txt, .md, .docx hoặc .pdf (có lớp chữ), tối đa 20 MB.",
        error_messages={
            "required": "Hãy chọn tệp văn bản kế hoạch.",
            "empty": "Tệp rỗng: không có nội dung để đọc.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(PLAN_DOCUMENT.extensions or ())}),
    )
    year = forms.IntegerField(
        label="Năm thực hiện kế hoạch (nếu văn bản không ghi rõ)",
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages={"invalid": "Năm phải là số, ví dụ 2021."},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        try:
            check_upload(f.name, f.size, PLAN_DOCUMENT)
        except DomainError as exc:
            raise forms.ValidationError(exc.message)
        return f


class HeaderForm(forms.Form):
    """Phần đầu văn bản: số, ngày, cơ quan ban hành, trích yếu, căn cứ, người ký, nơi nhận."""

    kind = forms.CharField(label="Loại văn bản", max_length=40)
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False)
    issued_on = _date_field("Ngày ban hành")
    issuer = forms.ModelChoiceField(
        label="Cơ quan ban hành",
        queryset=Unit.objects.none(),
        error_messages={"required": "Hãy chọn cơ quan ban hành.", "invalid_choice": "Đơn vị không hợp lệ."},
    )
    title = forms.CharField(
        label="Trích yếu",
        max_length=500,
        error_messages={"required": "Trích yếu không được để trống."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    year = forms.IntegerField(
        label="Năm thực hiện",
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages={"invalid": "Năm phải là số, ví dụ 2021."},
    )
    signer_authority = forms.CharField(label="Thẩm quyền ký", max_length=120, required=False)
    signer_position = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    signer_name = forms.CharField(label="Người ký", max_length=120, required=False)
    bases = forms.CharField(label="Căn cứ (mỗi dòng một văn bản)", required=False, widget=_lines_widget(3))
    recipients = forms.CharField(label="Nơi nhận (mỗi dòng một nơi)", required=False, widget=_lines_widget(6))
    parent = forms.ModelChoiceField(
        label="Thực hiện kế hoạch cấp trên (nếu đây là kế hoạch của đơn vị)",
        queryset=Plan.objects.none(),
        required=False,
        empty_label="— Không —",
        error_messages={"invalid_choice": "Kế hoạch cấp trên không hợp lệ."},
    )
    issue = forms.BooleanField(
        label="Kế hoạch đã được ký ban hành: lưu ở trạng thái “Đã ban hành” (không tích: lưu dự thảo)",
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_choices(user)
        self.fields["parent"].queryset = (
            Plan.objects.for_user(user).select_related("issuer").order_by("-year", "-id")
        )
        self.fields["parent"].label_from_instance = lambda p: (
            f"{p.number or '—'} · {p.title} ({p.issuer.display_name})"
        )

    @classmethod
    def initial_from(cls, data: dict, issuer: Unit | None) -> dict:
        doc = data.get("document") or {}
        signer = doc.get("signer") or {}
        return {
            "kind": doc.get("kind") or "KẾ HOẠCH",
            "number": doc.get("number") or "",
            "issued_on": _iso_to_date(doc.get("issued_on")),
            "issuer": issuer.pk if issuer else None,
            "title": doc.get("title") or "",
            "year": doc.get("year"),
            "signer_authority": signer.get("authority") or "",
            "signer_position": signer.get("position") or "",
            "signer_name": signer.get("name") or "",
            "bases": "\n".join(doc.get("bases") or []),
            "recipients": "\n".join(doc.get("recipients") or []),
        }


def issuer_choices(user):
    """Who may be named as issuer: any unit for coordinators and leaders, else the user's own units."""
    qs = Unit.objects.order_by("sort_order", "name")
    if user is not None and permissions.sees_everything(user):
        return qs
    return qs.filter(pk__in=permissions.unit_ids(user, permissions.ACTING_ROLES))


class ActivityForm(forms.Form):
    """Một dòng của phụ lục: nhiệm vụ, hoạt động."""

    no = forms.CharField(label="STT", max_length=20, required=False)
    content = forms.CharField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Nội dung không được để trống."},
    )
    lead = forms.CharField(label="Cơ quan chủ trì", max_length=300, required=False)
    coordinators = forms.CharField(
        label="Cơ quan phối hợp (mỗi dòng một cơ quan)", required=False, widget=_lines_widget(3)
    )
    tf_text = forms.CharField(label="Thời gian thực hiện (như văn bản)", max_length=200, required=False)
    start = _date_field("Bắt đầu")
    end = _date_field("Kết thúc")
    regular = forms.BooleanField(label="Thực hiện thường xuyên", required=False)
    product = forms.CharField(
        label="Sản phẩm, kết quả đầu ra", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
        return data

    @staticmethod
    def initial_from(row: dict) -> dict:
        tf = row.get("timeframe") or {}
        return {
            "no": row.get("no") or "",
            "content": row.get("content") or "",
            "lead": row.get("lead") or "",
            "coordinators": "\n".join(row.get("coordinators") or []),
            "tf_text": tf.get("text") or "",
            "start": _iso_to_date(tf.get("start")),
            "end": _iso_to_date(tf.get("end")),
            "regular": bool(tf.get("regular")),
            "product": row.get("product") or "",
            "note": row.get("note") or "",
        }


class DutyForm(forms.Form):
    """Trách nhiệm được giao: ai làm gì, hạn nào, định kỳ ra sao, gửi về đâu."""

    section = forms.CharField(label="Mục", max_length=40, required=False)
    who = forms.CharField(
        label="Đơn vị thực hiện (mỗi dòng một đơn vị)", required=False, widget=_lines_widget(2)
    )
    text = forms.CharField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Nội dung không được để trống."},
    )
    due_date = _date_field("Hạn")
    due_inclusive = forms.BooleanField(
        label="Tính cả ngày hạn (“chậm nhất ngày”, “đến ngày”)", required=False
    )
    every = forms.MultipleChoiceField(
        label="Định kỳ",
        choices=EVERY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kỳ không hợp lệ: %(value)s."},
    )
    min_count = forms.IntegerField(
        label="Số lần tối thiểu mỗi kỳ", required=False, min_value=1, max_value=1000
    )
    min_minutes = forms.IntegerField(
        label="Thời lượng tối thiểu (phút)", required=False, min_value=1, max_value=10000
    )
    report_to = forms.CharField(label="Gửi kết quả về", max_length=255, required=False)

    @staticmethod
    def initial_from(row: dict) -> dict:
        due = row.get("due") or {}
        rec = row.get("recurrence") or []
        first = next((r for r in rec if r.get("min_count") or r.get("min_minutes")), {})
        return {
            "section": row.get("section") or "",
            "who": "\n".join(row.get("who") or []),
            "text": row.get("text") or "",
            "due_date": _iso_to_date(due.get("date")),
            "due_inclusive": bool(due.get("inclusive", True)) if due else True,
            "every": [r.get("every") for r in rec if r.get("every")],
            "min_count": first.get("min_count"),
            "min_minutes": first.get("min_minutes"),
            "report_to": row.get("report_to") or "",
        }


ActivityFormSet = formset_factory(ActivityForm, extra=0, can_delete=True)
DutyFormSet = formset_factory(DutyForm, extra=0, can_delete=True)


def name_key(name: str) -> str:
    """A stable field name for a unit name, so choices survive edits that add or drop names."""
    return "n" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


class MappingForm(forms.Form):
    """For each name not recognised for sure: map it to a unit or group, create a unit, or leave it.

    Names that appear only after the reviewer edited a cell have no answer in the submitted data
    yet: they start on the suggestion and are reported as ``unconfirmed`` so the page asks again.
    """

    def __init__(self, data=None, *args, names: list[NameRow], allow_new: bool, **kwargs):
        self.names = [n for n in names if n.needs_choice]
        self.unconfirmed: list[NameRow] = []
        if data is not None:
            prefix = kwargs.get("prefix")
            data = data.copy()
            for row in self.names:
                field = f"{prefix}-{name_key(row.name)}" if prefix else name_key(row.name)
                if field not in data:
                    data[field] = row.suggestion
                    self.unconfirmed.append(row)
        super().__init__(data, *args, **kwargs)
        units = [(f"unit:{u.pk}", u.name) for u in Unit.objects.order_by("sort_order", "name")]
        groups = [(f"group:{g.pk}", g.name) for g in UnitGroup.objects.order_by("name")]
        special = [("none", "Để trống (chưa giao cho đơn vị nào)")]
        if allow_new:
            special.append(("new", "Tạo đơn vị mới với tên này"))
        choices = [("Lựa chọn khác", special), ("Đơn vị", units), ("Nhóm đơn vị", groups)]
        for row in self.names:
            self.fields[name_key(row.name)] = forms.ChoiceField(
                label=row.name,
                choices=choices,
                initial=row.suggestion,
                error_messages={"invalid_choice": f"Lựa chọn không hợp lệ cho “{row.name[:80]}”."},
            )

    def clean(self):
        data = super().clean()
        for row in self.unconfirmed:
            self.add_error(
                name_key(row.name), "Tên đơn vị mới sau khi sửa: hãy chọn đơn vị tương ứng rồi lưu lại."
            )
        return data

    def rows(self):
        """(NameRow, bound field) pairs for the template."""
        return [(row, self[name_key(row.name)]) for row in self.names]

    def mappings(self) -> dict[str, str]:
        return {row.name: self.cleaned_data[name_key(row.name)] for row in self.names}


def activity_rows(parsed: dict, activities) -> tuple[list[dict], list[int]]:
    """The reviewed activity rows (ticked rows left out) and, for each, the index of its form."""
    originals = list(parsed.get("activities") or [])
    rows: list[dict] = []
    kept: list[int] = []
    for i, form in enumerate(activities.forms):
        if form in activities.deleted_forms:
            continue
        c = form.cleaned_data
        row = dict(originals[i]) if i < len(originals) else {}
        lead = c["lead"].strip() or None
        # The parser's canonical lead name no longer applies once the reviewer retypes the cell.
        if lead != (row.get("lead") or None):
            row.pop("lead_unit", None)
        row.update(
            no=c["no"].strip() or str(len(rows) + 1),
            content=c["content"].strip(),
            lead=lead,
            coordinators=_lines(c["coordinators"]),
            timeframe={
                "text": c["tf_text"].strip() or None,
                "start": c["start"].isoformat() if c["start"] else None,
                "end": c["end"].isoformat() if c["end"] else None,
                "regular": bool(c["regular"]),
            },
            product=c["product"].strip() or None,
            note=c["note"].strip() or None,
        )
        rows.append(row)
        kept.append(i)
    return rows, kept


def apply_row_op(rows: list[dict], kept: list[int], op: str) -> tuple[list[dict], int]:
    """Thêm / tách / gộp dòng: ``op`` is "add", "split:N" or "merge:N" (N a form index). Returns
    the rows and the position of the row to show. Unknown operations change nothing."""
    from kehoach.importing.rows import add_row, merge_rows, split_row

    name, _, arg = op.partition(":")
    at = kept.index(int(arg)) if arg.isdigit() and int(arg) in kept else None
    if name == "add":
        return add_row(rows, at), (at + 1 if at is not None else len(rows))
    if name == "split" and at is not None:
        return split_row(rows, at), at
    if name == "merge" and at is not None:
        return merge_rows(rows, at), at
    return rows, at or 0


def to_import_data(parsed: dict, header: HeaderForm, activities, duties) -> dict:
    """The importer's object with the reviewer's corrections applied (sections and units kept)."""
    data = copy.deepcopy(parsed)
    h = header.cleaned_data
    doc = dict(data.get("document") or {})
    doc.update(
        kind=h["kind"].strip().upper(),
        number=h["number"].replace(" ", "") or None,
        issued_on=h["issued_on"].isoformat() if h["issued_on"] else None,
        title=" ".join(h["title"].split()),
        year=h["year"],
        bases=_lines(h["bases"]),
        recipients=_lines(h["recipients"]),
        signer={
            "name": h["signer_name"] or None,
            "position": h["signer_position"] or None,
            "authority": h["signer_authority"] or None,
        },
    )
    data["document"] = doc

    data["activities"], _ = activity_rows(parsed, activities)

    duty_rows = []
    for form in duties.forms:
        if form in duties.deleted_forms:
            continue
        c = form.cleaned_data
        recurrence = []
        for every in c["every"]:
            entry = {"every": every}
            if c["min_count"]:
                entry["min_count"] = c["min_count"]
            if c["min_minutes"]:
                entry["min_minutes"] = c["min_minutes"]
            recurrence.append(entry)
        duty_rows.append(
            {
                "section": c["section"].strip(),
                "who": _lines(c["who"]),
                "text": c["text"].strip(),
                "due": {"date": c["due_date"].isoformat(), "inclusive": bool(c["due_inclusive"])}
                if c["due_date"]
                else None,
                "recurrence": recurrence,
                "report_to": c["report_to"].strip() or None,
            }
        )
    data["duties"] = duty_rows
    return data


__all__ = [
    "ActivityFormSet",
    "DutyFormSet",
    "HeaderForm",
    "MappingForm",
    "UploadForm",
    "lead_key",
    "to_import_data",
]
