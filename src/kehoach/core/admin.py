from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected

from kehoach.core.audit import auditing_deletes
from kehoach.core.models import AuditEntry


@admin.action(permissions=["delete"], description=django_delete_selected.short_description)
def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" (xóa các mục đã chọn), with an audit row for every row it removes."""
    return django_delete_selected(modeladmin, request, auditing_deletes(queryset))


# Site-wide, so every model's list in the admin deletes through the audit log.
admin.site.add_action(delete_selected, "delete_selected")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "actor_kind", "action", "model", "object_repr"]
    list_filter = ["action", "actor_kind", "model"]
    search_fields = ["object_repr", "actor_name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
