from django.contrib import admin

from veikart.web.audit.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["strategy", "version", "action", "user", "at"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in ChangeRecord._meta.fields]

    def has_add_permission(self, request):  # the trail is written by the services only
        return False

    def has_change_permission(self, request, obj=None):
        return False
