from django.contrib import admin

from kehoach.public.models import Feedback, NewsItem, Procedure


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field", "level", "unit", "updated_on"]
    list_filter = ["level", "field"]
    search_fields = ["code", "name", "search"]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "published_at", "is_published"]
    list_filter = ["is_published", "unit"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["code", "received_at", "status", "routed_to", "due_date", "is_published"]
    list_filter = ["status", "is_published"]
    search_fields = ["code"]
    readonly_fields = ["ip_hash"]
