"""Load every current municipality and county authority as an Organisation (idempotent; a dry run unless --confirm)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import DryRunCommand
from veikart.web.planning.members import load_member_organisations


class Command(DryRunCommand):
    help = gettext_noop(
        "Opprett eller oppdater en organisasjon for hver kommune og fylkeskommune (veikart.members); idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=date.fromisoformat, help=gettext_noop("strukturen som gjelder denne dagen (standard: i dag)")
        )

    def write(self, *args, date: date | None = None, **options):
        result = load_member_organisations(date)
        self.stdout.write(
            _("medlemmer: %(created)d nye, %(updated)d endret, %(unchanged)d uendret")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
