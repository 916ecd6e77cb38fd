"""Reporting periods through the API: read without a token; assessments, submit, approve and send back with one;
errors that name the field; and the Strategy JSON with stable ids."""

from __future__ import annotations

from django.urls import reverse

from tests.api.conftest import bearer
from tests.planning.conftest import OnSharedPlanning
from veikart.web.orgs.models import Membership
from veikart.web.planning.models import Assessment, ReportingPeriod
from veikart.web.strategies.models import Item


def _base(plan) -> str:
    return f"/api/strategies/{plan.strategy_id}/plans/{plan.year}/periods"


def _assess(api, plan, secret, body, number=1):
    return api.post(f"{_base(plan)}/{number}/assessments", body, content_type="application/json", **bearer(secret))


def _move(api, plan, secret, action, number=1):
    return api.post(f"{_base(plan)}/{number}/{action}", {}, content_type="application/json", **bearer(secret))


def test_a_drafts_periods_are_not_public(api, draft, alice):
    from veikart.web.planning import services

    plan = services.create_plan(draft, 2021, alice)
    assert api.get(_base(plan)).status_code == 404


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_an_editor_writes_assessments_and_submits_and_the_admin_approves(
        self, api, plan, measure, goal, alice, dave, ks, token_for
    ):
        editor = token_for(alice, ks)
        body = {"goals": [{"id": goal.pk, "status": "at_risk", "text": "Rekrutteringen går tregt."}],
                "measures": [{"id": measure.pk, "status": "in_progress", "text": "Første kull i gang."}]}
        response = _assess(api, plan, editor, body)
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["changed"] == 2 and data["period"]["state"] == "draft" and data["period"]["label"] == "Året 2021"
        assert {(a["goal_id"], a["measure_id"], a["status"]) for a in data["period"]["assessments"]} == {
            (goal.pk, None, "at_risk"), (None, measure.pk, "in_progress")}
        assert _assess(api, plan, editor, body).json()["changed"] == 0  # the same again changes nothing
        assert Assessment.objects.get(item=goal).author == alice

        assert _move(api, plan, editor, "approve").status_code == 403  # an editor's token cannot approve
        submitted = _move(api, plan, editor, "submit")
        assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
        assert _assess(api, plan, editor, body).status_code == 409  # no writing once submitted
        assert _move(api, plan, editor, "submit").status_code == 409

        admin = token_for(dave, ks, Membership.Role.ADMIN)
        approved = _move(api, plan, admin, "approve")
        assert approved.status_code == 200 and approved.json()["approved_at"]
        assert ReportingPeriod.objects.get(plan=plan).approved_by == dave
        assert _move(api, plan, admin, "reopen").json()["state"] == "draft"
        assert _move(api, plan, admin, "publish").status_code == 404

    def test_anyone_reads_the_periods_of_a_public_plan(self, api, plan, goal, alice, ks, token_for):
        assert api.get(_base(plan)).json()[0] | {"assessments": None} == {
            "number": 1, "label": "Året 2021", "state": "draft", "end": "2021-12-31", "submitted_at": None,
            "approved_at": None, "assessments": None}
        _assess(api, plan, token_for(alice, ks), {"goals": [{"id": goal.pk, "status": "on_track"}]})
        one = api.get(f"{_base(plan)}/1").json()
        assert [(a["goal_id"], a["status"]) for a in one["assessments"]] == [(goal.pk, "on_track")]
        assert api.get(f"{_base(plan)}/2").status_code == 404
        assert api.get(f"/api/strategies/{plan.strategy_id}/plans/1999/periods").status_code == 404

    def test_errors_name_the_bad_field_and_nothing_is_written(
        self, api, plan, measure, goal, published, alice, ks, token_for
    ):
        secret = token_for(alice, ks)
        commitment = Item.objects.filter(section__strategy=published, kind="commitment").first()
        response = _assess(api, plan, secret, {"goals": [{"id": goal.pk, "status": "on_track"},
                                                         {"id": commitment.pk, "status": "on_track"}]})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["detail"]] == [["body", "payload", "goals", 1, "id"]]
        response = _assess(api, plan, secret, {"measures": [{"id": measure.pk, "status": "finished"}]})
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "status"
        not_a_goal_status = {"goals": [{"id": goal.pk, "status": "in_progress"}]}
        response = _assess(api, plan, secret, not_a_goal_status)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][:4] == ["body", "payload", "goals", 0]
        assert not Assessment.objects.exists()

    def test_tokens_outside_their_scope_change_nothing(self, api, plan, goal, bob, charlie, ks, oslo, token_for):
        body = {"goals": [{"id": goal.pk, "status": "on_track"}]}
        assert _assess(api, plan, token_for(bob, ks, Membership.Role.VIEWER), body).status_code == 403
        assert _assess(api, plan, token_for(charlie, oslo), body).status_code == 403
        assert _move(api, plan, token_for(charlie, oslo), "submit").status_code == 403
        assert api.post(f"{_base(plan)}/1/submit").status_code == 401
        assert not Assessment.objects.exists() and not ReportingPeriod.objects.exists()

    def test_the_strategy_json_carries_the_stable_ids_of_the_page_download(
        self, api, client, published, goal, ks, alice, strategy_json
    ):
        from veikart.web.strategies import services

        draft = services.import_strategy_json(ks, dict(strategy_json, title="Utkast"), alice)
        data = api.get(f"/api/strategies/{published.pk}/strategy.json").json()
        page = client.get(reverse("strategy_json", args=[published.pk])).json()
        assert data == page
        ids = [g["id"] for s in data["sections"] for c in s["sections"] for g in c["goals"]]
        assert goal.pk in ids
        assert api.get(f"/api/strategies/{draft.pk}/strategy.json").status_code == 404

    def test_a_submit_through_the_api_sends_the_owners_notice(
        self, api, plan, alice, dave, ks, token_for, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assert _move(api, plan, token_for(alice, ks), "submit").status_code == 200
        [notice] = mailoutbox
        assert notice.to == [dave.email] and "er sendt inn til godkjenning" in notice.subject
        assert "alice har sendt inn rapporteringen for Året 2021" in notice.body
