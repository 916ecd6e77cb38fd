"""Strategy content is read-only in the admin: every change must go through the audit trail.

Edits, publishing and restores are made on the review and history pages
(services and edits write a ChangeRecord and a snapshot for each); an admin
save would bypass both, so the admin only shows the rows and links there.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from veikart.web.readonly import ReadOnly
from veikart.web.strategies.models import ImportJob, Item, Section, Strategy

READ_ONLY_NOTE = _(
    "Innholdet endres på gjennomgangssiden, der hver endring lagres i historikken. Her kan det bare leses."
)


def _review_link(strategy_id: int, key: str = "") -> str:
    url = reverse("review", args=[strategy_id]) + (f"?valgt={key}#{key}" if key else "")
    return format_html('<a href="{}">{}</a> — {}', url, _("Endre på gjennomgangssiden"), READ_ONLY_NOTE)


class SectionInline(ReadOnly, admin.TabularInline):
    model = Section
    fields = ["number", "title", "parent", "position"]
    extra = 0
    show_change_link = True


@admin.register(Strategy)
class StrategyAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "organisation", "period_start", "period_end", "status", "version", "updated_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["title"]
    readonly_fields = ["edit_on_review_page"]
    inlines = [SectionInline]

    @admin.display(description=_("Endringer"))
    def edit_on_review_page(self, obj: Strategy) -> str:
        return _review_link(obj.pk)

    def get_fields(self, request, obj=None):
        return ["edit_on_review_page", *(f.name for f in Strategy._meta.fields if f.name != "id")]


class ItemInline(ReadOnly, admin.TabularInline):
    model = Item
    fields = ["kind", "text", "position"]
    extra = 0


@admin.register(Section)
class SectionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "strategy", "position"]
    list_filter = ["strategy"]
    readonly_fields = ["edit_on_review_page"]
    inlines = [ItemInline]

    @admin.display(description=_("Endringer"))
    def edit_on_review_page(self, obj: Section) -> str:
        return _review_link(obj.strategy_id, f"s{obj.pk}")

    def get_fields(self, request, obj=None):
        return ["edit_on_review_page", "strategy", "parent", "number", "title", "intro", "position", "version"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "status", "progress", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["strategy", "error", "error_params", "finished_at"]
