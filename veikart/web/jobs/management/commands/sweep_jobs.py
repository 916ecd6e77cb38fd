"""Queue again or fail the jobs a dead worker left running (workers also do this on their own)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.jobs.runtime import sweep


class Command(LocalisedCommand):
    help = gettext_noop(
        "Finn kjørende jobber som har sluttet å melde seg (arbeideren døde): legg dem i køen igjen én gang, "
        "ellers la dem mislykkes."
    )

    def handle(self, *args, **options):
        counts = sweep()
        self.stdout.write(
            _("%(requeued)d satt i kø igjen, %(failed)d mislyktes, %(tasks)d oppgaverader lukket") % counts
        )
