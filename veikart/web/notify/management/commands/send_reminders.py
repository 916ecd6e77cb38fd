"""`manage.py send_reminders`: the daily e-mail about measures overdue or due soon (run it from cron or a timer).

Safe to run more than once a day: a person gets at most one reminder per day.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from veikart.web.notify.reminders import send_reminders


class Command(BaseCommand):
    help = "Send today's reminders about measures overdue or due soon (at most one e-mail per person and day)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to send for (YYYY-MM-DD), default today")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from exc
        summary = send_reminders(day)
        self.stdout.write(
            f"sent {len(summary.sent)}, already sent today {summary.already}, nothing due {summary.nothing_due}, "
            f"failed {len(summary.failed)}"
        )
        if summary.failed:
            raise CommandError("not sent to: " + ", ".join(summary.failed))
