"""``{{ "2021-H1"|period_label }}`` → "6 tháng đầu năm 2021"; weeks as "Tuần 16 (19/04–25/04/2021)".

Pages show periods by their names, never by their codes (the codes stay in URLs and the API)."""

from django import template

from kehoach.rules.periods import Period, parse_period

register = template.Library()


@register.filter
def period_label(value) -> str:
    try:
        p = value if isinstance(value, Period) else parse_period(str(value))
    except ValueError:
        return value
    if p.kind == "week":
        return f"Tuần {p.index:02d} ({p.start:%d/%m}–{p.end:%d/%m/%Y})"
    label = p.label_vi
    return label[0].upper() + label[1:]
