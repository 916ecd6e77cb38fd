"""Data for the plan alignment page: a strategy's goals against KS's latest published strategy and the SDGs."""

from __future__ import annotations

from veikart.web.orgs.models import Organisation
from veikart.web.search.alignment_core import Goal, PlanAlignment, align_plan
from veikart.web.strategies.models import Item, Strategy

try:
    from veikart.sdg.classifier import classify
except ImportError:  # without the SDG classifier the page shows KS goals only
    classify = None


def ks_reference() -> Strategy | None:
    """KS's latest published strategy (by period, then publication)."""
    return (
        Strategy.objects.filter(organisation__kind=Organisation.Kind.KS, status=Strategy.Status.PUBLISHED)
        .select_related("organisation")
        .order_by("-period_start", "-published_at")
        .first()
    )


def goals_of(strategy: Strategy) -> list[Goal]:
    rows = Item.objects.filter(section__strategy=strategy, kind=Item.Kind.GOAL).select_related("section")
    return [
        Goal(i.text, f"{i.section.number} {i.section.title}" if i.section.number else i.section.title, i.pk)
        for i in rows.order_by("section__position", "section_id", "position", "pk")
    ]


def plan_alignment(plan: Strategy, reference: Strategy) -> PlanAlignment:
    return align_plan(goals_of(plan), goals_of(reference), lang=plan.language or "nb", classify=classify)
