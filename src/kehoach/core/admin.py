from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected

from kehoach.core import services
from kehoach.core.audit import auditing_deletes
from kehoach.core.models import ApiToken, AuditEntry


@admin.action(permissions=["delete"], description=django_delete_selected.short_description)  # type: ignore[attr-defined]
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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Admins see every token (never its secret) and revoke them (core.services.revoke_token)."""

    list_display = ["name", "user", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", "revoked_at"]
    search_fields = ["name", "user__username"]
    readonly_fields = [
        "user",
        "key_hash",
        "name",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are minted by their owner (page or API), so the secret is seen only once

    @admin.action(description="Thu hồi các mã đã chọn")
    def revoke(self, request, queryset):
        for token in queryset:
            services.revoke_token(request.user, token.pk, by_admin=True)
        self.message_user(request, f"Đã thu hồi {queryset.count()} mã.")


def _add_two_factor_reset_to_user_admin() -> None:
    """Đặt lại xác thực hai bước from the user list (a lost phone): an action on Django's own user
    admin, added to whichever UserAdmin is registered rather than replacing it."""
    from django.contrib.auth import get_user_model

    from kehoach.core import two_factor

    user_model = get_user_model()
    model_admin = admin.site._registry.get(user_model)
    if model_admin is None:
        return

    @admin.action(description="Đặt lại xác thực hai bước (mất điện thoại)")
    def reset_two_factor(modeladmin, request, queryset):
        for user in queryset:
            two_factor.reset(user, by=request.user)
        modeladmin.message_user(request, f"Đã đặt lại xác thực hai bước cho {queryset.count()} tài khoản.")

    model_admin.actions = [*(model_admin.actions or []), reset_two_factor]


_add_two_factor_reset_to_user_admin()
