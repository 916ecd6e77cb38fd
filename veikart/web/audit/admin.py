from django.contrib import admin

from veikart.web.audit.models import ChangeRecord
from veikart.web.readonly import WrittenElsewhere


@admin.register(ChangeRecord)
class ChangeRecordAdmin(WrittenElsewhere, admin.ModelAdmin):  # the trail is written by the services only
    list_display = ["strategy", "version", "action", "user", "at"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in ChangeRecord._meta.fields]
