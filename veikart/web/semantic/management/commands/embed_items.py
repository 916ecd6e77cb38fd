"""Embed every item text that has no cached vector yet (only adds cache rows), printing progress.

    manage.py embed_items            # here and now (the demo's setup, after a bulk load)
    manage.py embed_items --queue    # leave it to the task worker (an EmbeddingJob)
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from veikart.web.semantic import embedding


class Command(BaseCommand):
    help = "Embed every goal, commitment, section and measure text that has no cached vector yet."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="queue a background job instead of working here")
        parser.add_argument("--batch", type=int, default=embedding.BATCH, help="texts per batch")

    def handle(self, *args, queue: bool, batch: int, **options):
        if queue:
            job = embedding.queue_embedding()
            self.stdout.write("embedding job queued" if job else "an embedding job is already queued")
            return
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-9)
            self.stdout.write(f"{done}/{total} texts embedded ({rate:.1f} texts/s)")

        done, left = embedding.embed_missing(on_batch=progress, batch=max(1, batch))
        elapsed = time.monotonic() - started
        self.stdout.write(f"{done} texts embedded in {elapsed:.1f} s; {left} left; every other text was cached")
