"""The period comparison and plan alignment pages: authorise, call, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from veikart.compare import Relation
from veikart.web.compare import alignment, comparison
from veikart.web.strategies.access import get_strategy_for_user, is_member


def _id(value: str | None) -> int | None:
    """A strategy id from a query parameter, else None (never an error)."""
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 1 <= number <= 2**62 else None


def _chosen(request: HttpRequest, name: str):
    pk = _id(request.GET.get(name))
    if pk is None:
        return None
    return get_strategy_for_user(request, pk, "view")


def compare_page(request: HttpRequest) -> HttpResponse:
    strategies = list(comparison.visible_strategies(request.user))
    old, new = _chosen(request, "a"), _chosen(request, "b")
    if old is None and new is None:
        old, new = comparison.default_pair(strategies)
    relation = request.GET.get("relasjon")
    relation = relation if relation in {r.value for r in Relation} else None
    context = {"strategies": strategies, "old": old, "new": new, "relation": relation, "data": None}
    if old is not None and new is not None and old.pk != new.pk:
        context["data"] = comparison.comparison_view(old, new, relation)
    return render(request, "compare/compare.html", context)


def alignment_page(request: HttpRequest) -> HttpResponse:
    strategies = list(comparison.visible_strategies(request.user))
    references = alignment.ks_strategies()
    reference = alignment.ks_reference(_id(request.GET.get("ks")))
    own = [s for s in strategies if is_member(request.user, s.organisation_id)]
    sector = request.GET.get("visning") == "sektor"
    plan = None if sector else _chosen(request, "strategi")
    if plan is None and own and not sector:
        plan = next((s for s in own if reference is None or s.pk != reference.pk), None)
    context = {
        "strategies": strategies,
        "own": own,
        "plan": plan,
        "reference": reference,
        "references": references,
        "result": None,
        "sector": None,
    }
    if sector and reference is not None:
        context["sector"], context["sector_plans"], context["sector_missing"] = alignment.sector(
            reference, request.user
        )
    elif plan is not None and reference is not None and plan.pk != reference.pk:
        context["result"] = alignment.plan_alignment(plan, reference)
    return render(request, "compare/alignment.html", context)
