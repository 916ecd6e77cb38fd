"""Writing with tokens: scope (organisation and role), errors that name the field, the audit trail."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.api.conftest import bearer
from tests.planning.conftest import OnSharedPlanning
from veikart.web.api import tokens
from veikart.web.api.models import ApiToken
from veikart.web.jobs.runtime import STOPPED
from veikart.web.orgs.models import Membership
from veikart.web.planning.models import Measure, PlanChange, StatusUpdate, Value, ValueImport


def _status(api, measure, secret=None, **body):
    payload = {"status": "in_progress", "progress": 60, "assessment": "Godt i gang", **body}
    headers = bearer(secret) if secret else {}
    return api.post(f"/api/measures/{measure.pk}/status", payload, content_type="application/json", **headers)


BODY = {"status": "in_progress", "progress": 60}


def test_a_missing_object_is_named_in_the_requests_language(api, db):
    assert api.get("/api/measures/999999").json() == {"detail": "ikke noe slikt offentlig tiltak"}
    assert api.get("/api/measures/999999", HTTP_ACCEPT_LANGUAGE="nn").json() == {
        "detail": "ikkje noko slikt offentleg tiltak"}
    assert api.get("/api/measures/999999", HTTP_ACCEPT_LANGUAGE="en").json() == {"detail": "no such public measure"}


def test_a_viewer_cannot_get_an_editor_token(bob, ks):
    with pytest.raises(tokens.TokenError):
        tokens.issue(name="x", organisation=ks, role=Membership.Role.EDITOR, owner=bob)


def test_a_token_cannot_reach_a_draft_of_another_organisation(api, draft, alice, charlie, oslo, token_for):
    from veikart.web.planning import services

    plan = services.create_plan(draft, 2021, alice)
    hidden = services.create_measure(plan, alice, title="Utkastets tiltak")
    assert _status(api, hidden, token_for(charlie, oslo)).status_code == 403
    assert Measure.objects.get(pk=hidden.pk).status == "planned"


def _values(api, key, secret, rows, **extra):
    return api.post(f"/api/indicators/{key}/values", {"values": rows, **extra}, content_type="application/json",
                    **bearer(secret))


def test_the_admin_makes_a_token_and_shows_it_once(client, alice, ks, django_user_model):
    staff = django_user_model.objects.create_superuser("root", "root@example.org", "hemmelig-passord-1")
    client.force_login(staff)
    response = client.post("/admin/api/apitoken/add/", {"name": "Import", "organisation": ks.pk,
                                                       "role": "editor", "owner": alice.pk}, follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    assert any("vk_" in m for m in shown)
    secret = next(m for m in shown if "vk_" in m).split(": ")[-1]
    assert tokens.hash_token(secret) == token.key_hash
    refused = client.post("/admin/api/apitoken/add/", {"name": "Too much", "organisation": ks.pk,
                                                      "role": "admin", "owner": alice.pk})
    assert refused.status_code == 200 and ApiToken.objects.count() == 1  # the form shows the error


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_an_editor_token_writes_a_status_and_the_trail_names_its_owner(self, api, measure, alice, ks, token_for):
        response = _status(api, measure, token_for(alice, ks), date="2021-03-01")
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["status"], body["progress"], body["assessment"], body["date"]) == (
            "in_progress", 60, "Godt i gang", "2021-03-01")
        measure.refresh_from_db()
        assert (measure.status, measure.progress) == ("in_progress", 60)
        change = PlanChange.objects.get(action=PlanChange.Action.STATUS_UPDATE, object_id=measure.pk)
        assert change.user == alice and change.after["comment"] == "Godt i gang"
        assert ApiToken.objects.get().last_used_at is not None

    @pytest.mark.parametrize("case", ["no token", "unknown token", "revoked", "viewer", "other organisation",
                                      "owner left"])
    def test_tokens_outside_their_scope_change_nothing(
        self, api, measure, alice, bob, charlie, ks, oslo, token_for, case
    ):
        secret = {
            "no token": lambda: None,
            "unknown token": lambda: "vk_" + "x" * 43,
            "revoked": lambda: token_for(alice, ks),
            "viewer": lambda: token_for(bob, ks, Membership.Role.VIEWER),
            "other organisation": lambda: token_for(charlie, oslo),
            "owner left": lambda: token_for(alice, ks),
        }[case]()
        if case == "revoked":
            tokens.revoke(ApiToken.objects.get())
        if case == "owner left":
            Membership.objects.filter(user=alice).delete()
        response = _status(api, measure, secret)
        expected = 401 if case in ("no token", "unknown token", "revoked") else 403
        assert response.status_code == expected, response.content
        assert not StatusUpdate.objects.filter(measure=measure).exists()

    @pytest.mark.parametrize(("accept", "viewer", "other"), [
        (None, "Tokenet har ikke rett til å endre (rolle: leser)", "Tokenet gjelder en annen organisasjon"),
        ("nn", "Tokenet har ikkje rett til å endre (rolle: lesar)", "Tokenet gjeld ein annan organisasjon"),
        ("en-US,en;q=0.9", "The token may not write (role: viewer)", "The token is for another organisation"),
    ])
    def test_refusals_speak_the_language_the_request_asks_for(
        self, api, measure, bob, charlie, ks, oslo, token_for, accept, viewer, other
    ):
        headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
        response = api.post(f"/api/measures/{measure.pk}/status", BODY, content_type="application/json",
                            **bearer(token_for(bob, ks, Membership.Role.VIEWER)), **headers)
        assert (response.status_code, response.json()) == (403, {"detail": viewer})
        assert response["Content-Language"] == (accept or "nb")[:2]
        response = api.post(f"/api/measures/{measure.pk}/status", BODY, content_type="application/json",
                            **bearer(token_for(charlie, oslo)), **headers)
        assert response.json() == {"detail": other}
        assert " / " not in viewer + other  # one language, not "nb / en"

    def test_a_token_never_has_more_rights_than_its_owner_today(self, api, measure, dave, ks, token_for):
        secret = token_for(dave, ks, Membership.Role.ADMIN)
        Membership.objects.filter(user=dave).update(role=Membership.Role.VIEWER)
        assert _status(api, measure, secret).status_code == 403

    def test_errors_name_the_bad_field(self, api, measure, alice, ks, token_for):
        secret = token_for(alice, ks)
        response = _status(api, measure, secret, progress=150)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] == "progress"
        response = _status(api, measure, secret, status="finished")
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "status"
        response = _status(api, measure, secret, status="done", progress=50)  # the service's own rule
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "progress"
        assert not StatusUpdate.objects.filter(measure=measure).exists()

    def test_values_are_written_all_at_once_and_again_unchanged(self, api, apprentices, alice, ks, token_for):
        secret = token_for(alice, ks)
        rows = [{"member": "0301", "period": "2022", "value": 1.9}, {"member": "4601", "period": "2022", "value": 2.4}]
        response = _values(api, apprentices.key, secret, rows, source="SSB tabell 12345")
        assert response.status_code == 200, response.content
        assert response.json() == {"created": 2, "updated": 0, "unchanged": 0}
        assert _values(api, apprentices.key, secret, rows).json() == {"created": 0, "updated": 0, "unchanged": 2}
        stored = Value.objects.get(indicator=apprentices, organisation__number="0301")
        assert (stored.period, stored.period_end, stored.value) == ("2022", date(2022, 12, 31), 1.9)
        assert stored.source == "SSB tabell 12345"
        change = PlanChange.objects.filter(action=PlanChange.Action.IMPORT_VALUES).last()  # the first call
        assert change.user == alice and change.after["created"] == 2

    def test_a_refused_row_is_named_and_nothing_is_written(self, api, apprentices, alice, ks, token_for):
        rows = [{"member": "0301", "period": "2022", "value": 1.9}, {"member": "9999", "period": "2022", "value": 2},
                {"member": "4601", "period": "tjueto", "value": 2}]
        response = _values(api, apprentices.key, token_for(alice, ks), rows)
        assert response.status_code == 422
        locations = [e["loc"] for e in response.json()["detail"]]
        assert locations == [["body", "payload", "values", 1], ["body", "payload", "values", 2]]
        assert not Value.objects.exists()
        response = _values(api, apprentices.key, token_for(alice, ks), [{"member": "0301", "period": "2022"}])
        assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "value"

    def test_a_failed_file_imports_error_is_a_sentence_in_the_requests_language(
        self, api, apprentices, alice, ks, token_for
    ):
        secret = token_for(alice, ks)
        job = ValueImport.objects.create(organisation=ks, indicator=apprentices, uploaded_by=alice, filename="v.csv",
                                         status=ValueImport.Status.FAILED, error=STOPPED, error_params={"attempts": 3})
        bokmal = api.get(f"/api/value-imports/{job.pk}", **bearer(secret)).json()["error"]
        english = api.get(f"/api/value-imports/{job.pk}", HTTP_ACCEPT_LANGUAGE="en", **bearer(secret)).json()["error"]
        assert bokmal.startswith("Arbeideren som kjørte jobben, stoppet midt i den (3 forsøk).")
        assert english.startswith("The worker running the job stopped in the middle of it (3 attempts).")

    def test_a_refused_file_says_why_in_the_requests_language(self, api, apprentices, alice, ks, token_for):
        upload = io.BytesIO(b"kommune;verdi\n0301;1,9\n")
        upload.name = "verdier.csv"
        secret = token_for(alice, ks)
        job = api.post("/api/value-imports", {"file": upload, "indicator": apprentices.key}, **bearer(secret)).json()
        assert job["status"] == "refused" and job["error"].startswith("mangler kolonne for")
        english = api.get(f"/api/value-imports/{job['id']}", HTTP_ACCEPT_LANGUAGE="en", **bearer(secret)).json()
        assert english["error"].startswith("missing column for")
        assert english["report"]["error"]["msgid"].startswith("mangler kolonne for")  # the report stays as stored

    def test_values_need_a_token_of_the_indicators_organisation(
        self, api, apprentices, charlie, oslo, bob, ks, token_for
    ):
        rows = [{"member": "0301", "period": "2022", "value": 1.9}]
        assert _values(api, apprentices.key, token_for(charlie, oslo), rows).status_code == 403
        assert _values(api, apprentices.key, token_for(bob, ks, "viewer"), rows).status_code == 403
        assert not Value.objects.exists()

    def test_a_file_of_values_is_checked_then_applied(self, api, apprentices, alice, bob, charlie, ks, oslo, token_for):
        secret = token_for(alice, ks)
        upload = io.BytesIO("kommunenummer;år;verdi\n0301;2022;1,9\n4601;2022;2,4\n".encode())
        upload.name = "verdier.csv"
        response = api.post("/api/value-imports", {"file": upload, "indicator": apprentices.key}, **bearer(secret))
        assert response.status_code == 202, response.content
        job = response.json()
        assert job["status"] == "checked" and job["report"]["accepted"] == 2  # the immediate task backend ran it
        assert api.get(f"/api/value-imports/{job['id']}", **bearer(token_for(charlie, oslo))).status_code == 403
        assert api.post(f"/api/value-imports/{job['id']}/apply", {}, content_type="application/json",
                        **bearer(token_for(bob, ks, "viewer"))).status_code == 403
        applied = api.post(f"/api/value-imports/{job['id']}/apply", {}, content_type="application/json",
                           **bearer(secret))
        assert applied.status_code == 202
        assert api.get(f"/api/value-imports/{job['id']}", **bearer(secret)).json()["status"] == "applied"
        assert Value.objects.filter(indicator=apprentices).count() == 2

    def test_the_command_prints_the_token_once_and_keeps_only_its_hash(self, alice, ks, api, measure):
        out, err = io.StringIO(), io.StringIO()
        call_command("create_api_token", organisation="ks", owner="alice", role="editor", name="KOSTRA", stdout=out,
                     stderr=err)
        secret = out.getvalue().strip()
        token = ApiToken.objects.get()
        assert secret.startswith("vk_") and secret not in str(token.__dict__)
        assert token.key_hash == tokens.hash_token(secret) and token.role == "editor"
        assert LogEntry.objects.filter(object_id=str(token.pk)).exists()
        assert _status(api, measure, secret).status_code == 201
        with pytest.raises(CommandError):
            call_command("create_api_token", organisation="ks", owner="alice", role="admin", name="x", stdout=out)
