"""Load the real plans of ../shared/corpus (or the bundled corpus/) as published plans of their members."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.ops.demo_corpus import Outcome, load_corpus


class Command(LocalisedCommand):
    help = gettext_noop(
        "Importer de ekte kommune- og fylkesplanene i VEIKART_CORPUS_DIR (ellers corpus/) og publiser "
        "hver under medlemmet som skrev den; idempotent."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        report = load_corpus()
        for r in report.results:
            if r.outcome is Outcome.NO_MEMBER:
                self.stdout.write(
                    _("hoppet over %(name)s: ingen av KS' medlemmer skrev den (%(why)s)")
                    % {"name": r.name, "why": r.message}
                )
            elif r.outcome is Outcome.FAILED:
                self.stdout.write(_("mislyktes %(name)s: %(why)s") % {"name": r.name, "why": r.message})
            elif r.outcome is Outcome.LOADED:
                self.stdout.write(
                    _("hoppet over %(name)s: lastet fra før som «%(title)s» (%(organisation)s)")
                    % {"name": r.name, "title": r.message, "organisation": r.organisation}
                )
            else:
                done = (
                    _("importerte %(name)s: «%(title)s», publisert for %(organisation)s")
                    if r.outcome is Outcome.IMPORTED
                    else _("publiserte %(name)s: «%(title)s», publisert for %(organisation)s")
                )
                self.stdout.write(done % {"name": r.name, "title": r.message, "organisation": r.organisation})
        seconds = time.perf_counter() - started
        self.stdout.write(
            _("planer fra %(folder)s: %(summary)s på %(seconds).1f s")
            % {"folder": report.folder, "summary": report.summary(), "seconds": seconds}
        )
