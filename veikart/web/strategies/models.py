"""Strategies as the importer found them and people corrected them.

Every row that people edit carries ``version`` (optimistic locking: an edit
names the version it was made against) and ``updated_at`` (to tell the
person whose edit was refused when the other change happened).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veikart.web.jobs.models import TrackedJob
from veikart.web.orgs.models import Organisation


class Strategy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publisert")
        ARCHIVED = "archived", _("Arkivert")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="strategies")
    title = models.TextField(_("tittel"))
    period_start = models.PositiveSmallIntegerField(_("fra år"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("til år"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(_("språk"), max_length=10, default="nb")
    source_file = models.FileField(_("kildedokument"), upload_to="sources/%Y/", blank=True)
    source_filename = models.CharField(max_length=255, blank=True, null=True)
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    source_format = models.CharField(max_length=20, blank=True, null=True)
    source_pages = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # What the importer doubted or missed, as Strategy JSON's "warnings": [{"code", "nb", "en", "message"}].
    import_warnings = models.JSONField(_("advarsler fra importen"), default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A draft made by restoring an earlier version of a published strategy: publishing the draft puts its
    # content into that strategy (same address, new version) and removes the draft. Until then the public
    # text is unchanged.
    replaces = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="drafts")

    class Meta:
        ordering = ["-period_start", "-created_at"]
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "strategi"

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("strategy", args=[self.pk, self.slug])


class SourcePage(models.Model):
    """The extracted text of one page (or the whole text, page 1, for unpaged formats).

    Kept as the importer saw it so items' character offsets point into it.
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="source_texts")
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="one_text_per_page")]


class Provenance(models.Model):
    """Where in the source text something was found (all empty when typed by a person)."""

    source_page = models.PositiveIntegerField(null=True, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    # The importer said "no page" (unpaged format) rather than "no source".
    has_source = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Section(Provenance):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    number = models.CharField(_("nummer"), max_length=20, null=True, blank=True)
    title = models.TextField(_("tittel"))
    intro = models.TextField(_("innledning"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kapittel")
        verbose_name_plural = _("kapitler")

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


class Item(Provenance):
    class Kind(models.TextChoices):
        GOAL = "goal", pgettext_lazy("item kind", "Mål")
        COMMITMENT = "commitment", pgettext_lazy("item kind", "Forpliktelse")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("tekst"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")

    def __str__(self) -> str:
        return self.text[:80]


class ImportJob(TrackedJob):
    """One uploaded file (a document or Strategy JSON) on its way to a draft, run by the task worker."""

    TASK = "veikart.web.strategies.tasks.run_import"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_jobs")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to="uploads/%Y/")
    filename = models.CharField(max_length=255)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=100, blank=True)
    strategy = models.ForeignKey(Strategy, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("importjobb")
        verbose_name_plural = _("importjobber")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_strategy_json(self) -> bool:
        return self.filename.lower().endswith(".json")

    def get_absolute_url(self) -> str:
        return reverse("import_job", args=[self.pk])
