"""``{% job_button "report" _("Tải báo cáo (.docx)") plan_id=plan.pk period=period.code format="docx" %}``.

A button that starts a background job and is replaced in place by its progress bar (htmx); the
keyword arguments are the job's parameters. Without JavaScript the form posts and the job page opens.
"""

from django import template

register = template.Library()


@register.inclusion_tag("jobs/_start.html")
def job_button(kind: str, label: str, css: str = "btn", **params):
    return {"kind": kind, "label": label, "css": css, "params": params}
