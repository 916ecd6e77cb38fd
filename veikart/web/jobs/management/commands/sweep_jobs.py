"""Queue again or fail the jobs a dead worker left running (workers also do this on their own)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from veikart.web.jobs.runtime import sweep


class Command(BaseCommand):
    help = "Find running jobs whose heartbeat stopped (their worker died): queue them again once, else fail them."

    def handle(self, *args, **options):
        counts = sweep()
        self.stdout.write(
            f"{counts['requeued']} queued again, {counts['failed']} failed, {counts['tasks']} task rows closed"
        )
