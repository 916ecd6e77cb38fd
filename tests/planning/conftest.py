"""Plans, measures and indicators on top of the web tests' people and strategies.

alice edits KS, bob reads KS, charlie edits Oslo, dave is KS's admin (tests/web/conftest.py).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import pytest
from django.utils import timezone

from tests.web.conftest import *  # noqa: F403  (the web tests' fixtures: people, strategies, settings)
from tests.web.conftest import (
    OnSharedPublishedStrategy,
    _web_settings,  # noqa: F401  (autouse; a star import skips underscore names)
    ks_and_alice,
    make_people_and_strategy,
)
from veikart.web.orgs.models import Organisation
from veikart.web.planning import services
from veikart.web.planning.models import ActionPlan, Indicator, Measure, MeasureStatus, Target, Value
from veikart.web.strategies.models import Item, Strategy


@pytest.fixture(autouse=True)
def _bokmal_after_each_test():
    """A test that chose English through the client leaves it active in this thread; the next test starts in bokmål."""
    yield
    from django.utils import translation

    translation.activate("nb")


def goal_of(strategy) -> Item:
    return Item.objects.get(section__strategy=strategy, text="KS skal bidra til gode arbeidsgivere.")


def make_plan(published, alice):
    return services.create_plan(published, 2021, alice, "Eksempelplan")


def make_measure(plan, alice, goal):
    return services.create_measure(
        plan,
        alice,
        items=[goal],
        title="Lederkurs for nye rådmenn",
        responsible="Avdeling for arbeidsgiverpolitikk",
        role="employer",
        start=date(2021, 1, 1),
        due=date(2021, 6, 30),
    )


def make_late_measure(plan, alice, goal):
    """Due in March 2021 and still in progress: overdue."""
    measure = services.create_measure(
        plan, alice, items=[goal], title="Veileder for heltidskultur", due=date(2021, 3, 31)
    )
    services.add_status_update(
        measure, alice, status=MeasureStatus.IN_PROGRESS, progress=40, comment="I gang", on=date(2021, 2, 1)
    )
    return measure


class SharedPlan:
    """``plan`` and ``measure`` fetched for each test from the keys a shared class's ``build()`` returned."""

    @pytest.fixture
    def plan(self, db, shared):
        return ActionPlan.objects.get(pk=shared["plan"])

    @pytest.fixture
    def measure(self, db, shared):
        return Measure.objects.get(pk=shared["measure"])


@pytest.fixture
def goal(published):
    return goal_of(published)


@pytest.fixture
def plan(published, alice):
    return make_plan(published, alice)


@pytest.fixture
def measure(plan, alice, goal):
    return make_measure(plan, alice, goal)


@pytest.fixture
def late_measure(plan, alice, goal):
    """Due in March 2021 and still in progress: overdue."""
    return make_late_measure(plan, alice, goal)


@pytest.fixture
def apprentices(ks, goal, published):
    return make_apprentices(ks, goal, published)


def make_apprentices(ks, goal, published) -> Indicator:
    """KS's member indicator "Lærlinger per 1000 innbyggere", tied to ``goal``, with a target for 2023."""
    indicator = Indicator.objects.create(
        organisation=ks,
        key="apprentices_per_1000",
        name="Lærlinger per 1000 innbyggere",
        unit="lærlinger per 1000 innbyggere",
        direction="higher_is_better",
        level="member",
        source="Testdata laget for testene",
    )
    indicator.goals.add(goal)
    Target.objects.create(
        indicator=indicator, strategy=published, value=2.0, comparison=">=", deadline=date(2023, 12, 31)
    )
    return indicator


@pytest.fixture
def other_indicator(oslo):
    return Indicator.objects.create(organisation=oslo, key="oslo-only", name="Oslos egen indikator", unit="antall")


@pytest.fixture
def apprentice_values(apprentices, ks, oslo, charlie):
    return make_apprentice_values(apprentices, oslo)


def make_apprentice_values(apprentices, oslo) -> Indicator:
    """Values of ``apprentices`` for Oslo and a new Bergen, 2020 and 2021 (medians 1.4 and 1.85)."""
    bergen = Organisation.objects.create(slug="bergen", name="Bergen kommune", kind="kommune", number="4601")
    now = timezone.now()
    rows = [(oslo, 2020, 1.2), (oslo, 2021, 1.5), (bergen, 2020, 1.6), (bergen, 2021, 2.2)]
    Value.objects.bulk_create(
        Value(
            indicator=apprentices,
            organisation=org,
            period=str(year),
            period_end=date(year, 12, 31),
            value=v,
            source="test",
            imported_at=now,
        )
        for org, year, v in rows
    )
    return apprentices


PLANNING_ROWS = ("plan", "measure", "late_measure", "apprentices", "apprentice_values")


def _shared_or_made(shared: dict, name: str, model, make):
    """The class's shared row ``name`` fetched again, or made for this test when the class does not share it."""
    return model.objects.get(pk=shared[name]) if name in shared else make()


class OnSharedPlanning(OnSharedPublishedStrategy):
    """KS's published strategy, the people, and the planning rows a class names in ``SHARED`` (some of
    ``PLANNING_ROWS``), made once for the class in that order (the import and publishing cost more than most
    tests' requests); every test's changes are rolled back after it.

    A row the class does not name is made for each test that asks for it, as the module's fixtures make it, on
    top of the shared ones: a test sees the same rows as with the plain fixtures.
    """

    SHARED: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def build(cls) -> dict[str, int]:
        unknown = set(cls.SHARED) - set(PLANNING_ROWS)
        assert not unknown, f"not planning rows: {unknown}"
        keys = make_people_and_strategy(publish=True)
        ks, alice = ks_and_alice(keys)
        oslo = Organisation.objects.get(pk=keys["oslo"])
        published = Strategy.objects.get(pk=keys["strategy"])
        goal = goal_of(published)
        made: dict[str, ActionPlan | Measure | Indicator] = {}
        makers = {
            "plan": lambda: make_plan(published, alice),
            "measure": lambda: make_measure(made["plan"], alice, goal),
            "late_measure": lambda: make_late_measure(made["plan"], alice, goal),
            "apprentices": lambda: make_apprentices(ks, goal, published),
            "apprentice_values": lambda: make_apprentice_values(made["apprentices"], oslo),
        }
        for name in cls.SHARED:  # a row's parents come first in SHARED (a KeyError otherwise)
            made[name] = makers[name]()
        return {**keys, **{name: row.pk for name, row in made.items()}}

    @pytest.fixture
    def plan(self, db, shared, published, alice):
        return _shared_or_made(shared, "plan", ActionPlan, lambda: make_plan(published, alice))

    @pytest.fixture
    def measure(self, db, shared, plan, alice, goal):
        return _shared_or_made(shared, "measure", Measure, lambda: make_measure(plan, alice, goal))

    @pytest.fixture
    def late_measure(self, db, shared, plan, alice, goal):
        return _shared_or_made(shared, "late_measure", Measure, lambda: make_late_measure(plan, alice, goal))

    @pytest.fixture
    def apprentices(self, db, shared, ks, goal, published):
        return _shared_or_made(shared, "apprentices", Indicator, lambda: make_apprentices(ks, goal, published))

    @pytest.fixture
    def apprentice_values(self, db, shared, apprentices, oslo):
        return _shared_or_made(shared, "apprentice_values", Indicator,
                               lambda: make_apprentice_values(apprentices, oslo))
