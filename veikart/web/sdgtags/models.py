"""The UN Sustainable Development Goals in the database, and which items serve them.

SdgGoal and SdgTarget are a copy of ``veikart.sdg``'s catalogue (loaded by a
data migration and ``manage.py load_sdg``), so pages can join and count in SQL.
An ItemTag says that a goal, commitment or measure serves an SDG: proposed by
the classifier (with its score and reason) or decided by a person. A
LocalTarget is an organisation's own sub-target under a UN target, as in
Consul's SDG module.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from veikart.sdg.catalogue import readable_text_colour
from veikart.web.orgs.models import Organisation
from veikart.web.sdgtags import nynorsk


def _english() -> bool:
    return (get_language() or "nb").startswith("en")


def _nynorsk() -> bool:
    return (get_language() or "nb").startswith("nn")


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("nummer"), primary_key=True)
    short_nb = models.CharField(max_length=100)
    short_en = models.CharField(max_length=100)
    title_nb = models.TextField()
    title_en = models.TextField()
    colour = models.CharField(_("farge"), max_length=7)  # official "#RRGGBB"

    class Meta:
        ordering = ["number"]
        verbose_name = _("bærekraftsmål")
        verbose_name_plural = _("bærekraftsmål")

    def __str__(self) -> str:
        return f"{self.number} {self.short}"

    @property
    def short(self) -> str:
        """The short name in the page's language ("Ingen fattigdom" / "No poverty")."""
        if _nynorsk():
            return nynorsk.SHORT.get(self.number, self.short_nb)
        return self.short_en if _english() else self.short_nb

    @property
    def title(self) -> str:
        if _nynorsk():
            return nynorsk.TITLE.get(self.number, self.title_nb)
        return self.title_en if _english() else self.title_nb

    @property
    def text_colour(self) -> str:
        """Black or white, whichever contrasts more with the goal's colour (always at least 4.58:1)."""
        return readable_text_colour(self.colour)

    def get_absolute_url(self) -> str:
        return reverse("sdgtags:goal", args=[self.number])


class SdgTarget(models.Model):
    code = models.CharField(_("delmål"), max_length=8, primary_key=True)  # "3.4", "1.a"
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    text_nb = models.TextField()
    text_en = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)  # the UN's order: 1.1 … 1.5, 1.a, 1.b

    class Meta:
        ordering = ["position"]
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return self.text_en if _english() else self.text_nb


class LocalTarget(models.Model):
    """An organisation's own target under a UN target ("3.4.OSL1: Færre unge røykere i Oslo")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sdg_local_targets")
    parent = models.ForeignKey(SdgTarget, on_delete=models.PROTECT, related_name="local_targets",
                               verbose_name=_("FN-delmål"))
    code = models.CharField(_("kode"), max_length=20)
    text = models.TextField(_("tekst"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["parent__position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="local_target_code_unique_per_org"),
        ]
        verbose_name = _("lokalt delmål")
        verbose_name_plural = _("lokale delmål")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def goal_id(self) -> int:
        return int(self.parent_id.split(".")[0])


class TagStatus(models.TextChoices):
    PROPOSED = "proposed", _("Foreslått")
    ACCEPTED = "accepted", _("Godtatt")
    REJECTED = "rejected", _("Avvist")
    ADDED = "added", _("Lagt til av en person")


# A person decided these; recomputed proposals never touch them.
DECIDED = (TagStatus.ACCEPTED, TagStatus.REJECTED, TagStatus.ADDED)
# These count as "the item serves the goal" on public pages.
CONFIRMED = (TagStatus.ACCEPTED, TagStatus.ADDED)
SHOWN = (TagStatus.PROPOSED, TagStatus.ACCEPTED, TagStatus.ADDED)


class ItemTagQuerySet(models.QuerySet):
    def attached(self) -> ItemTagQuerySet:
        """Tags on an existing item or measure (not decisions waiting for their item to come back)."""
        return self.exclude(item__isnull=True, measure__isnull=True)


class ItemTag(models.Model):
    """One SDG on one goal/commitment (``item``) or measure (``measure``).

    ``strategy`` repeats the item's strategy so profile and per-SDG pages are
    one indexed query. ``score`` and ``why`` are the classifier's (empty when
    a person added the tag); a person's decision sets ``status``, ``decided_by``
    and ``decided_at`` and is never overwritten by a new proposal.

    Restoring an earlier version (or merging items) recreates or removes
    items. A decided tag then loses its item (SET_NULL) but keeps the item's
    text in ``item_text``; the next ``propose_tags`` puts it back on the item
    with that text, so a person's decision outlives the rebuild.
    """

    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="sdg_tags")
    item = models.ForeignKey(
        "strategies.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="sdg_tags"
    )
    item_text = models.TextField(blank=True)  # the item's text when a person decided
    measure = models.ForeignKey(
        "planning.Measure", on_delete=models.CASCADE, null=True, blank=True, related_name="sdg_tags"
    )
    goal = models.ForeignKey(SdgGoal, on_delete=models.PROTECT, related_name="tags")
    targets = models.ManyToManyField(SdgTarget, blank=True, related_name="tags")
    local_targets = models.ManyToManyField(LocalTarget, blank=True, related_name="tags")
    score = models.FloatField(_("sikkerhet"), null=True, blank=True)
    why = models.TextField(_("begrunnelse"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TagStatus.choices, default=TagStatus.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemTagQuerySet.as_manager()

    class Meta:
        ordering = ["goal_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "goal"], condition=models.Q(item__isnull=False), name="one_tag_per_item_and_goal"
            ),
            models.UniqueConstraint(
                fields=["measure", "goal"], condition=models.Q(measure__isnull=False),
                name="one_tag_per_measure_and_goal",
            ),
            models.CheckConstraint(
                condition=models.Q(item__isnull=True) | models.Q(measure__isnull=True),
                name="tag_on_an_item_or_a_measure_not_both",
            ),
        ]
        indexes = [models.Index(fields=["goal", "status", "strategy"])]
        verbose_name = _("bærekraftsmål-merking")
        verbose_name_plural = _("bærekraftsmål-merkinger")

    def __str__(self) -> str:
        on = f"item {self.item_id}" if self.item_id else f"measure {self.measure_id}" if self.measure_id else "no item"
        return f"SDG {self.goal_id} ({self.status}) on {on}"

    @property
    def subject(self):
        """The tagged goal/commitment or measure."""
        return self.item if self.item_id else self.measure

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    @property
    def is_confirmed(self) -> bool:
        return self.status in CONFIRMED

    @property
    def target_codes(self) -> list[str]:
        return [t.code for t in self.targets.all()]
