"""Embed every item text that has no cached vector yet (only adds cache rows), printing progress.

manage.py embed_items            # here and now (the demo's setup, after a bulk load)
manage.py embed_items --queue    # leave it to the task worker (an EmbeddingJob)
"""

from __future__ import annotations

import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.semantic import embedding


class Command(LocalisedCommand):
    help = gettext_noop(
        "Lag vektorer for hver tekst (mål, forpliktelse, kapittel, tiltak) som ikke har en lagret vektor ennå."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help=gettext_noop("legg en bakgrunnsjobb i køen i stedet for å gjøre det her"),
        )
        parser.add_argument("--batch", type=int, default=embedding.BATCH, help=gettext_noop("tekster per omgang"))

    def handle(self, *args, queue: bool, batch: int, **options):
        if queue:
            job = embedding.queue_embedding()
            self.stdout.write(_("vektorjobben er satt i kø") if job else _("en vektorjobb står allerede i kø"))
            return
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-9)
            self.stdout.write(
                _("%(done)d/%(total)d tekster har vektor (%(rate).1f tekster/s)")
                % {"done": done, "total": total, "rate": rate}
            )

        done, left = embedding.embed_missing(on_batch=progress, batch=max(1, batch))
        elapsed = time.monotonic() - started
        self.stdout.write(
            _("%(done)d tekster fikk vektor på %(seconds).1f s; %(left)d igjen; alle andre tekster var lagret fra før")
            % {"done": done, "seconds": elapsed, "left": left}
        )
