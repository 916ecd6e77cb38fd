"""Load the demo's members, action plan 2021 for KS 2020–2023, KS's indicators and SSB population (idempotent)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from veikart.web.commands import LocalisedCommand
from veikart.web.orgs.models import Organisation
from veikart.web.planning import demo
from veikart.web.planning.members import load_member_organisations
from veikart.web.planning.models import Measure
from veikart.web.strategies.models import Strategy


class Command(LocalisedCommand):
    help = "Load the demo action plan (illustrative), KS's indicators and targets, and SSB population (real)."

    def handle(self, *args, **options):
        ks = Organisation.objects.filter(slug="ks").first()
        if ks is None or not Strategy.objects.filter(organisation=ks).exists():
            raise CommandError(_("kjør load_demo først"))
        members = load_member_organisations()
        self.stdout.write(
            f"members: {members.created} created, {members.updated} renamed, {members.unchanged} unchanged"
        )
        editor = User.objects.filter(username="redaktor").first()
        try:
            plan, added = demo.load_plan(ks, editor)
        except (Strategy.DoesNotExist, LookupError) as exc:
            raise CommandError(_("demoplanen: %(error)s") % {"error": exc}) from exc
        self.stdout.write(
            f"action plan {plan.year} for «{plan.strategy.title}»: {added} measures added "
            f"(illustrative, derived from the strategy's commitments)"
        )
        try:
            assessed = demo.load_periods(plan, editor)
        except (LookupError, Measure.DoesNotExist) as exc:
            raise CommandError(_("demoplanens oppfølging: %(error)s") % {"error": exc}) from exc
        self.stdout.write(f"follow-up by {plan.reporting}: {assessed} assessments written (illustrative)")
        unlinked = demo.load_indicators(ks)
        self.stdout.write(
            "indicators: KS definitions loaded"
            + (f"; targets without a matching goal: {', '.join(unlinked)}" if unlinked else "")
        )
        population = demo.load_population(ks)
        if population is None:
            self.stdout.write("SSB population file not found: no indicator values loaded")
        else:
            self.stdout.write(
                "SSB 07459 population 2022: {created} created, {updated} updated, {unchanged} unchanged, "
                "{rejected} rejected (split or aggregate regions)".format(**population)
            )
        self.stdout.write("No values for KS's own indicators: their pages say «mangler data».")
