"""Load the demo: organisation KS, both KS strategies published, an editor account (KS's admin).

Idempotent: a document already imported (same SHA-256) is skipped. The
editor's password is new on every run (printed), unless --password is given.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.ingest import ExtractError
from veikart.web.commands import LocalisedCommand
from veikart.web.messages import message_text
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.strategies import services
from veikart.web.strategies.models import Strategy

SAMPLES = ("ks-langtidsplan-2016-2019.txt", "ks-langtidsstrategi-2020-2023.md")
BUNDLED = Path(__file__).resolve().parents[3] / "demo" / "samples"
USERNAME = "redaktor"


def samples_dir() -> Path:
    """VEIKART_SAMPLES_DIR when it holds both documents, else the copies in the package."""
    configured = Path(settings.VEIKART_SAMPLES_DIR)
    if all((configured / name).is_file() for name in SAMPLES):
        return configured
    return BUNDLED


class Command(LocalisedCommand):
    help = gettext_noop("Last inn KS' demodata (idempotent) og skriv ut innloggingen til demoredaktøren.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help=gettext_noop("bruk dette passordet for demoredaktøren i stedet for et tilfeldig")
        )

    def handle(self, *args, password: str | None = None, **options):
        ks = Organisation.objects.get_or_create(slug="ks", defaults={"name": "KS", "kind": Organisation.Kind.KS})[0]
        editor, created = User.objects.get_or_create(username=USERNAME, defaults={"first_name": "Demo"})
        password = password or secrets.token_urlsafe(9)
        editor.set_password(password)
        editor.save()
        # KS's admin: edits the strategies and manages KS's members (invitations, roles) in the app.
        Membership.objects.update_or_create(user=editor, organisation=ks, defaults={"role": Membership.Role.ADMIN})

        folder = samples_dir()
        for name in SAMPLES:
            data = (folder / name).read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            existing = Strategy.objects.filter(organisation=ks, source_sha256=sha).first()
            if existing:
                self.stdout.write(
                    _("hoppet over %(name)s: lastet fra før som «%(title)s»") % {"name": name, "title": existing.title}
                )
                continue
            try:
                strategy = services.import_document(ks, data, name, editor)
            except ExtractError as exc:
                raise CommandError(f"{name}: {message_text(exc.msg)}") from exc
            services.publish(strategy, editor)
            sections = strategy.sections.count()
            self.stdout.write(
                _("importerte %(name)s: «%(title)s», %(sections)d kapitler, publisert")
                % {"name": name, "title": strategy.title, "sections": sections}
            )

        self.stdout.write(_("eksempler fra %(folder)s") % {"folder": folder})
        self.stdout.write(
            self.style.SUCCESS(
                _("Demoredaktør: brukernavn %(username)s  passord %(password)s")
                % {"username": USERNAME, "password": password}
            )
        )
