"""Each goal's rolled-up status on the dashboard and in the report; a past year's report sees no later values."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import report
from veikart.web.planning.models import Value


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_the_dashboard_shows_each_goal_with_its_status_in_words(self, client, plan, measure, late_measure):
        page = client.get(reverse("planning:dashboard", args=[plan.strategy_id, plan.year])).content.decode()
        # Two measures on the goal, both past their 2021 due dates and unfinished: more than half late.
        assert ('KS skal bidra til gode arbeidsgivere. <span class="goal-status">'
                '<span class="status status-off_track">ikke i rute</span>') in page
        assert "2 tiltak, 2 forsinket; 0 indikatorer" in page
        assert "ikke vurdert" in page  # goals without measures or indicators

    def test_a_past_years_report_leaves_out_later_values(self, plan, apprentice_values, oslo):
        Value.objects.create(indicator=apprentice_values, organisation=oslo, period="2022",
                             period_end=date(2022, 12, 31), value=9.0, imported_at=timezone.now())
        context = report.report_context(plan)  # the 2021 plan
        summary = next(s for s in context["indicators"] if s.indicator == apprentice_values)
        assert max(d for d, _ in summary.series) == date(2021, 12, 31)
        assert "9" not in [f"{v:g}" for _, v in summary.series]
