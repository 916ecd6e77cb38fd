"""Organisations (KS, municipalities, county authorities) and who works for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        KS = "ks", _("KS")
        MUNICIPALITY = "kommune", _("Kommune")
        COUNTY = "fylkeskommune", _("Fylkeskommune")
        OTHER = "other", _("Annen")

    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    # Official municipality/county number, e.g. "0301"; text because of the leading zero.
    number = models.CharField(_("kommunenummer"), max_length=4, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation", args=[self.slug])


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Redaktør")
        VIEWER = "viewer", _("Leser")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role in (self.Role.ADMIN, self.Role.EDITOR)


class Unit(models.Model):
    """An organisational unit (avdeling, seksjon, team) of one organisation: who can be responsible for work.

    Units may nest (a section under a department); a measure names a unit or a person as responsible.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("navn"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("overordnet enhet"),
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unit_name_unique_in_org")]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")

    def __str__(self) -> str:
        return self.name
