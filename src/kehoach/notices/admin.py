from django.contrib import admin

from kehoach.notices.models import Notice, NoticeRecipient, NoticeUnit


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "plan", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["title", "key"]


admin.site.register([NoticeUnit, NoticeRecipient])
