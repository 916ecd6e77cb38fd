"""API tokens: a secret for a program, scoped to one organisation and one role.

Only the SHA-256 of a token is kept (a token is 256 random bits, so a plain
hash is enough: there is nothing to guess); the token itself is shown once,
when it is made (``tokens.issue``: the admin and ``manage.py create_api_token``).
A token acts for its owner (the audit trail names them) and never with more
rights than its role or the owner's own role in the organisation today.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from veikart.web.orgs.models import Membership, Organisation


class ApiToken(models.Model):
    name = models.CharField(_("navn"), max_length=100,
                            help_text=_("Hva tokenet brukes til, for eksempel «KOSTRA-import»."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 hex of the token
    prefix = models.CharField(_("begynnelse"), max_length=12, editable=False)  # to recognise it in lists
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("organisasjon")
    )
    role = models.CharField(_("rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.VIEWER)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("eier")
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokener")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.organisation})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
