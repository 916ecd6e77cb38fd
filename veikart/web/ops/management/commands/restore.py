"""manage.py restore FILE.tar.gz: a backup into a new, empty installation (migrates first)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.ops.backup import BackupError, restore_backup


class Command(LocalisedCommand):
    help = gettext_noop("Legg en sikkerhetskopi fra `manage.py backup` inn i en tom installasjon.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path)

    def handle(self, *args, **options) -> None:
        if not options["source"].is_file():
            raise CommandError(_("finner ikke filen %(path)s") % {"path": options["source"]})
        try:
            summary = restore_backup(options["source"], log=self.stderr.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("%(objects)d objekter og %(files)d filer er lagt inn")
            % {"objects": summary.objects, "files": summary.files}
        )
