"""Propose SDG tags for every goal and commitment (all strategies, or those named); people's decisions stay.

A dry run unless --confirm (veikart.web.commands).
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from veikart.web.commands import DryRunCommand
from veikart.web.sdgtags.services import propose_tags
from veikart.web.strategies.models import Strategy


class Command(DryRunCommand):
    help = gettext_noop(
        "Kjør klassifisereren for bærekraftsmål på strategienes mål og forpliktelser og lagre forslagene (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "strategy_ids", nargs="*", type=int, help=gettext_noop("strategi-id-er (standard: alle strategier)")
        )

    def write(self, *args, strategy_ids: list[int], **options):
        strategies = Strategy.objects.select_related("organisation").order_by("pk")
        if strategy_ids:
            strategies = strategies.filter(pk__in=strategy_ids)
            missing = sorted(set(strategy_ids) - set(strategies.values_list("pk", flat=True)))
            if missing:
                raise CommandError(_("ingen strategi med id %(ids)s") % {"ids": ", ".join(map(str, missing))})
        for strategy in strategies:
            summary = propose_tags(strategy)
            self.stdout.write(
                _("forslag til bærekraftsmål for «%(title)s» (id %(id)s): %(summary)s")
                % {"title": strategy.title, "id": strategy.pk, "summary": summary}
            )
