from django.contrib import admin

from veikart.web.people.models import Invitation, MembershipChange


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the services only (veikart.web.people.services): the admin shows, never changes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MembershipChange)
class MembershipChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "organisation", "action", "person", "email", "actor"]
    list_filter = ["action", "organisation"]
    search_fields = ["email", "person__username", "actor__username"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email"]
