from django.contrib import admin

from kehoach.indices.models import IndexResult


@admin.register(IndexResult)
class IndexResultAdmin(admin.ModelAdmin):
    list_display = ["index", "unit", "year", "value", "rank", "rank_of"]
    list_filter = ["index", "unit", "year"]
