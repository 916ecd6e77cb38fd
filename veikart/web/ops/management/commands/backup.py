"""manage.py backup FILE.tar.gz: the database and every stored file in one file (see veikart.web.ops.backup)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand, written_summary
from veikart.web.ops.backup import write_backup


class Command(LocalisedCommand):
    help = gettext_noop("Skriv hele installasjonen (databasen og de lagrede filene) til én .tar.gz.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("target", type=Path)

    def handle(self, *args, **options) -> None:
        summary = write_backup(options["target"], log=self.stderr.write)
        missing = _(", %(count)d mangler") % {"count": len(summary.missing)} if summary.missing else ""
        self.stdout.write(written_summary(options["target"], summary.objects, summary.files) + missing)
