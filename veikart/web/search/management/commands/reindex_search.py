"""Rebuild the search index and every similar item from the strategies (after a restore or an upgrade)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from veikart.web.search.facade import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index and the precomputed similar plans and goals."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = reindex_all()
        self.stdout.write(f"reindexed {count} strategies in {time.perf_counter() - started:.1f} s")
