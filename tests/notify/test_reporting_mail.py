"""Reporting periods by e-mail through a real SMTP server: the daily reminder of assessments due, and the notices
when a period is submitted (to the plan's owners) and approved or sent back (to the people responsible)."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from tests.conftest import make_oslo, shared_user
from tests.notify.test_reminders import _received
from tests.people.conftest import make_drammen, person
from tests.web.conftest import STRATEGY_JSON, OnSharedRows
from veikart.web.notify.models import NotificationSettings, ReminderSent
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.planning import reporting
from veikart.web.planning import services as planning
from veikart.web.planning.models import ActionPlan
from veikart.web.strategies import services

TODAY = date(2026, 4, 25)  # the first tertial of 2026 ends on 30 April: within the 7 days


def _strategy(org, user, title: str, archived: bool = False):
    data = dict(STRATEGY_JSON, title=title, period={"start": 2024, "end": 2027})
    strategy = services.import_strategy(org, services.parse_strategy_json(data), user)
    if archived:
        strategy = services.archive(services.publish(strategy, user), user)
    return strategy


def make_plans() -> dict[str, int]:
    """Oslo (olga its admin, otto an editor) and Drammen (dina) with their strategies' plans, reporting due and
    not; the primary keys by name."""
    oslo, drammen = make_oslo(), make_drammen()
    olga, otto = person("olga", oslo, Membership.Role.ADMIN), person("otto", oslo, Membership.Role.EDITOR)
    dina = person("dina", drammen, Membership.Role.ADMIN)
    main = _strategy(oslo, olga, "Kommuneplanens samfunnsdel")
    this_year = planning.create_plan(main, 2026, olga)
    reporting.set_reporting(this_year, olga, "tertial")
    last_year = planning.create_plan(main, 2025, olga)  # its one period ended 31.12.2025, never submitted
    planning.create_plan(main, 2024, olga)  # older plans are closed business
    other = _strategy(oslo, olga, "Klimaplan")
    done = planning.create_plan(other, 2025, olga)
    reporting.submit(done, 1, otto)  # submitted: nothing to remind of
    old = _strategy(oslo, olga, "Gammel plan", archived=True)
    planning.create_plan(old, 2026, olga)
    planning.create_plan(_strategy(drammen, dina, "Drammens plan"), 2026, dina)  # ends 31.12: not yet
    rows = {
        "oslo": oslo,
        "drammen": drammen,
        "olga": olga,
        "otto": otto,
        "dina": dina,
        "this_year": this_year,
        "last_year": last_year,
        "done": done,
    }
    return {name: row.pk for name, row in rows.items()}


class OnSharedPlans(OnSharedRows):
    """``make_plans()``'s rows, made once for the class (each strategy's import costs more than a test's mail);
    every test's changes are rolled back after it."""

    build = staticmethod(make_plans)

    olga = shared_user("olga")

    otto = shared_user("otto")

    dina = shared_user("dina")

    @pytest.fixture
    def plans(self, db, shared):
        return {name: ActionPlan.objects.get(pk=shared[name]) for name in ("this_year", "last_year", "done")}


class TestPeriodReminders(OnSharedPlans):
    def test_the_daily_reminder_lists_periods_due_soon_and_overdue(self, smtp, plans, olga, otto, dina):
        vera = person("vera", olga.memberships.get().organisation, Membership.Role.VIEWER)
        call_command("send_reminders", date=TODAY.isoformat())
        received = _received(smtp)
        assert sorted(received) == ["olga@example.org", "otto@example.org"]  # dina: nothing due; vera: a viewer
        assert vera.email not in received and dina.email not in received
        body = received["otto@example.org"]
        assert "Rapportering som skal sendes inn:" in body
        assert "1. tertial 2026, Kommuneplanens samfunnsdel (Oslo kommune), perioden slutter 30.4.2026" in body
        assert "Året 2025, Kommuneplanens samfunnsdel (Oslo kommune), perioden sluttet 31.12.2025" in body
        assert body.index("Året 2025") < body.index("1. tertial 2026")  # the oldest first
        for absent in ("2. tertial", "Året 2024", "Klimaplan", "Gammel plan", "Drammens plan"):
            assert absent not in body, absent
        assert "http://127.0.0.1:8000" + _period_url(plans["this_year"]) in body
        assert "Skriv vurderingene" in body and "Oppdater status på tiltaket" not in body  # no measures due
        subject = email.message_from_bytes(smtp.envelopes[0].content)["Subject"]
        assert subject == "Veikart: 2 rapporteringer har frist"
        assert ReminderSent.objects.get(user=otto).periods == 2

    def test_measures_and_periods_share_one_email_and_each_can_be_turned_off(self, smtp, plans, olga, otto):
        planning.create_measure(plans["this_year"], olga, title="Ny skolebuss", due=TODAY)
        NotificationSettings.objects.create(user=olga, period_reminders=False)
        call_command("send_reminders", date=TODAY.isoformat())
        received = _received(smtp)
        assert "Ny skolebuss" in received["otto@example.org"] and "1. tertial 2026" in received["otto@example.org"]
        assert "Ny skolebuss" in received["olga@example.org"] and "tertial" not in received["olga@example.org"]
        subjects = {e.rcpt_tos[0]: email.message_from_bytes(e.content)["Subject"] for e in smtp.envelopes}
        assert subjects["otto@example.org"] == "Veikart: tiltak og rapportering har frist"
        NotificationSettings.objects.filter(user=olga).update(measure_reminders=False)
        call_command("send_reminders", date=date(2026, 4, 26).isoformat())
        assert "olga@example.org" not in [e.rcpt_tos[0] for e in smtp.envelopes[2:]]


