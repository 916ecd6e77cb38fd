"""Load the demo's members, action plan 2021 for KS 2020–2023, KS's indicators and SSB population (idempotent)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import LocalisedCommand
from veikart.web.orgs.models import Organisation
from veikart.web.planning import demo
from veikart.web.planning.members import load_member_organisations
from veikart.web.planning.models import Measure
from veikart.web.strategies.models import Strategy


class Command(LocalisedCommand):
    help = gettext_noop(
        "Last inn demohandlingsplanen (til illustrasjon), KS' indikatorer og målverdier og SSBs befolkningstall (ekte)."
    )

    def handle(self, *args, **options):
        ks = Organisation.objects.filter(slug="ks").first()
        if ks is None or not Strategy.objects.filter(organisation=ks).exists():
            raise CommandError(_("kjør load_demo først"))
        members = load_member_organisations()
        self.stdout.write(
            _("medlemmer: %(created)d nye, %(updated)d endret, %(unchanged)d uendret")
            % {"created": members.created, "updated": members.updated, "unchanged": members.unchanged}
        )
        editor = User.objects.filter(username="redaktor").first()
        try:
            plan, added = demo.load_plan(ks, editor)
        except (Strategy.DoesNotExist, LookupError) as exc:
            raise CommandError(_("demoplanen: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            _(
                "handlingsplan %(year)s for «%(title)s»: %(added)d tiltak lagt til (til illustrasjon, utledet av "
                "strategiens forpliktelser)"
            )
            % {"year": plan.year, "title": plan.strategy.title, "added": added}
        )
        try:
            assessed = demo.load_periods(plan, editor)
        except (LookupError, Measure.DoesNotExist) as exc:
            raise CommandError(_("demoplanens oppfølging: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            _("oppfølging per %(period)s: %(count)d vurderinger skrevet (til illustrasjon)")
            % {"period": plan.reporting, "count": assessed}
        )
        unlinked = demo.load_indicators(ks)
        self.stdout.write(
            _("indikatorer: KS' definisjoner er lastet")
            + (_("; målverdier uten et mål å høre til: %(keys)s") % {"keys": ", ".join(unlinked)} if unlinked else "")
        )
        population = demo.load_population(ks)
        if population is None:
            self.stdout.write(_("fant ikke SSBs befolkningsfil: ingen indikatorverdier lastet"))
        else:
            self.stdout.write(
                _(
                    "SSB 07459 befolkning 2022: %(created)d nye, %(updated)d endret, %(unchanged)d uendret, "
                    "%(rejected)d avvist (delte eller samlede regioner)"
                )
                % population
            )
        self.stdout.write(_("Ingen verdier for KS' egne indikatorer: sidene deres sier «mangler data»."))
