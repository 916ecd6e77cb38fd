"""Every new page against anonymous, viewer (bob), editor of another organisation (charlie),
editor (alice) and admin (dave). 302 = sent to the login page (or on after a change)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.planning.conftest import SharedPlan, goal_of, make_apprentices, make_measure, make_plan
from tests.web.conftest import OnSharedDraft, OnSharedRows, ks_and_alice, make_people_and_strategy
from veikart.web.planning import services, values
from veikart.web.planning.models import Indicator
from veikart.web.strategies.models import Strategy

PEOPLE = ["anonymous", "bob", "charlie", "alice", "dave"]
EVERYONE = dict.fromkeys(PEOPLE, 200)
MEMBERS_ONLY = {"anonymous": 404, "bob": 200, "charlie": 404, "alice": 200, "dave": 200}


def _login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


def _read_urls(plan, measure):
    s, y = plan.strategy_id, plan.year
    return {
        "plans": reverse("planning:plans", args=[s]),
        "dashboard": reverse("planning:dashboard", args=[s, y]),
        "by_status": reverse("planning:by_status", args=[s, y]),
        "overdue": reverse("planning:overdue", args=[s, y]),
        "measure": reverse("planning:measure", args=[measure.pk]),
        "report": reverse("planning:report", args=[s, y]),
        "export_csv": reverse("planning:plan_export", args=[s, y, "csv"]),
        "export_xlsx": reverse("planning:plan_export", args=[s, y, "xlsx"]),
        "export_json": reverse("planning:plan_export", args=[s, y, "json"]),
    }


READ_PAGES = [
    "plans",
    "dashboard",
    "by_status",
    "overdue",
    "measure",
    "report",
    "export_csv",
    "export_xlsx",
    "export_json",
]


def _statuses(client, urls: dict[str, str]) -> dict[str, int]:
    """Each page's status code. One test per person asks for every page: the strategy, plan and people are
    made once per person, not once per page (each import costs more than all the requests)."""
    return {page: client.get(url).status_code for page, url in urls.items()}


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people, made once for the class (the import costs more than all of a test's requests);
    each test's plan and changes are rolled back after it."""

    @pytest.mark.parametrize("who", PEOPLE)
    def test_plans_of_a_draft_are_for_the_organisations_members(self, client, people, draft, alice, who):
        plan = services.create_plan(draft, 2021, alice)
        measure = services.create_measure(plan, alice, title="Utkasttiltak")
        _login(client, people, who)
        assert _statuses(client, _read_urls(plan, measure)) == dict.fromkeys(READ_PAGES, MEMBERS_ONLY[who])

    def test_the_pdf_report_follows_the_same_rule(self, client, people, draft, alice):
        plan = services.create_plan(draft, 2021, alice)
        url = reverse("planning:report_pdf", args=[plan.strategy_id, plan.year])
        assert client.get(url).status_code == 404
        client.force_login(people["bob"])
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


EDIT_FORMS = {"anonymous": 302, "bob": 403, "charlie": 403, "alice": 200, "dave": 200}
CHANGES = {"anonymous": 302, "bob": 403, "charlie": 403, "alice": 302, "dave": 302}


