"""``{{ "2021-H1"|period_label }}`` → "6 tháng đầu năm 2021"; weeks as "Tuần 16 (19/04–25/04/2021)".

Pages show periods by their names, never by their codes (the codes stay in URLs and the API)."""

from django import template

from kehoach.rules.periods import period_name

register = template.Library()


@register.filter
def period_label(value) -> str:
    return period_name(value)
