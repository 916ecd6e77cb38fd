"""manage.py create_api_token --organisation ks --owner alice --role editor --name "KOSTRA-import"

Prints the token once: only its hash is kept, so it cannot be shown again (revoke it and make a new one).
"""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.api import tokens
from veikart.web.commands import LocalisedCommand, no_organisation
from veikart.web.orgs.models import Membership, Organisation


class Command(LocalisedCommand):
    help = gettext_noop("Lag et API-token for en organisasjon og en rolle; skriver ut tokenet én gang.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", required=True, help=gettext_noop("organisasjonens kortnavn"))
        parser.add_argument(
            "--owner", required=True, help=gettext_noop("brukernavnet til personen tokenet handler for")
        )
        parser.add_argument("--role", default=Membership.Role.EDITOR, choices=Membership.Role.values)
        parser.add_argument("--name", required=True, help=gettext_noop("hva tokenet er til"))

    def handle(self, *args, **options) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(no_organisation(options["organisation"]))
        owner = get_user_model().objects.filter(username=options["owner"]).first()
        if owner is None:
            raise CommandError(_("ingen bruker «%(name)s»") % {"name": options["owner"]})
        try:
            token, secret = tokens.issue(
                name=options["name"], organisation=organisation, role=options["role"], owner=owner
            )
        except tokens.TokenError as exc:
            raise CommandError(str(exc)) from exc
        # The admin's history of the token names who made it (here: the owner, from the command line).
        LogEntry.objects.log_actions(
            owner.pk, [token], ADDITION, change_message="manage.py create_api_token", single_object=True
        )
        self.stderr.write(
            _("Token %(prefix)s… for %(organisation)s (%(role)s), eier %(owner)s. Vises bare nå:")
            % {"prefix": token.prefix, "organisation": organisation, "role": token.role, "owner": owner}
        )
        self.stdout.write(secret)
