from django.contrib import admin

from veikart.web.notify.models import NotificationSettings, ReminderSent


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "measure_reminders", "period_reminders", "report_notices", "updated_at"]
    list_filter = ["measure_reminders", "period_reminders", "report_notices"]
    search_fields = ["user__username", "user__email"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "measures", "periods", "sent_at"]
    date_hierarchy = "day"
