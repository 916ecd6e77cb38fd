"""manage.py export_organisation SLUG FILE.tar.gz: one organisation's data and files; `restore` loads it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand, no_organisation, written_summary
from veikart.web.ops.export import export_organisation
from veikart.web.orgs.models import Organisation


class Command(LocalisedCommand):
    help = gettext_noop(
        "Én organisasjons data og filer i en .tar.gz som `manage.py restore` legger inn i en ny installasjon."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help=gettext_noop("organisasjonens kortnavn"))
        parser.add_argument("target", type=Path)

    def handle(self, *args, **options) -> None:
        org = Organisation.objects.filter(slug=options["organisation"]).first()
        if org is None:
            raise CommandError(no_organisation(options["organisation"]))
        summary = export_organisation(org, options["target"], log=self.stderr.write)
        self.stdout.write(written_summary(options["target"], summary.objects, summary.files))
