"""Issue 12's pages in a browser: no WCAG 2.1 AA violations (axe), and nothing wider than a 320 px screen."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import REFLOW, _extracted_sample, _sideways_overflow
from veikart.web.orgs.models import Unit
from veikart.web.planning import reporting
from veikart.web.planning import services as plans
from veikart.web.planning.indicator_edit import TargetSpec, create_indicator
from veikart.web.strategies import services
from veikart.web.strategies.models import Item

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(ks, alice):
    data, (parsed, pages) = _extracted_sample()
    strategy = services.import_strategy(ks, copy.deepcopy(parsed), alice, pages=pages)
    strategy = services.publish(strategy, alice)
    goals = list(Item.objects.filter(section__strategy=strategy, kind=Item.Kind.GOAL)[:3])
    plan = plans.create_plan(strategy, 2021, alice, "Eksempelplan (illustrasjon)")
    unit = Unit.objects.create(organisation=ks, name="Arbeidsgiverpolitikk (eksempel)")
    for n, status in enumerate(["in_progress", "delayed", "done", "planned"]):
        plans.create_measure(plan, alice, items=[goals[n % len(goals)]], title=f"Tiltak {n + 1} med en lang tittel",
                             status=status, responsible_unit=unit, due=date(2021, 6, 30))
    create_indicator(ks, alice, goals=goals[:1], targets=[TargetSpec(goals[0], ">=", 2.0, 2023)], name="Lærlinger",
                     unit="per 1000 innbyggere", direction="higher_is_better", level="member", source="SSB",
                     baseline=1.5, baseline_year=2019)
    reporting.save_assessments(plan, 1, alice, goals={goals[0].pk: ("at_risk", "Går tregt.")}, measures={})
    return plan


def _urls(plan) -> dict[str, str]:
    args = [plan.strategy_id, plan.year]
    return {
        "plan dashboard": reverse("planning:dashboard", args=args),
        "new measure with the goal picker": reverse("planning:measure_new", args=args),
        "new indicator": reverse("planning:indicator_new"),
        "reporting period": reverse("planning:period", args=[*args, 1]),
        "reporting history": reverse("planning:periods", args=args),
        "plan change log": reverse("planning:changes", args=[plan.strategy_id]),
    }


@pytest.mark.parametrize("name", ["plan dashboard", "new measure with the goal picker", "new indicator",
                                  "reporting period", "reporting history", "plan change log"])
def test_planning_page_has_no_violations_and_reflows(name, context, page, live_server, plan, alice):
    sign_in(context, alice, live_server)
    response = page.goto(_urls(plan)[name])
    assert response is not None and response.status == 200, name
    expect(page.locator("h1").first).to_be_visible()
    assert_accessible(page, name)
    page.set_viewport_size(REFLOW)
    overflow, wide = _sideways_overflow(page)
    assert overflow <= 0, f"{name} is {overflow}px wider than a {REFLOW['width']}px screen; too wide: {wide}"


def test_the_goal_search_filters_the_picker_from_the_keyboard(context, page, live_server, plan, alice):
    sign_in(context, alice, live_server)
    page.goto(_urls(plan)["new measure with the goal picker"])
    search = page.get_by_label("Søk blant målene")
    expect(search).to_be_visible()  # goal_picker.js shows it
    total = page.locator(".goal-group li").count()
    search.fill("tillit")
    visible = page.locator(".goal-group li:visible").count()
    assert 0 < visible < total
