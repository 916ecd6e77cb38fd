"""Editors define indicators in the app: name, unit, direction, baseline, targets per goal, source, level, goals."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning.models import Indicator, PlanChange


def _post_data(goal, **extra):
    data = {
        "org": "ks", "name": "Lærlinger i kommunene", "name_en": "Apprentices", "unit": "per 1000 innbyggere",
        "direction": "higher_is_better", "level": "member", "source": "SSB tabell 12345",
        "baseline": "1,5", "baseline_year": "2019", "goals": [goal.pk],
        "targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "0", "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "20",
        "targets-0-goal": goal.pk, "targets-0-comparison": ">=", "targets-0-value": "2,0", "targets-0-year": "2023",
    }
    data.update(extra)
    return data


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_an_editor_creates_an_indicator_with_baseline_and_a_target_for_a_goal(self, client, alice, goal):
        client.force_login(alice)
        response = client.post(reverse("planning:indicator_new"), _post_data(goal))
        assert response.status_code == 302, response.content.decode()[:2000]
        indicator = Indicator.objects.get(name="Lærlinger i kommunene")
        assert (indicator.baseline, indicator.baseline_year, indicator.organisation.slug) == (1.5, 2019, "ks")
        target = indicator.targets.get()
        assert (target.goal, target.value, target.comparison, target.deadline) == (goal, 2.0, ">=", date(2023, 12, 31))
        assert target.strategy_id == goal.section.strategy_id
        assert list(indicator.goals.all()) == [goal]
        assert PlanChange.objects.get(action=PlanChange.Action.CREATE_INDICATOR).after["targets"][0]["value"] == 2.0
        page = client.get(response["Location"]).content.decode()
        assert "Utgangspunkt: 1,5" in page and f"?indikator={indicator.key}" in page

    def test_the_indicator_baseline_is_what_the_status_measures_from(self, client, alice, goal, apprentice_values):
        """Values 2020: median 1.4, 2021: 1.85; with the baseline 1.0 in 2019, progress is (1.85-1)/(2-1) = 85 %."""
        client.force_login(alice)
        apprentice_values.baseline, apprentice_values.baseline_year = 1.0, 2019
        apprentice_values.save()
        page = client.get(apprentice_values.get_absolute_url()).content.decode()
        assert "Framdrift mot målet: 85 %" in page

    def test_editing_changes_the_indicator_and_a_stale_form_is_refused(self, client, alice, goal, apprentices):
        client.force_login(alice)
        url = reverse("planning:indicator_edit", args=[apprentices.key])
        assert client.get(url).status_code == 200
        data = _post_data(goal, name="Lærlinger (endret)", version=apprentices.version)
        data.pop("org")
        assert client.post(url, data).status_code == 302
        apprentices.refresh_from_db()
        assert apprentices.name == "Lærlinger (endret)" and apprentices.version == 2
        assert PlanChange.objects.get(action=PlanChange.Action.EDIT_INDICATOR).before["name"] == (
            "Lærlinger per 1000 innbyggere")
        stale = client.post(url, {**data, "name": "Gammel", "version": 1})
        assert stale.status_code == 409
        apprentices.refresh_from_db()
        assert apprentices.name == "Lærlinger (endret)"

    def test_a_target_contradicting_the_direction_is_refused(self, client, alice, goal):
        client.force_login(alice)
        response = client.post(reverse("planning:indicator_new"), _post_data(goal, direction="lower_is_better"))
        assert response.status_code == 200 and not Indicator.objects.filter(name="Lærlinger i kommunene").exists()

    def test_readers_and_other_organisations_cannot_create_or_edit(self, client, bob, charlie, goal, apprentices):
        client.force_login(bob)
        assert client.get(reverse("planning:indicator_new")).status_code == 403
        assert client.get(reverse("planning:indicator_edit", args=[apprentices.key])).status_code == 403
        client.force_login(charlie)
        assert client.post(reverse("planning:indicator_edit", args=[apprentices.key]), {}).status_code == 403
        client.logout()
        assert client.get(reverse("planning:indicator_new")).status_code == 302  # to the login page
