"""The daily reminder through a real SMTP server: who gets it, what it lists, once a day, and the opt-out."""

from __future__ import annotations

import email
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.conftest import make_oslo, person, shared_user
from tests.people.conftest import make_drammen
from tests.web.conftest import STRATEGY_JSON, OnSharedRows
from veikart.web.notify.models import NotificationSettings, ReminderSent
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.planning import services as planning
from veikart.web.planning.models import MeasureStatus
from veikart.web.strategies import services

TODAY = date(2026, 3, 10)


def _plan(org, user, archived: bool = False):
    strategy = services.import_strategy(org, services.parse_strategy_json(STRATEGY_JSON), user)
    if archived:
        strategy = services.archive(services.publish(strategy, user), user)
    return planning.create_plan(strategy, 2023, user)


def make_world() -> dict[str, int]:
    """Oslo (olga its admin, otto an editor, vera a viewer, quiet an editor who opted out), Drammen (dina) and
    their plans' measures, due and not; the primary keys by name."""
    oslo, drammen = make_oslo(), make_drammen()
    olga, otto = person("olga", oslo, Membership.Role.ADMIN), person("otto", oslo, Membership.Role.EDITOR)
    vera = person("vera", oslo, Membership.Role.VIEWER)  # viewers get no reminders
    quiet = person("quiet", oslo, Membership.Role.EDITOR)
    NotificationSettings.objects.create(user=quiet, measure_reminders=False)
    dina = person("dina", drammen, Membership.Role.ADMIN)
    plan = _plan(oslo, olga)
    planning.create_measure(plan, olga, title="Nytt sykehjem", due=TODAY - timedelta(days=2))  # overdue
    planning.create_measure(plan, olga, title="Ny skolebuss", due=TODAY + timedelta(days=3))  # due soon
    planning.create_measure(plan, olga, title="Ny idrettshall", due=TODAY + timedelta(days=30))  # not yet
    planning.create_measure(plan, olga, title="Uten frist")
    done = planning.create_measure(plan, olga, title="Ferdig bibliotek", due=TODAY - timedelta(days=5))
    planning.add_status_update(done, olga, status=MeasureStatus.DONE, progress=100, on=TODAY)
    old = _plan(oslo, olga, archived=True)
    planning.create_measure(old, olga, title="Arkivert tiltak", due=TODAY - timedelta(days=1))
    planning.create_measure(_plan(drammen, dina), dina, title="Drammens bru", due=TODAY)
    users = {"olga": olga, "otto": otto, "vera": vera, "quiet": quiet, "dina": dina}
    return {"oslo": oslo.pk, "drammen": drammen.pk, **{name: user.pk for name, user in users.items()}}


def _received(inbox) -> dict[str, str]:
    """Recipient → plain text body of each message the SMTP server got."""
    out = {}
    for envelope in inbox.envelopes:
        message = email.message_from_bytes(envelope.content)
        [recipient] = envelope.rcpt_tos
        out[recipient] = message.get_payload(decode=True).decode(message.get_content_charset())
    return out


def test_the_settings_page_needs_a_login(client, db):
    response = client.get(reverse("notify:settings"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_invitation_goes_through_smtp(client, smtp, olga, oslo):
    client.force_login(olga)
    client.post(reverse("people:invite", args=[oslo.slug]), {"email": "ny@example.org", "role": "editor"})
    [envelope] = smtp.envelopes
    assert envelope.rcpt_tos == ["ny@example.org"] and envelope.mail_from == "veikart@example.org"
    assert "/invitasjon/" in _received(smtp)["ny@example.org"]


def test_a_bad_date_is_refused(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", date="10.03.2026")


class TestRemindersToOnePlanningWorld(OnSharedRows):
    """The reminders over ``make_world()``'s rows, made once for the class (each plan's import and measures cost
    more than a test's sending); every test's changes are rolled back after it."""

    build = staticmethod(make_world)

    @pytest.fixture
    def drammen(self, db, shared):
        return Organisation.objects.get(pk=shared["drammen"])

    olga = shared_user("olga")

    otto = shared_user("otto")

    @pytest.fixture
    def world(self, db, shared):
        return {name: User.objects.get(pk=shared[name]) for name in ("vera", "quiet", "dina")}

    def test_editors_and_admins_get_one_reminder_listing_their_organisations_due_measures(self, smtp, world, capsys):
        call_command("send_reminders", date=TODAY.isoformat())
        received = _received(smtp)
        assert sorted(received) == ["dina@example.org", "olga@example.org", "otto@example.org"]
        body = received["otto@example.org"]
        assert "Nytt sykehjem" in body and "Ny skolebuss" in body
        assert body.index("Har passert fristen") < body.index("Nytt sykehjem") < body.index("Har frist de neste")
        for absent in ("Ny idrettshall", "Uten frist", "Ferdig bibliotek", "Arkivert tiltak", "Drammens bru"):
            assert absent not in body, absent
        assert "http://127.0.0.1:8000/tiltak/" in body and reverse("notify:settings") in body
        assert "Drammens bru" in received["dina@example.org"]
        assert "sent 3," in capsys.readouterr().out

    def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(self, smtp, world, capsys):
        call_command("send_reminders", date=TODAY.isoformat())
        call_command("send_reminders", date=TODAY.isoformat())
        assert len(smtp.envelopes) == 3
        assert "sent 0, already sent today 3" in capsys.readouterr().out
        call_command("send_reminders", date=(TODAY + timedelta(days=1)).isoformat())
        assert len(smtp.envelopes) == 6

    def test_a_refusing_mail_server_leaves_nothing_recorded(self, settings, smtp, world):
        settings.EMAIL_PORT = 9  # nothing listens there
        with pytest.raises(CommandError, match="not sent to"):
            call_command("send_reminders", date=TODAY.isoformat())
        assert not ReminderSent.objects.exists()
        assert not smtp.envelopes

    def test_turning_reminders_off_on_the_settings_page(self, client, smtp, world, otto):
        client.force_login(otto)
        assert client.get(reverse("notify:settings")).status_code == 200
        response = client.post(reverse("notify:settings"), {})  # checkbox left unticked
        assert response.status_code == 302
        assert NotificationSettings.objects.get(user=otto).measure_reminders is False
        call_command("send_reminders", date=TODAY.isoformat())
        assert "otto@example.org" not in _received(smtp)
        client.post(reverse("notify:settings"), {"measure_reminders": "on"})
        call_command("send_reminders", date=(TODAY + timedelta(days=1)).isoformat())
        assert "otto@example.org" in _received(smtp)

    def test_the_reminder_is_written_in_the_language_each_person_chose(self, smtp, world, olga, otto):
        from veikart.web.preferences.models import LanguagePreference

        LanguagePreference.objects.create(user=olga, language="nn")
        LanguagePreference.objects.create(user=otto, language="en")
        call_command("send_reminders", date=TODAY.isoformat())
        received = _received(smtp)
        assert "Har frist dei neste" in received["olga@example.org"] and "ikkje" in received["olga@example.org"]
        assert "Past the deadline:" in received["otto@example.org"]
        assert "Har frist de neste" in received["dina@example.org"]  # no choice stored: bokmål
        subjects = {e.rcpt_tos[0]: email.message_from_bytes(e.content)["Subject"] for e in smtp.envelopes}
        assert "tiltak har frist" in subjects["olga@example.org"] and "due" in subjects["otto@example.org"]
