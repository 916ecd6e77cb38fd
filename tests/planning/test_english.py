"""The planning pages in English once a visitor picks English; every planning string has a translation."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

import veikart.web.planning
from tests.catalogues import english_catalogue
from tests.planning.conftest import OnSharedPlanning


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_every_planning_string_has_an_english_translation_in_the_compiled_catalogue():
    catalogue = english_catalogue(Path(veikart.web.planning.__file__).parent)
    assert catalogue.gettext("Tiltak etter status") == "Measures by status"


def test_status_words_of_jobs_and_measures_each_have_their_own_english():
    from django.utils import translation

    from veikart.web.planning.models import MeasureStatus
    from veikart.web.semantic.models import EmbeddingJob
    from veikart.web.strategies.models import ImportJob

    with translation.override("en"):
        assert str(MeasureStatus.IN_PROGRESS.label) == "In progress"
        assert str(ImportJob.Status.RUNNING.label) == "Running"
        assert str(EmbeddingJob.Status.RUNNING.label) == "Running"
    with translation.override("nn"):
        assert str(MeasureStatus.IN_PROGRESS.label) == "Pågår"
        assert str(EmbeddingJob.Status.RUNNING.label) == str(ImportJob.Status.RUNNING.label) == "Pågår"


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_the_dashboard_turns_english_when_english_is_chosen(self, client, plan, measure, late_measure):
        url = reverse("planning:dashboard", args=[plan.strategy_id, plan.year])
        before = client.get(url).content.decode()
        assert "Mål, tiltak og indikatorer" in before and "Pågår" in before
        _english(client)
        page = client.get(url).content.decode()
        assert "Goals, measures and indicators" in page and "Status of goals and measures" in page
        assert "not assessed" in page
        assert "Mål, tiltak og indikatorer" not in page

    def test_the_indicator_page_names_its_status_and_chart_in_english(self, client, apprentices):
        _english(client)
        page = client.get(reverse("planning:indicator", args=[apprentices.key])).content.decode()
        assert "no data" in page and "over time" in page
        assert "mangler data" not in page and "over tid" not in page

    def test_a_measure_in_progress_is_in_progress_in_english_not_running(self, client, plan, measure, late_measure):
        _english(client)
        page = client.get(reverse("planning:dashboard", args=[plan.strategy_id, plan.year])).content.decode()
        assert '<span class="status status-in_progress">In progress</span>' in page
        assert "Running" not in page
