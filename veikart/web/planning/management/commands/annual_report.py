"""manage.py annual_report STRATEGY_ID YEAR [--pdf OUT.pdf] [--html OUT.html]: the annual report as files.

Reads the database and writes only the files named (no --confirm: nothing in the database changes).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.planning import report
from veikart.web.planning.models import ActionPlan


class Command(LocalisedCommand):
    help = gettext_noop("Årsrapporten for handlingsplanen til en strategi for et år, som HTML- og/eller PDF-fil.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("strategy", type=int, help=gettext_noop("strategiens id"))
        parser.add_argument("year", type=int, help=gettext_noop("handlingsplanens år"))
        parser.add_argument("--pdf", metavar="OUT.pdf", type=Path, help=gettext_noop("skriv PDF-en hit"))
        parser.add_argument("--html", metavar="OUT.html", type=Path, help=gettext_noop("skriv HTML-en hit"))

    def handle(self, *args, strategy: int, year: int, pdf: Path | None, html: Path | None, **options) -> None:
        if not pdf and not html:
            raise CommandError(_("oppgi --pdf og/eller --html"), returncode=2)
        plan = (
            ActionPlan.objects.select_related("strategy__organisation").filter(strategy_id=strategy, year=year).first()
        )
        if plan is None:
            raise CommandError(
                _("ingen handlingsplan %(year)s for strategi %(strategy)s") % {"year": year, "strategy": strategy}
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
