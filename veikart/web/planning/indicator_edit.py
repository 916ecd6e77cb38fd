"""Indicators defined by editors in the app: create and change one, with its goals and targets, in the audit trail.

Each change is one transaction and one PlanChange (``create_indicator`` or
``edit_indicator``, with the indicator as it was and as it became), under the
strategy of the indicator's first goal so the plan's change log shows it. An
edit names the version it was made against (``strategies.edits.check_version``):
a stale form writes nothing and raises EditConflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from veikart.web.orgs.models import Organisation
from veikart.web.planning.models import Indicator, PlanChange, Target
from veikart.web.planning.services import PlanError, record
from veikart.web.strategies.edits import EditConflict
from veikart.web.strategies.models import Item

# A target that contradicts the direction (veikart.indicators.progress refuses it too).
CONTRADICTIONS = {(">=", "lower_is_better"), ("<=", "higher_is_better")}
FIELDS = ("name", "name_en", "unit", "direction", "level", "source", "baseline", "baseline_year")


@dataclass(frozen=True)
class TargetSpec:
    """One target as the form gives it: for a goal (or the indicator as a whole), by the end of ``year``."""

    goal: Item | None
    comparison: str
    value: float | None
    year: int

    def snapshot(self) -> dict[str, Any]:
        return {"goal": self.goal.pk if self.goal else None, "comparison": self.comparison, "value": self.value,
                "year": self.year}


def _snapshot(indicator: Indicator) -> dict[str, Any]:
    data = {name: getattr(indicator, name) for name in FIELDS}
    data["goals"] = sorted(indicator.goals.values_list("pk", flat=True))
    data["targets"] = [
        {"goal": t.goal_id, "comparison": t.comparison, "value": t.value, "year": t.deadline.year}
        for t in indicator.targets.order_by("deadline", "pk")
    ]
    return data


def _unique_key(name: str, current: Indicator | None = None) -> str:
    base = slugify(name)[:70] or "indikator"
    key, n = base, 1
    while Indicator.objects.filter(key=key).exclude(pk=getattr(current, "pk", None)).exists():
        n += 1
        key = f"{base}-{n}"
    return key


def _check(organisation: Organisation, fields: dict[str, Any], goals: list[Item], targets: list[TargetSpec]) -> None:
    if not (fields.get("name") or "").strip() or not (fields.get("unit") or "").strip():
        raise PlanError(_("Indikatoren må ha navn og enhet."))
    if (fields.get("baseline") is None) != (fields.get("baseline_year") is None):
        raise PlanError(_("Utgangspunktet trenger både verdi og år."))
    if any(g.section.strategy.organisation_id != organisation.pk for g in goals):
        raise PlanError(_("Indikatoren kan bare knyttes til mål i organisasjonens egne strategier."))
    for target in targets:
        if (target.comparison, fields.get("direction")) in CONTRADICTIONS:
            raise PlanError(_("Målet «%(comparison)s» strider mot retningen til indikatoren.")
                            % {"comparison": target.comparison})
        if target.value is None and target.comparison != "improve":
            raise PlanError(_("Et mål trenger en målverdi (unntatt «bedre enn utgangspunktet»)."))
        if target.goal is not None and target.goal not in goals:
            raise PlanError(_("Et mål for indikatoren må gjelde et av målene den er knyttet til."))


def _strategy_of(goals: list[Item]) -> int | None:
    return goals[0].section.strategy_id if goals else None


def _set_targets(indicator: Indicator, targets: list[TargetSpec]) -> None:
    indicator.targets.all().delete()
    Target.objects.bulk_create(
        Target(indicator=indicator, goal=t.goal, strategy_id=t.goal.section.strategy_id if t.goal else None,
               comparison=t.comparison, value=None if t.comparison == "improve" else t.value,
               deadline=date(t.year, 12, 31))
        for t in targets
    )


def create_indicator(organisation: Organisation, user: AbstractBaseUser | None, *, goals: list[Item] = (),
                     targets: list[TargetSpec] = (), **fields: Any) -> Indicator:
    goals, targets = list(goals), list(targets)
    _check(organisation, fields, goals, targets)
    with transaction.atomic():
        indicator = Indicator.objects.create(organisation=organisation, key=_unique_key(fields["name"]), **fields)
        indicator.goals.set(goals)
        _set_targets(indicator, targets)
        record(_strategy_of(goals), user, PlanChange.Action.CREATE_INDICATOR, indicator, None, _snapshot(indicator))
    return indicator


def edit_indicator(indicator: Indicator, user: AbstractBaseUser | None, *, version: int, goals: list[Item],
                   targets: list[TargetSpec], **fields: Any) -> Indicator:
    goals, targets = list(goals), list(targets)
    _check(indicator.organisation, fields, goals, targets)
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if int(version) != indicator.version:
            raise EditConflict(_("Noen andre endret indikatoren i mellomtiden; endringen din er ikke lagret. "
                                 "Se indikatoren slik den er nå, og lagre på nytt."))
        before = _snapshot(indicator)
        for name, value in fields.items():
            setattr(indicator, name, value)
        indicator.goals.set(goals)
        _set_targets(indicator, targets)
        after = _snapshot(indicator)
        if after != before:
            indicator.version += 1
            indicator.save()
            record(_strategy_of(goals), user, PlanChange.Action.EDIT_INDICATOR, indicator, before, after)
    return indicator
