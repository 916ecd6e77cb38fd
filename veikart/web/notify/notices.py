"""E-mail when a reporting period moves: submitted, approved or sent back.

Submitted → the plan's owners (the organisation's administrators), who approve it. Approved or sent back
(opened again) → the people responsible for it: whoever submitted it, whoever wrote its assessments and
the persons responsible for the plan's measures, as long as they are still members of the organisation.
The person who made the move gets nothing, nor does anyone who turned ``report_notices`` off.

``period_moved`` is called inside the workflow's transaction (planning.reporting); the e-mails go out only
after that transaction commits (``transaction.on_commit``), so a step that rolls back sends nothing. Each
message is written in the recipient's chosen language. A mail server that refuses is logged and does not
undo the step: the period's page and the plan's change log still show it.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from veikart.web.notify.models import NotificationSettings
from veikart.web.orgs.models import Membership
from veikart.web.planning.models import Assessment, ReportingPeriod
from veikart.web.preferences.stored import language_for

log = logging.getLogger(__name__)
User = get_user_model()
State = ReportingPeriod.State

SUBJECTS = {
    "submitted": lambda: _("Veikart: %(period)s for «%(strategy)s» er sendt inn til godkjenning"),
    "approved": lambda: _("Veikart: %(period)s for «%(strategy)s» er godkjent"),
    "reopened": lambda: _("Veikart: %(period)s for «%(strategy)s» er sendt tilbake"),
}


def period_moved(sender, period: ReportingPeriod, by, before: str, **kwargs) -> None:
    """Receives planning's ``period_moved``: queue the notices for a move from ``before`` to ``period.state``.

    They are sent once the step commits.
    """
    event = {State.SUBMITTED: "submitted", State.APPROVED: "approved"}.get(period.state, "reopened")
    if event == "reopened" and before == State.DRAFT:
        return
    transaction.on_commit(partial(send_period_notice, period.pk, event, getattr(by, "pk", None)))


def _wanted(users) -> list:
    """Active people with an address who have not turned report notices off, in a stable order."""
    opted_out = NotificationSettings.objects.filter(report_notices=False).values("user_id")
    return list(users.filter(is_active=True).exclude(email="").exclude(pk__in=opted_out).distinct().order_by("pk"))


def recipients(period: ReportingPeriod, event: str, actor_id: int | None) -> list:
    """Who hears of the move (see the module's docstring)."""
    organisation_id = period.plan.strategy.organisation_id
    if event == "submitted":
        owners = User.objects.filter(memberships__organisation_id=organisation_id,
                                     memberships__role=Membership.Role.ADMIN)
        return [u for u in _wanted(owners) if u.pk != actor_id]
    responsible = {period.submitted_by_id}
    responsible |= set(Assessment.objects.filter(period=period).values_list("author_id", flat=True))
    responsible |= set(period.plan.measures.values_list("responsible_user_id", flat=True))
    responsible -= {None, actor_id}
    members = User.objects.filter(pk__in=responsible, memberships__organisation_id=organisation_id)
    return _wanted(members)


def _message(user, period: ReportingPeriod, event: str, actor) -> EmailMessage:
    base = settings.VEIKART_BASE_URL
    strategy = period.plan.strategy
    with translation.override(language_for(user)):
        names = {"period": period.label, "strategy": strategy.title}
        subject = SUBJECTS[event]() % names
        body = render_to_string("notify/period_notice.txt", {
            "user": user, "event": event, "period": period, "strategy": strategy,
            "organisation": strategy.organisation.name,
            "actor": (actor.get_full_name() or actor.get_username()) if actor else "",
            "link": base + period.get_absolute_url(), "settings_url": base + reverse("notify:settings"),
        })
    return EmailMessage(subject, body, None, [user.email])


def send_period_notice(period_id: int, event: str, actor_id: int | None) -> list[str]:
    """Send the notices of one move now; returns the addresses that were sent to."""
    period = (ReportingPeriod.objects.select_related("plan__strategy__organisation")
              .filter(pk=period_id).first())
    if period is None:
        return []
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    sent = []
    for user in recipients(period, event, actor_id):
        try:
            _message(user, period, event, actor).send()
        except Exception:  # the step is done and logged; a lost notice must not turn it into an error page
            log.exception("notice of %s period %s to %s not sent", event, period_id, user.get_username())
        else:
            sent.append(user.email)
    return sent
