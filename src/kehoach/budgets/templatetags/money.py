"""``{{ amount|vnd }}`` → "15.500.000 đ" (rules.money.format_vnd); empty for None."""

from django import template

from kehoach.rules.money import format_vnd

register = template.Library()


@register.filter
def vnd(value):
    if value is None or value == "":
        return "—"
    try:
        return format_vnd(int(value))
    except (TypeError, ValueError):
        return value
