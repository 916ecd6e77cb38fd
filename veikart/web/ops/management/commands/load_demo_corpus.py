"""Load the real plans of ../shared/corpus (or the bundled corpus/) as published plans of their members."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from veikart.web.ops.demo_corpus import Outcome, load_corpus


class Command(BaseCommand):
    help = ("Import the real municipal and county plans of VEIKART_CORPUS_DIR (else corpus/) and publish each "
            "under the member that wrote it; idempotent.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        report = load_corpus()
        for r in report.results:
            if r.outcome is Outcome.NO_MEMBER:
                self.stdout.write(f"skipped {r.name}: no KS member wrote it ({r.message})")
            elif r.outcome is Outcome.FAILED:
                self.stdout.write(f"failed {r.name}: {r.message}")
            elif r.outcome is Outcome.LOADED:
                self.stdout.write(f"skipped {r.name}: already loaded as «{r.message}» ({r.organisation})")
            else:
                self.stdout.write(f"{r.outcome.value} {r.name}: «{r.message}», published for {r.organisation}")
        seconds = time.perf_counter() - started
        self.stdout.write(f"corpus from {report.folder}: {report.summary()} in {seconds:.1f} s")
