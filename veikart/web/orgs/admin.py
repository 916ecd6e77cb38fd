from django.contrib import admin

from veikart.web.orgs.models import Membership, Organisation, Unit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "number", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "parent"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation", "parent"]
