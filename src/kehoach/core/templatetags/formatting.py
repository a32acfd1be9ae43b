"""``{% load formatting %}``: ``{{ x|vnd }}``, ``{{ x|number }}``, ``{{ rate|percent }}``, ``{{ d|date_vi }}``,
all from ``core.formatting`` (the documents use the same functions)."""

from django import template

from kehoach.core import formatting

register = template.Library()


def _lenient(fn, value, *args):
    # A template shows what it was given rather than failing on an odd value.
    try:
        return fn(value, *args)
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def vnd(value):
    return _lenient(formatting.vnd, None if value == "" else value)


@register.filter
def number(value, places=1):
    return _lenient(formatting.number, value, int(places))


@register.filter
def percent(value, places=1):
    return _lenient(formatting.percent, value, int(places))


@register.filter
def date_vi(value):
    return _lenient(formatting.date, value or None)
