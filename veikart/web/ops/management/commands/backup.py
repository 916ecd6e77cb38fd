"""manage.py backup FILE.tar.gz: the database and every stored file in one file (see veikart.web.ops.backup)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from veikart.web.ops.backup import write_backup


class Command(BaseCommand):
    help = "Write the whole installation (database and stored files) to one .tar.gz."

    def add_arguments(self, parser) -> None:
        parser.add_argument("target", type=Path)

    def handle(self, *args, **options) -> None:
        summary = write_backup(options["target"], log=self.stderr.write)
        self.stdout.write(f"{options['target']}: {summary.objects} objects, {summary.files} files"
                          + (f", {len(summary.missing)} missing" if summary.missing else ""))
