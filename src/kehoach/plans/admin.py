from django.contrib import admin

from kehoach.plans.models import Activity, Clause, Duty, Plan


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0
    fields = ["no", "content", "lead_unit", "timeframe_text", "start", "end", "regular", "progress"]
    autocomplete_fields = ["lead_unit"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "issuer", "year", "status"]
    list_filter = ["status", "year"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["issuer", "coordinator_unit", "appraiser_unit", "parent"]
    exclude = ["source_text"]
    inlines = [ActivityInline]


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ["plan", "section", "kind", "due_date", "text"]
    list_filter = ["kind"]
    filter_horizontal = ["who_units", "who_groups"]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["plan", "path", "heading"]
