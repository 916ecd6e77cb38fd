"""manage.py annual_report STRATEGY_ID YEAR [--pdf OUT.pdf] [--html OUT.html]: the annual report as files.

Reads the database and writes only the files named (no --confirm: nothing in the database changes).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from veikart.web.planning import report
from veikart.web.planning.models import ActionPlan


class Command(BaseCommand):
    help = "årsrapport for en strategi og et år / the annual report of a strategy's action plan (HTML, PDF)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("strategy", type=int, help="strategiens id / the strategy's id")
        parser.add_argument("year", type=int, help="handlingsplanens år / the action plan's year")
        parser.add_argument("--pdf", metavar="OUT.pdf", type=Path, help="skriv PDF hit / write the PDF here")
        parser.add_argument("--html", metavar="OUT.html", type=Path, help="skriv HTML hit / write the HTML here")

    def handle(self, *args, strategy: int, year: int, pdf: Path | None, html: Path | None, **options) -> None:
        if not pdf and not html:
            raise CommandError("oppgi --pdf og/eller --html / give --pdf and/or --html", returncode=2)
        plan = (
            ActionPlan.objects.select_related("strategy__organisation").filter(strategy_id=strategy, year=year).first()
        )
        if plan is None:
            raise CommandError(
                f"ingen handlingsplan {year} for strategi {strategy} / no action plan {year} for strategy {strategy}"
            )
        try:
            if html:
                html.write_text(report.render_html(plan), encoding="utf-8")
            if pdf:
                pdf.write_bytes(report.render_pdf(plan))
        except OSError as exc:
            raise CommandError(f"{exc.filename or ''}: {exc.strerror}") from exc
        for name in (html, pdf):
            if name:
                self.stdout.write(str(name))
