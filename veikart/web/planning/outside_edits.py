"""Plans, measures, indicators, targets and reporting edited past the services (the admin, a shell) get an
``edit_outside`` entry in the plan's change log (``audit.outside``, connected in the app's ``Config.ready``).

Indicator values are left out: they come by the million in imports, and each import is recorded by its job.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from veikart.web.audit import outside
from veikart.web.planning.models import ActionPlan, Assessment, Indicator, Measure, ReportingPeriod, Target

LEFT_OUT = {"id", "version", "created_at", "updated_at"}  # bookkeeping, not what a person changed


def row_state(row: models.Model) -> dict[str, Any]:
    """The row's own fields as JSON (a related row by its id), as the services' entries keep them."""
    state: dict[str, Any] = {}
    for f in row._meta.concrete_fields:
        if f.name in LEFT_OUT:
            continue
        value = getattr(row, f.attname)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        state[f.name] = value
    return state


def _strategy_of_plan(plan_id: int | None) -> int | None:
    return ActionPlan.objects.filter(pk=plan_id).values_list("strategy_id", flat=True).first()


def _strategy_of_period(period_id: int | None) -> int | None:
    return ReportingPeriod.objects.filter(pk=period_id).values_list("plan__strategy_id", flat=True).first()


def _strategy_of_indicator(indicator: Indicator) -> int | None:
    """An indicator belongs to an organisation; its entry goes to the first strategy one of its targets names."""
    targets = Target.objects.filter(indicator_id=indicator.pk, strategy__isnull=False).order_by("pk")
    return targets.values_list("strategy_id", flat=True).first()


WATCHED: dict[type[models.Model], outside.StrategyOf] = {
    ActionPlan: lambda plan: plan.strategy_id,
    Measure: lambda measure: _strategy_of_plan(measure.plan_id),
    Indicator: _strategy_of_indicator,
    Target: lambda target: target.strategy_id,
    ReportingPeriod: lambda period: _strategy_of_plan(period.plan_id),
    Assessment: lambda assessment: _strategy_of_period(assessment.period_id),
}


def watch_outside_edits() -> None:
    """Connect every planning model people edit (not ``Value``) to ``audit.outside``."""
    for model, strategy_of in WATCHED.items():
        outside.watch(model, strategy_of, row_state, plan=True)
