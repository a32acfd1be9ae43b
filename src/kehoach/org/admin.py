from django.contrib import admin

from kehoach.org.models import Alias, Membership, Unit, UnitGroup


class AliasInline(admin.TabularInline):
    model = Alias
    fk_name = "unit"
    extra = 0
    fields = ["name", "key"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to", "focal_person"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code", "aliases__name"]
    autocomplete_fields = ["parent", "successor"]
    inlines = [AliasInline, MembershipInline]


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "within", "is_open"]
    filter_horizontal = ["extra_members"]


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "group"]
    search_fields = ["name", "key"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "title"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "unit"]
