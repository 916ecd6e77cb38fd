"""The measure form: goals grouped by section with a search box, status on creation, a responsible unit or person."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.orgs.models import Unit
from veikart.web.planning import services
from veikart.web.planning.models import MeasureStatus, PlanChange


@pytest.fixture
def unit(ks):
    return Unit.objects.create(organisation=ks, name="Avdeling for arbeidsgiverpolitikk")


def _new_url(plan):
    return reverse("planning:measure_new", args=[plan.strategy_id, plan.year])


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_the_goal_picker_groups_goals_by_section_and_loads_its_script_from_static(self, client, alice, plan, goal):
        client.force_login(alice)
        page = client.get(_new_url(plan)).content.decode()
        assert 'class="goal-picker"' in page and page.count('class="goal-group"') >= 2
        section = goal.section
        legend = f"<legend>{section.number} {section.title}</legend>".replace("  ", " ")
        assert legend in page
        assert 'src="/static/planning/goal_picker.js"' in page
        assert "<script>" not in page  # CSP: no inline script
        # Without JavaScript the search box stays hidden and every goal is a plain checkbox.
        assert '<div class="goal-picker-search" hidden>' in page and f'value="{goal.pk}"' in page

    def test_a_measure_is_created_with_a_status_and_a_responsible_unit(self, client, alice, plan, goal, unit):
        client.force_login(alice)
        response = client.post(_new_url(plan), {
            "title": "Kurs i heltidskultur", "items": [goal.pk], "status": "in_progress",
            "responsible_unit": unit.pk, "due": "2021-12-31",
        })
        assert response.status_code == 302
        created = plan.measures.get(title="Kurs i heltidskultur")
        assert (created.status, created.responsible_unit, created.responsible_label) == (
            MeasureStatus.IN_PROGRESS, unit, unit.name)
        assert created.updates.get().status == MeasureStatus.IN_PROGRESS  # the first entry of its history
        change = PlanChange.objects.get(action=PlanChange.Action.CREATE_MEASURE, object_id=created.pk)
        assert change.after["status"] == "in_progress" and change.after["responsible_unit"] == unit.pk
        assert unit.name in client.get(created.get_absolute_url()).content.decode()

    def test_a_measure_without_a_status_is_planned(self, client, alice, plan):
        client.force_login(alice)
        client.post(_new_url(plan), {"title": "Uten status"})
        measure = plan.measures.get(title="Uten status")
        assert measure.status == MeasureStatus.PLANNED and not measure.updates.exists()

    def test_a_responsible_person_is_a_member_and_not_both_unit_and_person(
        self, client, alice, bob, charlie, plan, unit
    ):
        client.force_login(alice)
        both = client.post(_new_url(plan), {"title": "Begge", "responsible_unit": unit.pk, "responsible_user": bob.pk})
        assert both.status_code == 200 and not plan.measures.filter(title="Begge").exists()
        outsider = client.post(_new_url(plan), {"title": "Utenfra", "responsible_user": charlie.pk})
        assert outsider.status_code == 200 and not plan.measures.filter(title="Utenfra").exists()
        client.post(_new_url(plan), {"title": "Bobs tiltak", "responsible_user": bob.pk})
        assert plan.measures.get(title="Bobs tiltak").responsible_label == "bob"

    def test_the_service_refuses_a_unit_of_another_organisation(self, plan, alice, oslo):
        other = Unit.objects.create(organisation=oslo, name="Bydel Frogner")
        with pytest.raises(services.PlanError):
            services.create_measure(plan, alice, title="Feil enhet", responsible_unit=other)

    def test_a_done_measure_created_as_done_has_full_progress(self, plan, alice):
        measure = services.create_measure(plan, alice, title="Allerede gjort", status="done", on=date(2021, 3, 1))
        assert (measure.status, measure.progress, measure.updates.get().date) == ("done", 100, date(2021, 3, 1))
