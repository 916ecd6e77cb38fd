"""Plans and measures through the services: validation, status history, carry-over, audit."""

from __future__ import annotations

from datetime import date

import pytest

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import services
from veikart.web.planning.models import ActionPlan, MeasureStatus, PlanChange
from veikart.web.strategies import services as strategy_services


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_a_strategy_has_one_plan_per_year(self, plan, published, alice):
        with pytest.raises(services.PlanError, match="allerede"):
            services.create_plan(published, 2021, alice)

    def test_a_plan_outside_the_strategy_period_is_refused(self, published, alice):
        with pytest.raises(services.PlanError, match="utenfor strategiperioden"):
            services.create_plan(published, 2030, alice)

    def test_a_measure_can_only_serve_goals_of_its_own_strategy(self, plan, alice, ks, strategy_json):
        other = services.create_plan(strategy_services.import_strategy_json(ks, strategy_json, alice), 2021, alice)
        foreign = other.strategy.sections.first().children.first().items.first()
        with pytest.raises(services.PlanError, match="samme strategi"):
            services.create_measure(plan, alice, items=[foreign], title="Feil kobling")

    def test_a_measure_takes_the_status_of_its_latest_update(self, measure, alice):
        services.add_status_update(measure, alice, status="in_progress", progress=30, on=date(2021, 3, 1))
        services.add_status_update(measure, alice, status="delayed", progress=35, comment="Mangler midler",
                                   on=date(2021, 5, 1))
        # An entry dated earlier, typed in later, does not overwrite the latest state.
        services.add_status_update(measure, alice, status="planned", progress=0, on=date(2021, 1, 15))
        measure.refresh_from_db()
        assert (measure.status, measure.progress) == ("delayed", 35)
        assert [u.status for u in services.history(measure)] == ["delayed", "in_progress", "planned"]

    def test_done_means_full_progress(self, measure, alice):
        with pytest.raises(services.PlanError, match="100"):
            services.add_status_update(measure, alice, status="done", progress=80)

    def test_progress_beyond_100_is_refused(self, measure, alice):
        with pytest.raises(services.PlanError):
            services.add_status_update(measure, alice, status="in_progress", progress=120)

    def test_carrying_over_copies_unfinished_measures_and_keeps_their_history(self, plan, measure, late_measure, alice):
        services.add_status_update(measure, alice, status="done", progress=100, on=date(2021, 6, 1))
        target, carried = services.carry_over(plan, alice)
        assert target.year == 2022
        assert [m.title for m in carried] == ["Veileder for heltidskultur"]
        copy = carried[0]
        assert copy.carried_from == late_measure
        assert (copy.status, copy.progress) == (MeasureStatus.IN_PROGRESS, 40)
        assert list(copy.items.all()) == list(late_measure.items.all())
        assert [u.comment for u in services.history(copy)] == ["I gang"]

    def test_carrying_over_twice_adds_nothing(self, plan, late_measure, alice):
        services.carry_over(plan, alice)
        _, again = services.carry_over(plan, alice)
        assert again == []
        assert ActionPlan.objects.get(year=2022).measures.count() == 1

    def test_the_last_year_of_the_strategy_cannot_be_carried_further(self, published, alice):
        last = services.create_plan(published, 2023, alice)
        with pytest.raises(services.PlanError, match="slutter 2023"):
            services.carry_over(last, alice)

    def test_every_change_is_recorded_with_who_before_and_after(self, measure, alice):
        services.edit_measure(measure, alice, title="Lederkurs for nye kommunedirektører")
        change = PlanChange.objects.filter(action=PlanChange.Action.EDIT_MEASURE).get()
        assert change.user == alice
        assert change.before["title"] == "Lederkurs for nye rådmenn"
        assert change.after["title"] == "Lederkurs for nye kommunedirektører"
        assert set(PlanChange.objects.values_list("action", flat=True)) == {
            "create_plan", "create_measure", "edit_measure"}
