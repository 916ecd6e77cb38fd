"""Who may see and change plans: the strategy decides (veikart.web.strategies.access).

A plan is as visible as its strategy (public once published, else for the
organisation's members); changes need an editor or admin of the strategy's
organisation. Indicators and their values are public statistics, but the goals
an indicator is linked to and the targets set for a strategy are as visible as
their strategy; importing values needs an editor of the indicator's
organisation.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from veikart.web.planning.models import ActionPlan, Indicator, Measure, Target, ValueImport
from veikart.web.strategies.access import (
    Need,
    get_editable_for_user,
    get_strategy_for_user,
    visible_items,
    visible_strategies_q,
)
from veikart.web.strategies.models import Strategy


def get_plan_for_user(request: HttpRequest, strategy_id: int, year: int, need: Need = "view") -> ActionPlan:
    return plan_of(get_strategy_for_user(request, strategy_id, need), year)


def plan_of(strategy: Strategy, year: int) -> ActionPlan:
    """The strategy's action plan for the year (404 if it has none), holding the strategy already fetched."""
    plan = ActionPlan.objects.filter(strategy=strategy, year=year).first()
    if plan is None:
        raise Http404("no action plan for that year")
    plan.strategy = strategy
    return plan


def get_measure_for_user(request: HttpRequest, measure_id: int, need: Need = "view") -> Measure:
    measure = Measure.objects.select_related("plan").filter(pk=measure_id).first()
    if measure is None:
        raise Http404("no such measure")
    measure.plan.strategy = get_strategy_for_user(request, measure.plan.strategy_id, need)
    return measure


def get_value_import_for_user(request: HttpRequest, import_id: int) -> ValueImport:
    return get_editable_for_user(request, ValueImport.objects.select_related("organisation", "indicator"), import_id)


def visible_targets(user) -> QuerySet[Target]:
    """Targets of strategies the user may view, and targets set for no strategy."""
    return Target.objects.filter(Q(strategy__isnull=True) | visible_strategies_q(user, "strategy__"))


def indicators_for_user(user) -> QuerySet[Indicator]:
    """Indicators with only the targets and goals the user may see prefetched (``targets``, ``goals``)."""
    return Indicator.objects.select_related("organisation").prefetch_related(
        Prefetch("targets", queryset=visible_targets(user)),
        Prefetch("goals", queryset=visible_items(user)),
    )


def get_indicator_for_user(request: HttpRequest, key: str) -> Indicator:
    indicator = indicators_for_user(request.user).filter(key=key).first()
    if indicator is None:
        raise Http404("no such indicator")
    return indicator
