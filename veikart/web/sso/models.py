"""Which account an OpenID Connect subject (issuer + ``sub``) logs in as."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SsoIdentity(models.Model):
    """The provider's stable id for a person; e-mail addresses change, ``sub`` does not."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities")
    issuer = models.CharField(_("utsteder"), max_length=300)
    subject = models.CharField(_("subjekt"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_sso_subject")]
        verbose_name = _("SSO-identitet")
        verbose_name_plural = _("SSO-identiteter")

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"
