"""Reporting periods: assessments per goal and measure, draft → submitted → approved by the plan's owner, logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import reporting
from veikart.web.planning.models import Assessment, PlanChange, ReportingPeriod
from veikart.web.planning.services import PlanError


def _url(plan, number=1):
    return reverse("planning:period", args=[plan.strategy_id, plan.year, number])


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_the_periods_are_tertials_when_the_plan_says_so(self, client, alice, plan):
        client.force_login(alice)
        index = reverse("planning:periods", args=[plan.strategy_id, plan.year])
        assert "Året 2021" in client.get(index).content.decode()
        client.post(index, {"reporting": "tertial"})
        page = client.get(index).content.decode()
        assert "1. tertial 2021" in page and "3. tertial 2021" in page
        assert client.get(_url(plan, 3)).status_code == 200 and client.get(_url(plan, 4)).status_code == 404

    def test_assess_submit_approve_and_the_history_shows_it(self, client, alice, dave, plan, measure, goal):
        client.force_login(alice)
        page = client.get(_url(plan)).content.decode()
        assert "Etter regelen:" in page and f'name="goal-{goal.pk}-status"' in page
        response = client.post(_url(plan), {
            "action": "save", f"goal-{goal.pk}-status": "at_risk", f"goal-{goal.pk}-text": "Rekrutteringen går tregt.",
            f"measure-{measure.pk}-status": "in_progress", f"measure-{measure.pk}-text": "Første kull i gang.",
        })
        assert response.status_code == 302
        assert Assessment.objects.get(item=goal).text == "Rekrutteringen går tregt."
        assert Assessment.objects.get(measure=measure).status == "in_progress"
        client.post(_url(plan), {"action": "submit"})
        period = ReportingPeriod.objects.get(plan=plan)
        assert period.state == "submitted" and period.submitted_by == alice
        # The editor cannot approve; nor can assessments change once submitted.
        client.post(_url(plan), {"action": "approve"})
        assert ReportingPeriod.objects.get(pk=period.pk).state == "submitted"
        client.post(_url(plan), {"action": "save", f"goal-{goal.pk}-status": "on_track"})
        assert Assessment.objects.get(item=goal).status == "at_risk"
        client.force_login(dave)  # KS's administrator: the plan's owner
        client.post(_url(plan), {"action": "approve"})
        period.refresh_from_db()
        assert period.state == "approved" and period.approved_by == dave
        actions = list(PlanChange.objects.filter(strategy=plan.strategy).values_list("action", flat=True))
        assert {"assess", "submit_period", "approve_period"} <= set(actions)
        history = client.get(reverse("planning:periods", args=[plan.strategy_id, plan.year])).content.decode()
        assert '<span class="status status-at_risk">usikker</span>' in history
        log = client.get(reverse("planning:changes", args=[plan.strategy_id])).content.decode()
        assert "Godkjente rapporteringen" in log

    def test_readers_and_strangers_cannot_write(self, client, bob, charlie, plan, goal):
        client.force_login(bob)
        assert client.get(_url(plan)).status_code == 200
        assert client.post(_url(plan), {"action": "save", f"goal-{goal.pk}-status": "on_track"}).status_code == 403
        client.force_login(charlie)
        assert client.post(_url(plan), {"action": "submit"}).status_code == 403
        assert not Assessment.objects.exists() and not ReportingPeriod.objects.exists()

    def test_the_owner_reopens_and_only_the_owner(self, plan, alice, dave):
        reporting.submit(plan, 1, alice)
        with pytest.raises(PlanError):
            reporting.reopen(plan, 1, alice)
        assert reporting.reopen(plan, 1, dave).state == "draft"
        with pytest.raises(PlanError):
            reporting.set_reporting(plan, alice, "tertial")  # a period has started
