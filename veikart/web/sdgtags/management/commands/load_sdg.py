"""Create or update the 17 SDGs and 169 targets from veikart.sdg's catalogue (idempotent)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.sdg.catalogue import CatalogueError
from veikart.web.commands import LocalisedCommand
from veikart.web.sdgtags.catalogue import load_sdg_catalogue


class Command(LocalisedCommand):
    help = gettext_noop("Last FNs bærekraftsmål (17 mål, 169 delmål, bokmål og engelsk) inn i databasen.")

    def handle(self, *args, **options):
        try:
            summary = load_sdg_catalogue()
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("bærekraftsmålene: %(summary)s") % {"summary": summary})
