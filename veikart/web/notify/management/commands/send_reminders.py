"""`manage.py send_reminders`: the daily e-mail about measures overdue or due soon (run it from cron or a timer).

Safe to run more than once a day: a person gets at most one reminder per day.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.notify.reminders import send_reminders


class Command(LocalisedCommand):
    help = gettext_noop(
        "Send dagens påminnelser om tiltak på overtid eller med frist snart (høyst én e-post per person og dag)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help=gettext_noop("dagen det sendes for (ÅÅÅÅ-MM-DD), standard i dag"))

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(_("--date må være ÅÅÅÅ-MM-DD, ikke %(value)r") % {"value": options["date"]}) from exc
        summary = send_reminders(day)
        self.stdout.write(
            _(
                "sendt %(sent)d, allerede sendt i dag %(already)d, ingenting å minne om %(nothing)d, "
                "mislyktes %(failed)d"
            )
            % {
                "sent": len(summary.sent),
                "already": summary.already,
                "nothing": summary.nothing_due,
                "failed": len(summary.failed),
            }
        )
        if summary.failed:
            raise CommandError(_("ikke sendt til: %(people)s") % {"people": ", ".join(summary.failed)})