def _period_url(plan, number=1):
    return reverse("planning:period", args=[plan.strategy_id, plan.year, number])


def make_team() -> dict[str, int]:
    """``make_plans()`` and Oslo's team: olga the admin (the plan's owner), otto the editor who submits, rita
    responsible for a measure, siri a second admin, vera a viewer; ulla is responsible for a measure but has left
    the organisation."""
    keys = make_plans()
    oslo, olga, otto = (
        Organisation.objects.get(pk=keys["oslo"]),
        User.objects.get(pk=keys["olga"]),
        User.objects.get(pk=keys["otto"]),
    )
    plan = ActionPlan.objects.get(pk=keys["this_year"])
    rita = person("rita", oslo, Membership.Role.EDITOR)
    siri = person("siri", oslo, Membership.Role.ADMIN)
    person("vera", oslo, Membership.Role.VIEWER)
    ulla = person("ulla", oslo, Membership.Role.EDITOR)
    measure = planning.create_measure(plan, olga, title="Ny skolebuss", responsible_user=rita)
    planning.create_measure(plan, olga, title="Nytt bibliotek", responsible_user=ulla)
    Membership.objects.filter(user=ulla).delete()
    reporting.save_assessments(plan, 1, otto, goals={}, measures={measure.pk: ("in_progress", "Godt i gang")})
    return {**keys, "rita": rita.pk, "siri": siri.pk}


class OnSharedTeam(OnSharedPlans):
    """``make_team()``'s rows, made once for the class; every test's changes are rolled back after it."""

    build = staticmethod(make_team)

    @pytest.fixture
    def team(self, db, shared):
        rita, siri = (User.objects.get(pk=shared[name]) for name in ("rita", "siri"))
        return {"plan": ActionPlan.objects.get(pk=shared["this_year"]), "rita": rita, "siri": siri}


class TestReportNotices(OnSharedTeam):
    def test_submitting_tells_the_owners_and_approving_or_sending_back_tells_those_responsible(
        self, client, smtp, team, olga, otto, django_capture_on_commit_callbacks
    ):
        plan = team["plan"]
        client.force_login(otto)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(_period_url(plan), {"action": "submit"}).status_code == 302
        received = _received(smtp)
        assert sorted(received) == ["olga@example.org", "siri@example.org"]  # the admins, not otto himself
        assert (
            "otto har sendt inn rapporteringen for 1. tertial 2026 i «Kommuneplanens samfunnsdel»"
            in received["olga@example.org"]
        )
        assert "venter på din godkjenning" in received["olga@example.org"]
        assert "http://127.0.0.1:8000" + _period_url(plan) in received["olga@example.org"]
        subject = email.message_from_bytes(smtp.envelopes[0].content, policy=email.policy.default)["Subject"].strip()
        assert subject == "Veikart: 1. tertial 2026 for «Kommuneplanens samfunnsdel» er sendt inn til godkjenning"

        smtp.envelopes.clear()
        client.force_login(olga)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(_period_url(plan), {"action": "approve"})
        received = _received(smtp)
        # otto submitted and wrote the assessment, rita answers for a measure; ulla left, olga approved it herself.
        assert sorted(received) == ["otto@example.org", "rita@example.org"]
        assert "olga har godkjent rapporteringen for 1. tertial 2026" in received["rita@example.org"]

        smtp.envelopes.clear()
        NotificationSettings.objects.create(user=team["rita"], report_notices=False)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(_period_url(plan), {"action": "reopen"})
        received = _received(smtp)
        assert sorted(received) == ["otto@example.org"]
        assert "har sendt rapporteringen for 1. tertial 2026" in received["otto@example.org"]
        assert "sendes inn på nytt" in received["otto@example.org"]

    def test_nothing_is_sent_when_the_step_rolls_back(self, smtp, team, otto, django_capture_on_commit_callbacks):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            reporting.submit(team["plan"], 1, otto)
            raise RuntimeError("something after the step failed")
        assert callbacks == [] and smtp.envelopes == []

    def test_a_refusing_mail_server_does_not_undo_the_step(
        self, settings, smtp, team, otto, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_PORT = 9  # nothing listens there
        with django_capture_on_commit_callbacks(execute=True):
            period = reporting.submit(team["plan"], 1, otto)
        period.refresh_from_db()
        assert period.state == "submitted" and smtp.envelopes == []

    def test_each_notice_is_in_the_recipients_language(
        self, smtp, team, olga, otto, django_capture_on_commit_callbacks
    ):
        from veikart.web.preferences.models import LanguagePreference

        LanguagePreference.objects.create(user=olga, language="nn")
        LanguagePreference.objects.create(user=team["siri"], language="en")
        with django_capture_on_commit_callbacks(execute=True):
            reporting.submit(team["plan"], 1, otto)
        received = _received(smtp)
        assert "ventar på godkjenninga di" in received["olga@example.org"]
        assert "waiting for your approval" in received["siri@example.org"]


def test_the_settings_page_has_the_three_choices(client, olga):
    client.force_login(olga)
    page = client.get(reverse("notify:settings")).content.decode()
    for name in ("measure_reminders", "period_reminders", "report_notices"):
        assert f'name="{name}"' in page
    client.post(reverse("notify:settings"), {"measure_reminders": "on", "period_reminders": "on"})
    chosen = NotificationSettings.objects.get(user=olga)
    assert (chosen.measure_reminders, chosen.period_reminders, chosen.report_notices) == (True, True, False)
