"""Template filters that keep hostile stored values harmless (a builtin: no {% load %} needed)."""

from django import template

register = template.Library()


@register.filter
def web_url(value) -> str:
    """``href="{{ x.url|web_url }}"``: the URL when it is http(s), else "" (a row saved before the
    validator existed, or written around it, must never become a javascript: link)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
