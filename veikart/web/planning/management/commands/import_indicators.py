"""manage.py import_indicators FILE [--indicator NAME] [--skip-rejected] [--confirm]: indicator values written.

A dry run unless --confirm: the file is read and checked (the core's plan and
the indicators it names) and the summary printed; nothing is written. With
--confirm every accepted row is written in one transaction, keyed on
(organisation, indicator, period), so the same file twice changes nothing.
A file with rejected rows is written only with --skip-rejected. The options
that say how to read the file are the core's (``veikart indicators import``).
"""

from __future__ import annotations

import argparse
import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.i18n import environment_language
from veikart.indicators.cli import add_plan_arguments, plan_options
from veikart.indicators.importing import ImportRefused, plan_file
from veikart.web.commands import LocalisedCommand, add_confirm_argument, dry_run_notice
from veikart.web.planning.values import PlanError, check_plan, write


class Command(LocalisedCommand):
    help = gettext_noop("Importer indikatorverdier fra en CSV- eller JSON-stat-fil (en prøvekjøring uten --confirm).")

    def add_arguments(self, parser) -> None:
        add_plan_arguments(parser)
        add_confirm_argument(parser)
        parser.add_argument(
            "--skip-rejected",
            action="store_true",
            help=gettext_noop("skriv de godtatte radene selv om noen er avvist"),
        )

    def handle(self, *args, **options) -> None:
        try:
            plan = plan_file(options["file"], plan_options(argparse.Namespace(**options)))
        except ImportRefused as exc:
            raise CommandError(f"{options['file']}: {exc.message(environment_language())}", returncode=2) from exc
        self.stdout.write(plan.summary(), ending="")
        try:
            checked = check_plan(plan)  # the indicators it names exist (the dry run says so too)
        except ImportRefused as exc:
            raise CommandError(exc.message(environment_language()), returncode=2) from exc
        if not options["confirm"]:
            self.stderr.write(dry_run_notice())
            return
        if plan.rejected and not options["skip_rejected"]:
            raise CommandError(
                _("avviste rader; ingenting er skrevet (--skip-rejected skriver resten)"),
                returncode=1,
            )
        try:
            result = write(checked, skip_rejected=True)
        except PlanError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False))
