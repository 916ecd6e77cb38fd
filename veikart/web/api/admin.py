"""API tokens in the admin: made here (the token is shown once, in the message after saving), revoked here."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veikart.web.api import tokens
from veikart.web.api.models import ApiToken
from veikart.web.orgs.models import Membership


class NewTokenForm(forms.ModelForm):
    """A new token: the owner must hold the role in the organisation themselves (tokens.issue checks it too)."""

    class Meta:
        model = ApiToken
        fields = ["name", "organisation", "role", "owner"]

    def clean(self):
        data = super().clean()
        organisation, owner, role = data.get("organisation"), data.get("owner"), data.get("role")
        if organisation and owner and role:
            held = tokens.owner_role(owner, organisation)
            if held is None or tokens.RANK[Membership.Role(held)] < tokens.RANK[Membership.Role(role)]:
                raise forms.ValidationError(_("Eieren har ikke denne rollen i organisasjonen selv."))
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "organisation", "role", "owner", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["name", "prefix", "owner__username", "organisation__name"]
    autocomplete_fields = ["organisation", "owner"]
    actions = ["revoke"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewTokenForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "organisation", "role", "owner"]
        return ["name", "prefix", "organisation", "role", "owner", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        # Scope and owner are fixed once made: a different scope is a different token.
        return [] if obj is None else ["prefix", "organisation", "role", "owner", "created_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        made, secret = tokens.issue(name=obj.name, organisation=obj.organisation, role=obj.role, owner=obj.owner)
        obj.pk, obj.key_hash, obj.prefix, obj.created_at = made.pk, made.key_hash, made.prefix, made.created_at
        obj._state.adding = False
        messages.warning(request, _("Tokenet vises bare nå; kopier det: %(secret)s") % {"secret": secret})

    @admin.action(description=_("Trekk tilbake valgte tokener"))
    def revoke(self, request, queryset):
        live = list(queryset.filter(revoked_at__isnull=True))
        ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=timezone.now())
        if live:
            LogEntry.objects.log_actions(request.user.pk, live, CHANGE, change_message="revoked")
