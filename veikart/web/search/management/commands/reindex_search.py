"""Rebuild the search index and every similar item from the strategies (after a restore or an upgrade)."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _

from veikart.web.commands import LocalisedCommand
from veikart.web.search.facade import reindex_all


class Command(LocalisedCommand):
    help = "Rebuild the search index and the precomputed similar plans and goals."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = reindex_all()
        seconds = time.perf_counter() - started
        self.stdout.write(
            _("indekserte %(count)d strategier på nytt på %(seconds).1f s") % {"count": count, "seconds": seconds}
        )
