"""The daily reminder: one e-mail per person listing the measures overdue or due soon in their organisations.

Who gets one: active people with an e-mail address who edit or administer an organisation (viewers follow,
they do not act) and have not turned reminders off. What it lists: unfinished measures (not done, not
cancelled) of the organisation's strategies that are not archived, with a due date before today
(overdue) or within ``VEIKART_REMINDER_DAYS`` days (due soon).
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
from django.utils.translation import ngettext

from veikart.web.notify.models import NotificationSettings, ReminderSent
from veikart.web.orgs.models import Membership
from veikart.web.planning.models import FINISHED, Measure
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
    opted_out = NotificationSettings.objects.filter(measure_reminders=False).values("user_id")
    return (User.objects.filter(is_active=True, memberships__role__in=ACTING_ROLES).exclude(email="")
            .exclude(pk__in=opted_out).distinct().order_by("pk"))


def measures_for(user, today: date) -> list[Measure]:
    horizon = today + timedelta(days=settings.VEIKART_REMINDER_DAYS)
    orgs = Membership.objects.filter(user=user, role__in=ACTING_ROLES).values("organisation_id")
    return list(
        Measure.objects.filter(plan__strategy__organisation_id__in=orgs, due__isnull=False, due__lte=horizon)
        .exclude(status__in=FINISHED).exclude(plan__strategy__status=Strategy.Status.ARCHIVED)
        .select_related("plan__strategy__organisation").order_by("due", "pk")
    )


def _message(user, measures: list[Measure], today: date) -> tuple[str, str]:
    base = settings.VEIKART_BASE_URL
    overdue = [(m, base + m.get_absolute_url()) for m in measures if m.due < today]
    soon = [(m, base + m.get_absolute_url()) for m in measures if m.due >= today]
    with translation.override(language_for(user)):  # the language they chose in the app, else bokmål
        subject = ngettext("Veikart: %(count)d tiltak har frist", "Veikart: %(count)d tiltak har frist",
                           len(measures)) % {"count": len(measures)}
        body = render_to_string("notify/reminder_email.txt", {
            "user": user, "overdue": overdue, "soon": soon, "days": settings.VEIKART_REMINDER_DAYS,
            "settings_url": base + reverse("notify:settings"),
        })
    return subject, body


def send_reminders(today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    summary = Summary()
    for user in recipients():
        if ReminderSent.objects.filter(user=user, day=today).exists():
            summary.already += 1
            continue
        measures = measures_for(user, today)
        if not measures:
            summary.nothing_due += 1
            continue
        try:
            with transaction.atomic():
                sent = ReminderSent.objects.create(user=user, day=today, measures=len(measures))
        except IntegrityError:  # another run got there first
            summary.already += 1
            continue
        subject, body = _message(user, measures, today)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # the mail server refused or is away: forget the row so a later run tries again
            log.exception("reminder to %s not sent", user.get_username())
            sent.delete()
            summary.failed.append(user.get_username())
        else:
            summary.sent.append(user.get_username())
    return summary
