from django.contrib import admin

from kehoach.tracking.models import Deliverable, Inspection, Problem, Reminder, Submission, UrgingNotice


class SubmissionInline(admin.TabularInline):
    model = Submission
    extra = 0
    fields = ("number", "author", "submitted_at", "is_late", "review_decision", "review_comment")
    readonly_fields = fields


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "period", "due_date", "status", "locked")
    list_filter = ("kind", "status", "period", "plan")
    search_fields = ("unit__name",)
    list_select_related = ("unit",)
    inlines = [SubmissionInline]


admin.site.register([Reminder, UrgingNotice, Problem, Inspection])