class TestOnAPublishedStrategy(SharedPlan, OnSharedRows):
    """KS's published strategy with a plan, a measure and an indicator, and the people: made once for the class
    (each import costs more than all of a test's requests), every test's changes rolled back after it."""

    @staticmethod
    def build() -> dict[str, int]:
        keys = make_people_and_strategy(publish=True)
        ks, alice = ks_and_alice(keys)
        published = Strategy.objects.get(pk=keys["strategy"])
        goal = goal_of(published)
        plan = make_plan(published, alice)
        measure = make_measure(plan, alice, goal)
        apprentices = make_apprentices(ks, goal, published)
        return {
            **keys,
            "published": published.pk,
            "plan": plan.pk,
            "measure": measure.pk,
            "apprentices": apprentices.pk,
        }

    @pytest.fixture
    def published(self, db, shared):
        return Strategy.objects.get(pk=shared["published"])

    @pytest.fixture
    def apprentices(self, db, shared):
        return Indicator.objects.get(pk=shared["apprentices"])

    @pytest.mark.parametrize("who", PEOPLE)
    def test_plans_of_a_published_strategy_are_public(self, client, people, plan, measure, who):
        _login(client, people, who)
        assert _statuses(client, _read_urls(plan, measure)) == dict.fromkeys(READ_PAGES, EVERYONE[who])

    @pytest.mark.parametrize("who", PEOPLE)
    @pytest.mark.parametrize("page", ["measure_new", "measure_edit", "plan_edit"])
    def test_only_editors_and_admins_open_the_edit_forms(self, client, people, plan, measure, page, who):
        url = {
            "measure_new": reverse("planning:measure_new", args=[plan.strategy_id, plan.year]),
            "measure_edit": reverse("planning:measure_edit", args=[measure.pk]),
            "plan_edit": reverse("planning:plan_edit", args=[plan.strategy_id, plan.year]),
        }[page]
        _login(client, people, who)
        assert client.get(url).status_code == EDIT_FORMS[who]

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_post_status_updates(self, client, people, measure, who):
        _login(client, people, who)
        response = client.post(
            reverse("planning:status_update", args=[measure.pk]),
            {"date": "2021-05-01", "status": "in_progress", "progress": "10"},
        )
        assert response.status_code == CHANGES[who]
        measure.refresh_from_db()
        assert (measure.status == "in_progress") == (CHANGES[who] == 302 and who != "anonymous")

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_create_plans(self, client, people, published, who):
        _login(client, people, who)
        response = client.post(reverse("planning:plans", args=[published.pk]), {"year": "2022"})
        assert response.status_code == CHANGES[who]
        assert published.action_plans.filter(year=2022).exists() == (who in ("alice", "dave"))

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_carry_measures_over(self, client, people, plan, measure, who):
        _login(client, people, who)
        response = client.post(reverse("planning:carry_over", args=[plan.strategy_id, plan.year]))
        assert response.status_code == CHANGES[who]

    @pytest.mark.parametrize("who", PEOPLE)
    def test_the_plan_change_log_is_for_members(self, client, people, plan, who):
        _login(client, people, who)
        expected = {"anonymous": 302, "bob": 200, "charlie": 403, "alice": 200, "dave": 200}
        assert client.get(reverse("planning:changes", args=[plan.strategy_id])).status_code == expected[who]

    @pytest.mark.parametrize("who", PEOPLE)
    def test_indicator_pages_are_public(self, client, people, apprentices, who):
        urls = {
            "indicators": reverse("planning:indicators"),
            "indicator": apprentices.get_absolute_url(),
            **{
                fmt: reverse("planning:indicator_export", args=[apprentices.key, fmt])
                for fmt in ("csv", "xlsx", "json")
            },
        }
        _login(client, people, who)
        assert _statuses(client, urls) == dict.fromkeys(urls, 200)

    @pytest.mark.parametrize("who", PEOPLE)
    def test_the_upload_page_is_for_editors_of_some_organisation(self, client, people, apprentices, who):
        _login(client, people, who)
        expected = {"anonymous": 302, "bob": 403, "charlie": 200, "alice": 200, "dave": 200}
        assert client.get(reverse("planning:value_upload")).status_code == expected[who]

    @pytest.mark.parametrize("who", PEOPLE)
    def test_an_import_is_seen_and_applied_only_by_editors_of_its_organisation(
        self, client, people, apprentices, ks, who
    ):
        upload = SimpleUploadedFile("v.csv", b"knr;aar;verdi\n0301;2021;1,5\n")
        job = values.queue_check(ks, people["alice"], upload, apprentices)  # checked at once by the test backend
        _login(client, people, who)
        expected = {"anonymous": 302, "bob": 404, "charlie": 404, "alice": 200, "dave": 200}
        url = reverse("planning:value_import", args=[job.pk])
        assert client.get(url).status_code == expected[who]
        response = client.post(url)
        assert response.status_code == (302 if who in ("anonymous", "alice", "dave") else 404)
        assert apprentices.values.exists() == (who in ("alice", "dave"))

    def test_charlie_cannot_upload_into_an_indicator_of_ks(self, client, charlie, apprentices, oslo):
        client.force_login(charlie)
        upload = SimpleUploadedFile("v.csv", b"knr;aar;verdi\n0301;2021;1,5\n")
        response = client.post(
            reverse("planning:value_upload"), {"organisation": oslo.pk, "indicator": apprentices.pk, "file": upload}
        )
        assert response.status_code == 200  # the form again, with the error
        assert "Velg et gyldig valg" in response.content.decode() or "valid choice" in response.content.decode()
        assert not apprentices.values.exists()
