"""Written by the services only (veikart.web.people.services): the admin shows, never changes."""

from django.contrib import admin

from veikart.web.people.models import Invitation, MembershipChange
from veikart.web.readonly import WrittenElsewhere


@admin.register(MembershipChange)
class MembershipChangeAdmin(WrittenElsewhere, admin.ModelAdmin):
    list_display = ["at", "organisation", "action", "person", "email", "actor"]
    list_filter = ["action", "organisation"]
    search_fields = ["email", "person__username", "actor__username"]


@admin.register(Invitation)
class InvitationAdmin(WrittenElsewhere, admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email"]
