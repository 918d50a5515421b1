from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "published"]
    search_fields = ["title", "body"]
    date_hierarchy = "published"
