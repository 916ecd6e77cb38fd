"""The language a signed-in person chose with the language switch, so it follows them to every device."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguagePreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="language_preference", verbose_name=_("bruker"))
    # A code from settings.LANGUAGES; no choices, so adding a language needs no migration.
    language = models.CharField(_("språk"), max_length=8)
    changed_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("språkvalg")
        verbose_name_plural = _("språkvalg")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
