"""The demo's action plan, KS's named indicators and the one real figure we have (SSB population).

Everything here is idempotent. The plan is an illustrative example (see
demo/plan-2021.json): measures with a year of status updates, and a year of
follow-up by tertial (assessments per goal and measure; two periods approved,
the third submitted), every invented text marked "Eksempel" and the plan's
description, shown on its pages, saying so. Indicator definitions and targets come from
veikart.indicators' definitions; the only values are SSB table 07459
(population 1 January 2022), a real file with its source. No other figures.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from veikart.indicators.definitions import load_definitions
from veikart.web.orgs.models import Organisation, Unit
from veikart.web.planning import reporting, services, values
from veikart.web.planning.models import ActionPlan, Indicator, Measure, ReportingPeriod, Target
from veikart.web.strategies import changes
from veikart.web.strategies.models import Item, Strategy

DEMO_DIR = Path(__file__).resolve().parent / "demo"
PLAN_FILE = DEMO_DIR / "plan-2021.json"
POPULATION_KEY = "population"


def ssb_population_file() -> Path:
    return Path(settings.VEIKART_SAMPLES_DIR).parent / "data" / "ssb" / "07459-population-by-municipality-2022.json"


def find_item(strategy: Strategy, prefix: str) -> Item:
    """The goal or commitment whose text starts with ``prefix`` (the demo data quotes the strategy)."""
    found = [i for i in Item.objects.filter(section__strategy=strategy) if i.text.startswith(prefix)]
    if len(found) != 1:
        raise LookupError(f"{len(found)} items start with «{prefix}» in «{strategy.title}»")
    return found[0]


def load_plan(ks: Organisation, user=None) -> tuple[ActionPlan, int]:
    """The illustrative 2021 plan; measures already there (same title) are left as they are."""
    data = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    strategy = Strategy.objects.get(organisation=ks, title=data["strategy_title"])
    plan = ActionPlan.objects.filter(strategy=strategy, year=data["year"]).first()
    if plan is None:
        plan = services.create_plan(strategy, data["year"], user, data["description"])
    elif plan.description != data["description"]:
        plan.description = data["description"]
        plan.save(update_fields=["description", "updated_at"])
    with changes.batched():  # the strategy is indexed once, after the last measure, not after each
        added = _load_measures(plan, strategy, ks, user, data["measures"])
    return plan, added


def _load_measures(plan: ActionPlan, strategy: Strategy, ks: Organisation, user, specs: list[dict]) -> int:
    added = 0
    for spec in specs:
        if Measure.objects.filter(plan=plan, title=spec["title"]).exists():
            continue
        with transaction.atomic():
            # The demo's responsible units are KS units named "(eksempel)": illustrative, like the plan.
            unit, _created = Unit.objects.get_or_create(organisation=ks, name=spec["responsible"])
            measure = services.create_measure(
                plan, user, items=[find_item(strategy, p) for p in spec["serves"]], title=spec["title"],
                description=spec["description"], responsible_unit=unit, role=spec["role"],
                start=date.fromisoformat(spec["start"]), due=date.fromisoformat(spec["due"]),
            )
            for update in spec["updates"]:
                services.add_status_update(measure, user, status=update["status"], progress=update["progress"],
                                           comment=update["comment"], on=date.fromisoformat(update["date"]))
        added += 1
    return added


def load_periods(plan: ActionPlan, user) -> int:
    """The illustrative year of follow-up: assessments per reporting period, submitted and approved as the file
    says. A period already past draft is left as it is; returns how many assessments were written."""
    data = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    if user is None or not data.get("periods"):
        return 0
    if plan.reporting != data["reporting"] and not plan.periods.exists():
        reporting.set_reporting(plan, user, data["reporting"])
        plan.refresh_from_db()
    written = 0
    for spec in data["periods"]:
        number = spec["number"]
        current = ReportingPeriod.objects.filter(plan=plan, number=number).first()
        if current is not None and current.state != ReportingPeriod.State.DRAFT:
            continue
        goals = {}
        for prefix, status, text in spec["goals"]:
            item = find_item(plan.strategy, prefix)
            if item.kind != Item.Kind.GOAL:
                raise LookupError(f"«{prefix}» is a {item.kind}, not a goal")
            goals[item.pk] = (status, text)
        measures = {Measure.objects.get(plan=plan, title=title).pk: (status, text)
                    for title, status, text in spec["measures"]}
        written += reporting.save_assessments(plan, number, user, goals=goals, measures=measures)
        if spec["state"] in (ReportingPeriod.State.SUBMITTED, ReportingPeriod.State.APPROVED):
            reporting.submit(plan, number, user)
        if spec["state"] == ReportingPeriod.State.APPROVED:
            reporting.approve(plan, number, user)
    return written


_PERIOD = re.compile(r"(\d{4})\s*[–-]\s*(\d{4})")


def _strategy_named(ks: Organisation, name: str) -> Strategy | None:
    match = _PERIOD.search(name)
    if not match:
        return None
    return Strategy.objects.filter(organisation=ks, period_start=int(match[1]), period_end=int(match[2])).first()


def _goal_item(strategy: Strategy, goal_text: str) -> Item | None:
    wanted = goal_text.strip().rstrip(".")
    for item in Item.objects.filter(section__strategy=strategy):
        if item.text.strip().rstrip(".") == wanted or item.text.startswith(wanted[:80]):
            return item
    return None


def load_indicators(ks: Organisation) -> list[str]:
    """KS's indicators with their targets, linked to the goal each target quotes; returns what was not linked."""
    unlinked = []
    for definition in load_definitions():
        indicator, _ = Indicator.objects.update_or_create(
            key=definition.key,
            defaults={"organisation": ks, "name": definition.name_nb, "name_en": definition.name_en,
                      "unit": definition.unit, "direction": definition.direction.value,
                      "level": definition.level.value, "source": definition.value_source},
        )
        for target_def in definition.targets:
            strategy = _strategy_named(ks, target_def.strategy)
            target = target_def.target
            Target.objects.update_or_create(
                indicator=indicator, strategy=strategy, deadline=target.deadline,
                defaults={"value": target.value, "comparison": target.comparison.value,
                          "goal_text": target_def.goal_text},
            )
            item = _goal_item(strategy, target_def.goal_text) if strategy else None
            if item is None:
                unlinked.append(f"{definition.key}: {target_def.strategy}")
            else:
                indicator.goals.add(item)
    return unlinked


def load_population(ks: Organisation) -> dict | None:
    """SSB 07459 population 1 January 2022 as a member indicator (a denominator); None when the file is absent."""
    path = ssb_population_file()
    if not path.is_file():
        return None
    indicator, _ = Indicator.objects.update_or_create(
        key=POPULATION_KEY,
        defaults={
            "organisation": ks, "name": "Folkemengde 1. januar", "name_en": "Population 1 January",
            "unit": "personer", "direction": "higher_is_better", "level": "member",
            "source": "Statistisk sentralbyrå, tabell 07459 (NLOD 2.0), hentet fra SSBs API 2022-09-14. "
                      "Nevner for «per 1000 innbyggere»; ingen målverdi.",
        },
    )
    checked = values.check(path.read_bytes(), path.name, indicator=indicator, allowed=[indicator])
    result = values.write(checked, skip_rejected=True)
    result["rejected"] = checked.rejected_count
    return result
