"""The dashboard: measures per focus area as a chart with the same numbers as a table, filters by unit and status."""

from __future__ import annotations

from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.orgs.models import Unit
from veikart.web.planning import services


def _url(plan):
    return reverse("planning:dashboard", args=[plan.strategy_id, plan.year])


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_the_chart_has_a_table_of_the_same_counts_linking_to_each_focus_area(
        self, client, plan, measure, late_measure, goal
    ):
        page = client.get(_url(plan)).content.decode()
        assert 'aria-labelledby="sections-t sections-d"' in page
        section = goal.section
        # Pågår 1 (late_measure), Planlagt 1 (measure): in STATUS_ORDER delayed, in progress, planned, done, cancelled.
        counts = "<td>0</td><td>1</td><td>1</td><td>0</td><td>0</td><td>2</td>"
        assert f'<a href="#sec-{section.pk}">' in page and counts in page

    def test_filters_by_unit_and_status_show_only_those_measures_and_keep_the_plan_counts(
        self, client, alice, ks, plan, measure, late_measure
    ):
        unit = Unit.objects.create(organisation=ks, name="KS Læring")
        services.edit_measure(measure, alice, responsible_unit=unit)
        page = client.get(_url(plan) + f"?enhet={unit.pk}").content.decode()
        assert "Viser 1 av 2 tiltak." in page
        assert "Lederkurs for nye rådmenn" in page and "Veileder for heltidskultur</a>" not in page
        page = client.get(_url(plan) + "?status=in_progress").content.decode()
        assert "Viser 1 av 2 tiltak." in page and "Veileder for heltidskultur</a>" in page
        # Nonsense in the filters is ignored rather than an error.
        assert client.get(_url(plan) + "?status=x&enhet=y").status_code == 200

    def test_the_page_declares_a_phone_layout(self, client, plan):
        css = client.get("/static/planning/planning.css")
        body = b"".join(css.streaming_content) if css.streaming else css.content
        assert b"@media (max-width: 40em)" in body
