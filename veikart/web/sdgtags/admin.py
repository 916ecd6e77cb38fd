"""Admin: the catalogue read-only (it comes from veikart.sdg), tags and local targets for support work."""

from django.contrib import admin

from veikart.web.readonly import ReadOnly
from veikart.web.sdgtags.models import ItemTag, LocalTarget, SdgGoal, SdgTarget


@admin.register(SdgGoal)
class SdgGoalAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["number", "short_nb", "short_en", "colour"]


@admin.register(SdgTarget)
class SdgTargetAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "goal", "text_nb"]
    list_filter = ["goal"]
    search_fields = ["code", "text_nb", "text_en"]


@admin.register(LocalTarget)
class LocalTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "organisation", "parent", "text"]
    list_filter = ["organisation"]
    raw_id_fields = ["parent", "updated_by"]


@admin.register(ItemTag)
class ItemTagAdmin(admin.ModelAdmin):
    list_display = ["goal", "status", "score", "strategy", "item", "measure", "decided_by", "decided_at"]
    list_filter = ["status", "goal"]
    raw_id_fields = ["strategy", "item", "measure", "decided_by"]
    filter_horizontal = ["targets", "local_targets"]
