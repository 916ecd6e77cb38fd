"""manage.py export_organisation SLUG FILE.tar.gz: one organisation's data and files; `restore` loads it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from veikart.web.ops.export import export_organisation
from veikart.web.orgs.models import Organisation


class Command(BaseCommand):
    help = "One organisation's data and files in a .tar.gz that `manage.py restore` loads into a new installation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help="the organisation's slug")
        parser.add_argument("target", type=Path)

    def handle(self, *args, **options) -> None:
        org = Organisation.objects.filter(slug=options["organisation"]).first()
        if org is None:
            raise CommandError(f"ingen organisasjon / no organisation «{options['organisation']}»")
        summary = export_organisation(org, options["target"], log=self.stderr.write)
        self.stdout.write(f"{options['target']}: {summary.objects} objects, {summary.files} files")
