from django.contrib import admin

from kehoach.budgets.models import Budget, BudgetItem


class BudgetItemInline(admin.TabularInline):
    model = BudgetItem
    extra = 0


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    """Status changes belong to the services (appraise/approve); the admin is for looking and fixing typos."""

    list_display = ["unit", "plan", "source", "status", "total", "appraised_amount", "approved_amount"]
    list_filter = ["status", "source", "plan"]
    inlines = [BudgetItemInline]
    readonly_fields = [
        "status",
        "total",
        # Decided amounts and their override reasons go through the services (limits, audit).
        "appraised_amount",
        "appraisal_override_reason",
        "approved_amount",
        "approval_override_reason",
        "appraised_by",
        "appraised_at",
        "approved_by",
        "approved_at",
        "version",
    ]
