"""Per-person e-mail settings and the reminders already sent (one a day at most)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationSettings(models.Model):
    """A person's choices; no row means the defaults (reminders on)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_settings")
    measure_reminders = models.BooleanField(
        _("Påminnelser om tiltak med frist"), default=True,
        help_text=_("En e-post om morgenen når tiltak i dine organisasjoner har passert fristen eller har frist "
                    "snart."),
    )
    period_reminders = models.BooleanField(
        _("Påminnelser om rapportering"), default=True,
        help_text=_("En e-post om morgenen når vurderingene for en rapporteringsperiode snart skal sendes inn, "
                    "eller skulle vært sendt inn."),
    )
    report_notices = models.BooleanField(
        _("Varsler om innsending og godkjenning"), default=True,
        help_text=_("En e-post når en rapportering sendes inn til godkjenning (til planens eiere), og når den "
                    "godkjennes eller sendes tilbake (til dem som skrev den og de ansvarlige for tiltakene)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("varslingsinnstillinger")
        verbose_name_plural = _("varslingsinnstillinger")

    def __str__(self) -> str:
        return str(self.user)


class ReminderSent(models.Model):
    """One row per person and day: ``send_reminders`` run twice the same day sends nothing the second time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    measures = models.PositiveIntegerField()
    periods = models.PositiveIntegerField(default=0)  # reporting periods due or overdue in the same e-mail
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_reminder_per_user_and_day")]
        verbose_name = _("sendt påminnelse")
        verbose_name_plural = _("sendte påminnelser")

    def __str__(self) -> str:
        return f"{self.user} {self.day}"
