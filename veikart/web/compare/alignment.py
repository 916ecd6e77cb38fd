"""Data for the plan alignment page: a plan's goals against a KS strategy the person chooses, and the sector view.

The alignment itself is veikart.compare.plan_alignment (no Django); this
module picks the strategies, reads vectors from the cache (never runs the
model in a request, see comparison.CachedVectors) and keeps each plan's
sector-view result per pair of versions in Django's cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language

from veikart.compare.plan_alignment import Alignment, align_plan, ks_areas
from veikart.web.compare.comparison import CachedVectors
from veikart.web.orgs.models import Organisation
from veikart.web.strategies.access import visible_strategies_q
from veikart.web.strategies.models import Strategy
from veikart.web.strategies.services import export_strategy

SECTOR_PLANS = 400  # the sector view reads at most this many plans (newest first)
FORMAT = 2  # raise when the cached sector rows or the alignment change


def ks_strategies() -> list[Strategy]:
    """KS's published strategies, newest first (by period, then publication): the choices of a reference."""
    return list(
        Strategy.objects.filter(organisation__kind=Organisation.Kind.KS, status=Strategy.Status.PUBLISHED)
        .select_related("organisation")
        .order_by("-period_start", "-published_at")
    )


def ks_reference(chosen: int | None = None) -> Strategy | None:
    """The chosen published KS strategy, else the newest."""
    options = ks_strategies()
    return next((s for s in options if s.pk == chosen), options[0] if options else None)


@dataclass
class PlanView:
    alignment: Alignment
    missing_vectors: int

    @property
    def warnings(self) -> list[str]:
        return [w.message(get_language() or "nb") for w in self.alignment.warnings]

    @property
    def not_served(self) -> list:
        served = self.alignment.served_areas()
        return [a for a in self.alignment.areas if not served[a.number]]

    @property
    def served_count(self) -> int:
        return len(self.alignment.areas) - len(self.not_served)


def plan_alignment(plan: Strategy, reference: Strategy) -> PlanView:
    """Every goal of ``plan`` with the focus areas of ``reference`` it serves and its SDG targets."""
    vectors = CachedVectors()
    result = align_plan(export_strategy(plan), export_strategy(reference), embed=vectors, kinds=("goal",))
    return PlanView(result, vectors.missing)


def _served_by(plan: Strategy, reference: Strategy) -> tuple[dict[str, list[str]], int]:
    """(area number -> the plan's goals serving it, texts without vectors); cached per pair of versions when whole."""
    key = f"veikart:alignment:{FORMAT}:{plan.pk}:{plan.version}:{reference.pk}:{reference.version}"
    found = cache.get(key)
    if found is not None:
        return found, 0
    vectors = CachedVectors()
    result = align_plan(
        export_strategy(plan), export_strategy(reference), embed=vectors, classify=None, kinds=("goal",)
    )
    served = {number: [row.item.text for row in rows] for number, rows in result.served_areas().items() if rows}
    if not vectors.missing:
        cache.set(key, served, 24 * 3600)
    return served, vectors.missing


@dataclass
class SectorRow:
    number: str
    title: str
    plans: list[tuple[Strategy, list[str]]]


def sector(reference: Strategy, user) -> tuple[list[SectorRow], int, int]:
    """Per focus area of ``reference``: the published plans the person may see that serve it, with their goals.

    Returns (rows, plans read, texts without vectors).
    """
    plans = list(
        Strategy.objects.filter(visible_strategies_q(user), status=Strategy.Status.PUBLISHED)
        .exclude(organisation__kind=Organisation.Kind.KS)
        .select_related("organisation")
        .order_by("-period_start", "-published_at")[:SECTOR_PLANS]
    )
    rows = [SectorRow(area.number, area.title, []) for area in ks_areas(export_strategy(reference))]
    by_number = {row.number: row for row in rows}
    missing = 0
    for plan in plans:
        served, lacking = _served_by(plan, reference)
        missing += lacking
        for number, goals in served.items():
            if number in by_number:
                by_number[number].plans.append((plan, goals))
    return rows, len(plans), missing
