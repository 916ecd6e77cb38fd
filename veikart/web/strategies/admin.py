from django.contrib import admin

from veikart.web.strategies.models import ImportJob, Item, Section, Strategy


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["number", "title", "parent", "position"]
    extra = 0
    show_change_link = True


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "period_start", "period_end", "status", "version", "updated_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["title"]
    readonly_fields = ["version", "source_sha256", "created_at", "updated_at", "created_by", "updated_by"]
    inlines = [SectionInline]


class ItemInline(admin.TabularInline):
    model = Item
    fields = ["kind", "text", "position"]
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "strategy", "position"]
    list_filter = ["strategy"]
    inlines = [ItemInline]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "status", "progress", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["strategy", "error", "finished_at"]
