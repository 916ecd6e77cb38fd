"""The follow-up pages show status and progress as the services left them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning, SharedPlan, goal_of, make_late_measure, make_measure, make_plan
from tests.web.conftest import OnSharedPublishedStrategy, ks_and_alice, make_people_and_strategy
from veikart.web.planning import services
from veikart.web.planning.models import Measure
from veikart.web.strategies.models import Strategy


def _dashboard(plan):
    return reverse("planning:dashboard", args=[plan.strategy_id, plan.year])


class TestAPlanWithTwoMeasures(SharedPlan, OnSharedPublishedStrategy):
    """KS's published strategy with a plan, a measure and a late one, and the people: made once for the class
    (the import and the measures cost more than a test's page); every test's changes are rolled back after it."""

    @staticmethod
    def build() -> dict[str, int]:
        keys = make_people_and_strategy(publish=True)
        _, alice = ks_and_alice(keys)
        goal = goal_of(Strategy.objects.get(pk=keys["strategy"]))
        plan = make_plan(goal.section.strategy, alice)
        measure, late = make_measure(plan, alice, goal), make_late_measure(plan, alice, goal)
        return {**keys, "plan": plan.pk, "measure": measure.pk, "late_measure": late.pk}

    @pytest.fixture
    def late_measure(self, db, shared):
        return Measure.objects.get(pk=shared["late_measure"])

    def test_the_dashboard_shows_each_goal_with_its_measures_status_and_progress(
        self, client, plan, measure, late_measure
    ):
        page = client.get(_dashboard(plan)).content.decode()
        assert "KS skal bidra til gode arbeidsgivere." in page
        assert "Lederkurs for nye rådmenn" in page
        assert '<span class="status status-in_progress">Pågår</span>' in page
        assert '<progress value="40" max="100"' in page and "40 %" in page

    def test_the_dashboard_counts_measures_by_status(self, client, plan, measure, late_measure):
        page = client.get(_dashboard(plan)).content.decode()
        assert '<span class="status status-planned">Planlagt</span> <strong>1</strong>' in page
        assert '<span class="status status-in_progress">Pågår</span> <strong>1</strong>' in page

    def test_overdue_lists_only_unfinished_measures_past_their_due_date(
        self, client, plan, measure, late_measure, alice
    ):
        services.add_status_update(measure, alice, status="done", progress=100, on=date(2021, 6, 1))
        page = client.get(reverse("planning:overdue", args=[plan.strategy_id, plan.year])).content.decode()
        assert "Veileder for heltidskultur" in page
        assert "Lederkurs for nye rådmenn" not in page

    def test_measures_by_status_puts_each_measure_under_its_status(self, client, plan, measure, late_measure):
        page = client.get(reverse("planning:by_status", args=[plan.strategy_id, plan.year])).content.decode()
        in_progress = page.index('id="status-in_progress"')
        planned = page.index('id="status-planned"')
        assert (
            in_progress < page.index("Veileder for heltidskultur") < planned < page.index("Lederkurs for nye rådmenn")
        )


def test_an_indicator_with_values_but_no_target_has_no_status_rather_than_no_data(client, ks, oslo):
    from django.utils import timezone

    from veikart.web.planning.models import Indicator, Value

    population = Indicator.objects.create(organisation=ks, key="population", name="Folkemengde", unit="personer")
    Value.objects.create(
        indicator=population,
        organisation=oslo,
        period="2022",
        period_end=date(2022, 12, 31),
        value=699827,
        source="SSB 07459",
        imported_at=timezone.now(),
    )
    page = client.get(population.get_absolute_url()).content.decode()
    assert "uten målverdi" in page and "mangler data" not in page
    assert '<th scope="row">2022</th><td>699\xa0827</td>' in page  # the year, and grouped digits


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_a_measure_page_shows_its_history_across_years(self, client, plan, late_measure, alice):
        _, [copy] = services.carry_over(plan, alice)
        page = client.get(copy.get_absolute_url()).content.decode()
        assert "I gang" in page and "videreført fra" in page.lower()

    def test_an_editor_posts_a_status_update(self, client, alice, measure):
        client.force_login(alice)
        response = client.post(
            reverse("planning:status_update", args=[measure.pk]),
            {"date": "2021-04-01", "status": "delayed", "progress": "20", "comment": "Venter"},
        )
        assert response.status_code == 302
        measure.refresh_from_db()
        assert (measure.status, measure.progress) == ("delayed", 20)

    def test_a_bad_status_update_is_shown_with_its_error(self, client, alice, measure):
        client.force_login(alice)
        response = client.post(
            reverse("planning:status_update", args=[measure.pk]),
            {"date": "2021-04-01", "status": "done", "progress": "50"},
        )
        assert response.status_code == 400
        assert "framdrift 100 prosent" in response.content.decode()

    def test_an_editor_creates_a_measure_linked_to_a_goal(self, client, alice, plan, goal):
        client.force_login(alice)
        response = client.post(
            reverse("planning:measure_new", args=[plan.strategy_id, plan.year]),
            {
                "title": "Nettverk for lærlingeansvarlige",
                "items": [goal.pk],
                "role": "development",
                "responsible": "KS Læring",
                "start": "2021-02-01",
                "due": "2021-12-31",
            },
        )
        assert response.status_code == 302
        created = plan.measures.get(title="Nettverk for lærlingeansvarlige")
        assert list(created.items.all()) == [goal]
        assert created.get_role_display() == "Utviklingspartner"

    def test_the_carry_over_button_moves_unfinished_measures_to_next_year(self, client, alice, plan, late_measure):
        client.force_login(alice)
        response = client.post(reverse("planning:carry_over", args=[plan.strategy_id, plan.year]))
        assert response.status_code == 302 and response["Location"].endswith("/handlingsplan/2022/")
        assert client.get(response["Location"]).content.decode().count("Veileder for heltidskultur") == 1

    def test_an_indicator_without_values_says_no_data(self, client, apprentices):
        page = client.get(apprentices.get_absolute_url()).content.decode()
        assert "mangler data" in page and "Ingen data" in page

    def test_the_indicator_page_draws_the_median_against_the_target_with_a_table(self, client, apprentice_values):
        page = client.get(apprentice_values.get_absolute_url()).content.decode()
        assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="target"' in page
        # medians: 2020 (1.2+1.6)/2 = 1.4, 2021 (1.5+2.2)/2 = 1.85
        assert "<td>1,4</td>" in page and "<td>1,85</td>" in page
        assert "i rute" in page or "usikker" in page or "ikke i rute" in page

    def test_the_indicator_page_ranks_members_and_shows_the_chosen_one_beside_the_median(
        self, client, apprentice_values
    ):
        page = client.get(apprentice_values.get_absolute_url() + "?org=oslo").content.decode()
        ranking = page[page.index("Rangering (best først)") :]
        assert ranking.index("Bergen kommune</th>") < ranking.index("Oslo kommune</th>")
        assert "nr. 2 av 2" in page
        assert "Oslo kommune: 1,5 (nr. 2 av 2); medianen er 1,85." in page

    def test_an_editor_changes_the_plans_description_and_the_change_is_logged(self, client, alice, plan):
        client.force_login(alice)
        url = reverse("planning:plan_edit", args=[plan.strategy_id, plan.year])
        assert client.post(url, {"description": "Revidert i juni", "version": plan.version}).status_code == 302
        plan.refresh_from_db()
        assert plan.description == "Revidert i juni"
        log = client.get(reverse("planning:changes", args=[plan.strategy_id])).content.decode()
        assert "Endret beskrivelsen av handlingsplanen for 2021." in log and "«Revidert i juni»" in log

    def test_the_dashboard_needs_no_more_queries_for_more_measures_and_indicators(
        self, client, plan, goal, alice, apprentice_values, ks
    ):
        from veikart.web.planning.models import Indicator

        services.create_measure(plan, alice, items=[goal], title="Ett tiltak")
        few = _queries(client, _dashboard(plan))
        for n in range(10):
            measure = services.create_measure(plan, alice, items=[goal], title=f"Tiltak {n}")
            services.add_status_update(measure, alice, status="in_progress", progress=n * 5)
            Indicator.objects.create(organisation=ks, key=f"i{n}", name=f"Indikator {n}", unit="%").goals.add(goal)
        services.carry_over(plan, alice)
        next_year = plan.strategy.action_plans.get(year=2022)
        assert _queries(client, _dashboard(plan)) == few
        assert _queries(client, _dashboard(next_year)) == few

    def test_the_dashboard_judges_a_lower_is_better_indicator_by_its_trend(self, client, plan, ks, oslo, goal):
        from django.utils import timezone

        from veikart.web.planning.models import Indicator, Target, Value

        sick_leave = Indicator.objects.create(
            organisation=ks, key="sick_leave", name="Sykefravær", unit="%", direction="lower_is_better"
        )
        sick_leave.goals.add(goal)
        Target.objects.create(
            indicator=sick_leave, strategy=plan.strategy, value=9.0, comparison="<=", deadline=date(2023, 12, 31)
        )
        for year, value in ((2019, 10.4), (2020, 10.6), (2021, 10.9)):  # moving away from the target
            Value.objects.create(
                indicator=sick_leave,
                organisation=oslo,
                period=str(year),
                period_end=date(year, 12, 31),
                value=value,
                imported_at=timezone.now(),
            )
        page = client.get(_dashboard(plan)).content.decode()
        assert '<span class="status status-off_track">ikke i rute</span>' in page
        assert "Framdrift mot målet: -36 %" in page  # (10.9 - 10.4) / (9.0 - 10.4)
        Value.objects.create(
            indicator=sick_leave,
            organisation=oslo,
            period="2022",
            period_end=date(2022, 12, 31),
            value=8.8,
            imported_at=timezone.now(),
        )
        page = client.get(_dashboard(plan)).content.decode()
        assert '<span class="status status-achieved">nådd</span>' in page
