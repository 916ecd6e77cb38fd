"""Invitations to an organisation and the audit trail of memberships.

The audit app's ChangeRecord is per strategy version; who may work for which
organisation is recorded here, one row per change, with the role before and after.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from veikart.web.orgs.models import Membership, Organisation


class Invitation(models.Model):
    """An e-mail invited into an organisation with a role; the link carries this row's id, signed and dated."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-post"))
    role = models.CharField(_("rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.VIEWER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class MembershipChange(models.Model):
    """Who gave, changed or took away whose access to an organisation, and when."""

    class Action(models.TextChoices):
        INVITE = "invite", _("Invitert")
        REVOKE = "revoke", _("Invitasjon trukket tilbake")
        JOIN = "join", _("Godtok invitasjon")
        CHANGE_ROLE = "change_role", _("Endret rolle")
        DEACTIVATE = "deactivate", _("Deaktivert")
        SSO_JOIN = "sso_join", _("Ble medlem ved innlogging (SSO)")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="membership_changes")
    # The person whose access changed (null for an invitation nobody has accepted yet: the e-mail says who).
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    email = models.EmailField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("endring i medlemskap")
        verbose_name_plural = _("endringer i medlemskap")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_action_display()} {self.email}"

    def role_label(self, side: str) -> str:
        """The role before or after (``side``) in the page's language, or "" when there was none."""
        value = (getattr(self, side) or {}).get("role")
        return str(Membership.Role(value).label) if value in Membership.Role.values else ""

    @property
    def role_before(self) -> str:
        return self.role_label("before")

    @property
    def role_after(self) -> str:
        return self.role_label("after")
