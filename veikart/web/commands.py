"""Management commands that change data in bulk: a dry run unless ``--confirm``.

Which commands are such: those that write many rows from an input the operator
chooses (``bulk_import``, ``import_indicators``, ``load_members``,
``propose_sdg_tags``). Not so: the demo loaders (they build a demo
installation and are idempotent), rebuilding derived indexes
(``reindex_search``, ``embed_items``: nothing a person entered changes),
``load_sdg`` (the fixed UN catalogue, as its migration), ``restore`` (it
refuses any database that is not empty), ``create_api_token`` (one token,
printed once), the scheduled jobs (``send_reminders``, ``sweep_jobs``) and
the commands that only write files (``backup``, ``export_organisation``,
``annual_report``).

Every command here speaks the locale's language (LC_ALL, LC_MESSAGES, LANG: bokmål, nynorsk, else English)
through Django's gettext, as the pages do: :class:`LocalisedCommand`. So does ``--help`` of a command whose
help texts are message ids (bokmål, marked with ``gettext_noop``): :class:`HelpFormatter` translates them only
when help is printed. Django's own options (``--verbosity``, ``--settings`` …) stay English, as in Django.

:class:`DryRunCommand` runs the command's work in one transaction and rolls
it back unless ``--confirm`` was given, so the dry run reports exactly what
the real run would do (on-commit hooks of a rolled-back run never fire).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.cli import TranslatedHelp
from veikart.i18n import environment_language


def dry_run_notice() -> str:
    return _("prøvekjøring: ingenting er skrevet (bruk --confirm)")


def add_confirm_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--confirm", action="store_true", help=gettext_noop("skriv endringene (standard: en prøvekjøring)")
    )


def written_summary(target: object, objects: int, files: int) -> str:
    """What a backup or an export wrote."""
    counts = {"target": target, "objects": objects, "files": files}
    return _("%(target)s: %(objects)d objekter, %(files)d filer") % counts


def no_organisation(slug: str) -> str:
    return _("ingen organisasjon «%(slug)s»") % {"slug": slug}


def _localised(msgid: str) -> str:
    # A text that is no message id (Django's own options' help) comes back as it is.
    with translation.override(environment_language()):
        return _(str(msgid))


class HelpFormatter(TranslatedHelp, DjangoHelpFormatter):
    """Django's formatter, with the command's help texts translated into the locale's language."""

    translate = staticmethod(_localised)


class LocalisedCommand(BaseCommand):
    """A command whose messages (and errors, and help) are in the locale's language."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(environment_language()):
            return super().execute(*args, **options)


class DryRunCommand(LocalisedCommand):
    """A command whose ``write(**options)`` runs in one transaction, rolled back unless ``--confirm``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        add_confirm_argument(parser)
        return parser

    def handle(self, *args: Any, confirm: bool = False, **options: Any) -> None:
        with transaction.atomic():
            self.write(*args, **options)
            if not confirm:
                transaction.set_rollback(True)
        if not confirm:
            self.stderr.write(dry_run_notice())

    def write(self, *args: Any, **options: Any) -> None:
        raise NotImplementedError
