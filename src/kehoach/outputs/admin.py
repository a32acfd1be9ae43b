from django.contrib import admin

from kehoach.outputs.models import Broadcast, Output, WeekReminder


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ["date", "unit", "form", "title", "quantity", "quantity_unit"]
    list_filter = ["form", "unit"]
    search_fields = ["title"]
    date_hierarchy = "date"
    raw_id_fields = ["activity", "plan", "created_by"]


@admin.register(Broadcast)
class BroadcastAdmin(admin.ModelAdmin):
    list_display = ["aired_at", "unit", "minutes", "title"]
    list_filter = ["unit"]
    date_hierarchy = "aired_at"
    raw_id_fields = ["plan", "created_by"]


@admin.register(WeekReminder)
class WeekReminderAdmin(admin.ModelAdmin):
    list_display = ["week", "unit", "plan", "created_at"]
