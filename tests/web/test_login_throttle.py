"""Login throttling (django-axes): a username is locked from one address after a few wrong passwords.

alice, bob and dave come from tests/web/conftest.py (password "hemmelig-passord-1").
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

PASSWORD = "hemmelig-passord-1"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


def _login(client: Client, username: str, password: str, address: str = HOME):
    return client.post("/logg-inn/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client: Client, username: str, times: int, address: str = HOME) -> None:
    for _ in range(times):
        _login(client, username, "feil-passord", address)


def test_the_limit_comes_from_the_environment_and_is_small():
    assert 3 <= settings.AXES_FAILURE_LIMIT <= 10
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_a_few_wrong_passwords_still_let_the_right_one_in(alice):
    client = Client()
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT - 1)
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302 and _logged_in(client)


def test_after_the_limit_the_right_password_is_refused_with_a_clear_message(alice):
    client = Client()
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT)
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    text = response.content.decode()
    assert "For mange mislykkede innlogginger" in text
    assert f"etter {settings.AXES_FAILURE_LIMIT} feil passord på rad" in text
    assert "Prøv igjen om 15 minutter, eller be en administrator om å oppheve sperren." in text


def test_the_message_is_in_english_when_english_is_chosen(alice):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT)
    text = _login(client, "alice", PASSWORD).content.decode()
    assert "Too many failed logins" in text
    assert "ask an administrator to lift the lock" in text


def test_another_user_and_another_address_are_not_affected(alice, bob):
    _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT + 3)
    other_user = Client()
    assert _login(other_user, "bob", PASSWORD).status_code == 302 and _logged_in(other_user)
    other_address = Client()
    assert _login(other_address, "alice", PASSWORD, ELSEWHERE).status_code == 302 and _logged_in(other_address)


def test_sixty_wrong_passwords_then_the_right_one_is_refused(alice):
    client = Client()
    _fail(client, "alice", 60)
    assert _login(client, "alice", PASSWORD).status_code == 429 and not _logged_in(client)


@pytest.fixture
def admin_user_client(db):
    admin = User.objects.create_superuser("admin", "admin@example.org", "admin-passord-1")
    client = Client()
    client.force_login(admin)
    return client


def test_an_admin_lifts_the_lockout_in_the_admin(alice, admin_user_client):
    _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT)
    assert _login(Client(), "alice", PASSWORD).status_code == 429

    listing = admin_user_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "alice" in listing.content.decode()
    attempts = list(AccessAttempt.objects.filter(username="alice").values_list("pk", flat=True))
    response = admin_user_client.post("/admin/axes/accessattempt/", {
        "action": "delete_selected", "_selected_action": attempts, "post": "yes",
    })
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="alice").exists()

    client = Client()
    assert _login(client, "alice", PASSWORD).status_code == 302 and _logged_in(client)


def test_a_successful_login_forgets_the_earlier_failures(alice):
    client = Client()
    _fail(client, "alice", settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, "alice", PASSWORD).status_code == 302
    _fail(Client(), "alice", settings.AXES_FAILURE_LIMIT - 1)
    fresh = Client()
    assert _login(fresh, "alice", PASSWORD).status_code == 302 and _logged_in(fresh)
