"""manage.py bulk_import DIR --organisation SLUG [--publish] [--confirm]: a folder of documents into the app.

A dry run unless --confirm: every file is read and extracted, and the summary
says what would be imported, skipped and refused; nothing is written.
Messages follow the locale (LC_ALL, LC_MESSAGES, LANG): bokmål for a
Norwegian one, English otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.i18n import environment_language
from veikart.web.commands import LocalisedCommand, add_confirm_argument
from veikart.web.ops.bulk_import import Progress, import_folder


class Command(LocalisedCommand):
    help = gettext_noop(
        "Importer hvert støttet dokument (PDF, DOCX, HTML, Markdown, tekst) i DIR som strategier for "
        "organisasjonen. En prøvekjøring uten --confirm. Filer som er importert før (samme SHA-256), "
        "hoppes over, så en avbrutt kjøring kan bare startes på nytt."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", metavar="DIR", type=Path, help=gettext_noop("mappen med dokumentene"))
        parser.add_argument(
            "--organisation", required=True, metavar="SLUG", help=gettext_noop("organisasjonens kortnavn")
        )
        add_confirm_argument(parser)
        parser.add_argument(
            "--publish", action="store_true", help=gettext_noop("publiser hver importerte strategi (standard: utkast)")
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help=gettext_noop("før importene opp som gjort av denne brukeren")
        )
        parser.add_argument("--recursive", action="store_true", help=gettext_noop("importer også fra undermapper"))

    def handle(self, *args, folder: Path, **options) -> None:
        with translation.override(environment_language()):
            self._run(folder, options)

    def _run(self, folder: Path, options: dict) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder}: " + _("ikke en mappe"))
        progress: Progress | None = None

        def start(total: int) -> None:
            nonlocal progress
            # the wrapped stream itself: the progress line rewrites itself with "\r" on a terminal
            progress = Progress(total, getattr(self.stderr, "_out", sys.stderr))
            self.stderr.write(_("importerer %(total)d fil(er) fra %(folder)s") % {"total": total, "folder": folder})

        try:
            report = import_folder(
                folder,
                options["organisation"],
                confirm=options["confirm"],
                publish=options["publish"],
                username=options["user"],
                recursive=options["recursive"],
                on_start=start,
                progress=lambda name, outcome: progress.step(name, outcome) if progress else None,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
        if report.failures:
            raise CommandError(_("%(count)d fil(er) feilet") % {"count": len(report.failures)}, returncode=1)
