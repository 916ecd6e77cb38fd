from django.contrib import admin

from veikart.web.planning.models import ActionPlan, Indicator, Measure, PlanChange, StatusUpdate, Target, Value


class StatusUpdateInline(admin.TabularInline):
    model = StatusUpdate
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "status", "progress", "due")
    list_filter = ("status", "role", "plan__year")
    search_fields = ("title", "description", "responsible")
    raw_id_fields = ("carried_from",)
    filter_horizontal = ("items",)
    inlines = [StatusUpdateInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "organisation", "level", "direction")
    search_fields = ("name", "key")
    filter_horizontal = ("goals",)
    inlines = [TargetInline]


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "organisation", "period", "value", "imported_at")
    list_filter = ("indicator",)
    raw_id_fields = ("organisation",)


@admin.register(PlanChange)
class PlanChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "object_type", "object_id")
    list_filter = ("action",)


admin.site.register(ActionPlan)
