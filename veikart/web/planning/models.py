"""Action plans, measures and their status history; indicators, targets and values.

A measure keeps its current status and progress on its own row (the latest
status update writes them there) so lists need no subquery; the updates are
the history. A measure carried into next year's plan points back at the one
it continues, so its history reads through the chain.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veikart.web.actions import Action
from veikart.web.audit.models import ChangeRecord
from veikart.web.jobs.models import TrackedJob
from veikart.web.orgs.models import Organisation


class Reporting(models.TextChoices):
    TERTIAL = "tertial", _("Tertialvis")
    ANNUAL = "annual", _("Årlig")


class ActionPlan(models.Model):
    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="action_plans")
    year = models.PositiveSmallIntegerField(_("år"))
    description = models.TextField(_("beskrivelse"), blank=True)
    reporting = models.CharField(_("rapportering"), max_length=10, choices=Reporting.choices,
                                 default=Reporting.ANNUAL)
    version = models.PositiveIntegerField(default=1)  # optimistic locking, as strategies.edits.check_version
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["strategy", "year"]
        constraints = [models.UniqueConstraint(fields=["strategy", "year"], name="one_plan_per_strategy_year")]
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")

    def __str__(self) -> str:
        return f"Handlingsplan {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("planning:dashboard", args=[self.strategy_id, self.year])


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    # With a context: the web catalogue's "Pågår" is a running job ("Running"), which would otherwise win.
    IN_PROGRESS = "in_progress", pgettext_lazy("tiltaksstatus", "Pågår")
    DONE = "done", _("Ferdig")
    DELAYED = "delayed", _("Forsinket")
    CANCELLED = "cancelled", _("Avlyst")


FINISHED = (MeasureStatus.DONE, MeasureStatus.CANCELLED)


class Role(models.TextChoices):
    """KS's three roles (the strategy's own words)."""

    EMPLOYER = "employer", _("Arbeidsgiverorganisasjon")
    ADVOCACY = "advocacy", _("Interessepolitisk aktør")
    DEVELOPMENT = "development", _("Utviklingspartner")


class Measure(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("tittel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    items = models.ManyToManyField(
        "strategies.Item", blank=True, related_name="measures", verbose_name=_("mål og forpliktelser")
    )
    responsible = models.CharField(_("ansvarlig"), max_length=200, blank=True)  # free text: from before units
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ansvarlig person"),
    )
    responsible_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="measures",
        verbose_name=_("ansvarlig enhet"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("framdrift (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to",
        verbose_name=_("videreført fra"),
    )
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)  # bumped by every edit of the fields above, not by status updates
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="measure_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:measure", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    # get_status_display()/get_role_display() hash every choice per call: a fifth of a 200-measure dashboard.
    @property
    def status_label(self) -> str:
        return str(MeasureStatus(self.status).label) if self.status in MeasureStatus.values else self.status

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def responsible_label(self) -> str:
        """Who answers for the measure: the unit, the person, or the free text of older measures."""
        if self.responsible_unit_id:
            return str(self.responsible_unit)
        if self.responsible_user_id:
            user = self.responsible_user
            return user.get_full_name() or user.get_username()
        return self.responsible


class StatusUpdate(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("dato"))
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    progress = models.PositiveSmallIntegerField(
        _("framdrift (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    comment = models.TextField(_("kommentar"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("statusoppdatering")
        verbose_name_plural = _("statusoppdateringer")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="update_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_display()} {self.progress} %"


class PlanChangeManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(version__isnull=True)


class PlanChange(ChangeRecord):
    """The plans' and measures' entries of the one audit log (audit.ChangeRecord, no strategy version).

    Written by ``services.record`` through ``audit.log.record``; read by the plan's change log
    (``describe.py``). Before migration 0006 these rows had a table of their own.
    """

    Action = Action  # the one list (veikart/web/actions.py)
    objects = PlanChangeManager()

    class Meta:
        proxy = True
        ordering = ["-at", "-pk"]
        verbose_name = _("endring i plan")
        verbose_name_plural = _("endringer i planer")


class Direction(models.TextChoices):
    """Same values as veikart.indicators.progress.Direction."""

    HIGHER = "higher_is_better", _("Høyere er bedre")
    LOWER = "lower_is_better", _("Lavere er bedre")


class Level(models.TextChoices):
    """Same values as veikart.indicators.definitions.Level."""

    ORGANISATION = "organisation", _("Organisasjonen selv")
    MEMBER = "member", _("Hvert medlem")
    COUNTY = "county", _("Hver fylkeskommune")


class Indicator(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="indicators")
    key = models.SlugField(_("nøkkel"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    name_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)
    unit = models.CharField(_("enhet"), max_length=100)
    direction = models.CharField(_("retning"), max_length=20, choices=Direction.choices, default=Direction.HIGHER)
    level = models.CharField(_("nivå"), max_length=20, choices=Level.choices, default=Level.MEMBER)
    goals = models.ManyToManyField("strategies.Item", blank=True, related_name="indicators", verbose_name=_("mål"))
    source = models.TextField(_("kilde"), blank=True)
    # Where things stood when the strategy began; a target without a baseline of its own is measured from it.
    baseline = models.FloatField(_("utgangspunkt"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("utgangspunkt år"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking, as strategies.edits.check_version

    class Meta:
        ordering = ["name"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planning:indicator", args=[self.key])


class Comparison(models.TextChoices):
    """Same values as veikart.indicators.progress.Comparison."""

    AT_LEAST = ">=", _("minst")
    AT_MOST = "<=", _("høyst")
    EQUAL = "=", _("lik")
    IMPROVE = "improve", _("bedre enn utgangspunktet")


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_targets"
    )
    # The goal this target belongs to (an indicator may measure several goals, each with its own target).
    goal = models.ForeignKey(
        "strategies.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="indicator_targets",
        verbose_name=_("mål"),
    )
    value = models.FloatField(_("målverdi"), null=True, blank=True)  # empty with "improve"
    comparison = models.CharField(_("sammenligning"), max_length=10, choices=Comparison.choices)
    deadline = models.DateField(_("frist"))
    baseline = models.FloatField(_("utgangspunkt"), null=True, blank=True)
    baseline_period = models.DateField(_("utgangspunkt per"), null=True, blank=True)
    goal_text = models.TextField(_("målformulering"), blank=True)

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("mål for indikator")
        verbose_name_plural = _("mål for indikatorer")

    def __str__(self) -> str:
        what = self.get_comparison_display() if self.value is None else f"{self.comparison} {self.value:g}"
        return f"{self.indicator}: {what} innen {self.deadline:%Y}"


class Value(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="indicator_values")
    period = models.CharField(_("periode"), max_length=20)  # as the source writes it: "2022", "2022K3"
    period_end = models.DateField(_("periodens slutt"))
    value = models.FloatField(_("verdi"))
    source = models.TextField(_("kilde"), blank=True)
    imported_at = models.DateTimeField(_("importert"))

    class Meta:
        ordering = ["indicator", "period_end", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation", "period_end"], name="one_value_per_period")
        ]
        indexes = [models.Index(fields=["indicator", "period_end"])]
        verbose_name = _("verdi")
        verbose_name_plural = _("verdier")

    def __str__(self) -> str:
        return f"{self.indicator} {self.organisation} {self.period}: {self.value:g}"


class ValueImport(TrackedJob):
    """One uploaded file, in two background jobs: the check (dry run), then, when the person confirms, the write.

    ``stage`` says which of the two QUEUED/RUNNING/FAILED/CANCELLED refer to;
    the task worker runs both (``values.run_check``, ``values.run_apply``).
    """

    TASK = "veikart.web.planning.tasks.apply_values"
    CHECK_TASK = "veikart.web.planning.tasks.check_values"

    class Stage(models.TextChoices):
        CHECK = "check", _("Kontroll")
        APPLY = "apply", _("Skriving")

    class Status(models.TextChoices):
        CHECKED = "checked", _("Kontrollert")
        QUEUED = "queued", _("Venter på skriving")
        RUNNING = "running", _("Skriver")
        APPLIED = "applied", _("Skrevet")
        FAILED = "failed", _("Mislyktes")
        CANCELLED = "cancelled", _("Avbrutt")
        REFUSED = "refused", _("Avvist")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="value_imports")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    file = models.FileField(upload_to="indicator-imports/%Y/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    stage = models.CharField(max_length=5, choices=Stage.choices, default=Stage.APPLY)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of the current stage
    report = models.JSONField(default=dict)  # counts and rejected rows, as shown to the person
    result = models.JSONField(null=True, blank=True)  # created/updated/unchanged when applied
    # What the person chose when confirming: who, and whether rejected rows are skipped.
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    skip_rejected = models.BooleanField(default=False)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verdiimport")
        verbose_name_plural = _("verdiimporter")

    def get_absolute_url(self) -> str:
        return reverse("planning:value_import", args=[self.pk])

    def enqueue(self) -> None:
        """Queue the task of the current stage: the check, or the write."""
        import_string(self.CHECK_TASK if self.stage == self.Stage.CHECK else self.TASK).enqueue(self.pk)

    @property
    def status_label(self) -> str:
        """The status in words, naming the stage while it waits or runs ("Kontrollerer", "Skriver")."""
        if self.stage == self.Stage.CHECK and self.status in CHECK_LABELS:
            return str(CHECK_LABELS[self.status])
        return self.get_status_display()


CHECK_LABELS = {
    ValueImport.Status.QUEUED: _("Venter på kontroll"),
    ValueImport.Status.RUNNING: _("Kontrollerer"),
    ValueImport.Status.FAILED: _("Kontrollen mislyktes"),
    ValueImport.Status.CANCELLED: _("Kontrollen ble avbrutt"),
}


class ReportingPeriod(models.Model):
    """One tertial (1-3) or the year (1) of a plan: assessments written, submitted, approved by the plan's owner."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Sendt inn")
        APPROVED = "approved", _("Godkjent")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("nummer"))  # tertial 1-3, or 1 for the year
    state = models.CharField(_("tilstand"), max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_period_per_number")]
        verbose_name = _("rapporteringsperiode")
        verbose_name_plural = _("rapporteringsperioder")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        if self.plan.reporting == Reporting.TERTIAL:
            return _("%(n)s. tertial %(year)s") % {"n": self.number, "year": self.plan.year}
        return _("Året %(year)s") % {"year": self.plan.year}

    @property
    def end(self):
        """The period's last day: 30 April, 31 August or 31 December (the year: 31 December)."""
        import calendar
        from datetime import date

        month = 4 * self.number if self.plan.reporting == Reporting.TERTIAL else 12
        return date(self.plan.year, month, calendar.monthrange(self.plan.year, month)[1])

    def get_absolute_url(self) -> str:
        return reverse("planning:period", args=[self.plan.strategy_id, self.plan.year, self.number])


class Assessment(models.Model):
    """The responsible person's assessment of one goal or one measure for a reporting period."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="assessments")
    item = models.ForeignKey("strategies.Item", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments")
    status = models.CharField(_("status"), max_length=20)  # a goal status (goal_status.py) or a measure status
    text = models.TextField(_("vurdering"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "item"], condition=models.Q(item__isnull=False),
                                    name="one_assessment_per_goal"),
            models.UniqueConstraint(fields=["period", "measure"], condition=models.Q(measure__isnull=False),
                                    name="one_assessment_per_measure"),
            models.CheckConstraint(condition=models.Q(item__isnull=True) ^ models.Q(measure__isnull=True),
                                   name="assessment_of_goal_or_measure"),
        ]
        verbose_name = _("vurdering")
        verbose_name_plural = _("vurderinger")
