"""``{{ amount|vnd }}`` → "15.500.000 đ"; "—" for None. The filter of ``core.formatting``."""

from django import template

from kehoach.core.templatetags.formatting import vnd

register = template.Library()
register.filter("vnd", vnd)
