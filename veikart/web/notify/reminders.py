"""The daily reminder: one e-mail per person listing what is overdue or due soon in their organisations.

Who gets one: active people with an e-mail address who edit or administer an organisation (viewers follow,
they do not act) and have not turned both kinds of reminder off. What it lists:

- measures: unfinished ones (not done, not cancelled) of the organisation's strategies that are not
  archived, with a due date before today (overdue) or within ``VEIKART_REMINDER_DAYS`` days (due soon);
- reporting periods: the assessments of a period still in draft (not submitted) whose last day has passed
  (overdue) or comes within ``VEIKART_REMINDER_DAYS`` days, for this year's and last year's action plans
  (older plans are closed business) of strategies that are not archived.

Each person's settings (NotificationSettings) choose either list or both.
Idempotent per day: a ReminderSent row per person and day is written before the mail goes out (and removed
again if the mail server refuses it, so a later run that day tries again).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from veikart.web.notify.models import NotificationSettings, ReminderSent
from veikart.web.orgs.models import Membership
from veikart.web.planning import reporting
from veikart.web.planning.models import FINISHED, ActionPlan, Measure, ReportingPeriod
from veikart.web.preferences.stored import language_for
from veikart.web.strategies.models import Strategy

log = logging.getLogger(__name__)
User = get_user_model()
ACTING_ROLES = (Membership.Role.ADMIN, Membership.Role.EDITOR)


@dataclass
class Summary:
    sent: list[str] = field(default_factory=list)  # usernames
    already: int = 0  # had today's reminder from an earlier run
    nothing_due: int = 0
    failed: list[str] = field(default_factory=list)


def recipients() -> QuerySet:
    opted_out = NotificationSettings.objects.filter(measure_reminders=False, period_reminders=False).values("user_id")
    return (User.objects.filter(is_active=True, memberships__role__in=ACTING_ROLES).exclude(email="")
            .exclude(pk__in=opted_out).distinct().order_by("pk"))


def choices(user) -> NotificationSettings:
    """The person's settings, or the defaults (everything on) when they never saved any."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def periods_for(user, today: date) -> list[ReportingPeriod]:
    """Draft periods of the person's organisations' current plans that end within the horizon or have ended."""
    horizon = today + timedelta(days=settings.VEIKART_REMINDER_DAYS)
    orgs = Membership.objects.filter(user=user, role__in=ACTING_ROLES).values("organisation_id")
    plans = (ActionPlan.objects.filter(strategy__organisation_id__in=orgs, year__gte=today.year - 1,
                                       year__lte=horizon.year)
             .exclude(strategy__status=Strategy.Status.ARCHIVED)
             .select_related("strategy__organisation").prefetch_related("periods").order_by("year", "pk"))
    due = [period for plan in plans for period in reporting.periods(plan)
           if period.state == ReportingPeriod.State.DRAFT and period.end <= horizon]
    return sorted(due, key=lambda p: (p.end, p.plan.pk))


def measures_for(user, today: date) -> list[Measure]:
    horizon = today + timedelta(days=settings.VEIKART_REMINDER_DAYS)
    orgs = Membership.objects.filter(user=user, role__in=ACTING_ROLES).values("organisation_id")
    return list(
        Measure.objects.filter(plan__strategy__organisation_id__in=orgs, due__isnull=False, due__lte=horizon)
        .exclude(status__in=FINISHED).exclude(plan__strategy__status=Strategy.Status.ARCHIVED)
        .select_related("plan__strategy__organisation").order_by("due", "pk")
    )


def _message(user, measures: list[Measure], periods: list[ReportingPeriod], today: date) -> tuple[str, str]:
    base = settings.VEIKART_BASE_URL
    overdue = [(m, base + m.get_absolute_url()) for m in measures if m.due < today]
    soon = [(m, base + m.get_absolute_url()) for m in measures if m.due >= today]
    period_rows = [(p, base + p.get_absolute_url(), p.end < today) for p in periods]
    with translation.override(language_for(user)):  # the language they chose in the app, else bokmål
        if measures and periods:
            subject = _("Veikart: tiltak og rapportering har frist")
        elif measures:
            subject = ngettext("Veikart: %(count)d tiltak har frist", "Veikart: %(count)d tiltak har frist",
                               len(measures)) % {"count": len(measures)}
        else:
            subject = ngettext("Veikart: %(count)d rapportering har frist",
                               "Veikart: %(count)d rapporteringer har frist", len(periods)) % {"count": len(periods)}
        body = render_to_string("notify/reminder_email.txt", {
            "user": user, "overdue": overdue, "soon": soon, "periods": period_rows,
            "days": settings.VEIKART_REMINDER_DAYS, "settings_url": base + reverse("notify:settings"),
        })
    return subject, body


def send_reminders(today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    summary = Summary()
    for user in recipients():
        if ReminderSent.objects.filter(user=user, day=today).exists():
            summary.already += 1
            continue
        chosen = choices(user)
        measures = measures_for(user, today) if chosen.measure_reminders else []
        periods = periods_for(user, today) if chosen.period_reminders else []
        if not measures and not periods:
            summary.nothing_due += 1
            continue
        try:
            with transaction.atomic():
                sent = ReminderSent.objects.create(user=user, day=today, measures=len(measures),
                                                   periods=len(periods))
        except IntegrityError:  # another run got there first
            summary.already += 1
            continue
        subject, body = _message(user, measures, periods, today)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # the mail server refused or is away: forget the row so a later run tries again
            log.exception("reminder to %s not sent", user.get_username())
            sent.delete()
            summary.failed.append(user.get_username())
        else:
            summary.sent.append(user.get_username())
    return summary
