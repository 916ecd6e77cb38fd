"""The language choice: a cookie for anonymous visitors, stored on a signed-in person and applied at every sign-in.

alice and bob come from tests/web/conftest.py (password "hemmelig-passord-1").
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from veikart.web.preferences.models import LanguagePreference

PASSWORD = "hemmelig-passord-1"


def _sign_in(client: Client, username: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def _html_lang(client: Client, path: str = "/") -> str:
    body = client.get(path).content.decode()
    return body.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_signed_in_persons_choice_follows_them_to_another_device(alice, db):
    laptop = Client()
    _sign_in(laptop, "alice")
    laptop.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert LanguagePreference.objects.get(user=alice).language == "nn"
    assert _html_lang(laptop) == "nn"

    phone = Client()
    assert _html_lang(phone) == "nb"
    _sign_in(phone, "alice")
    assert _html_lang(phone) == "nn"
    assert "Hopp til hovudinnhaldet" in phone.get(reverse("my_page")).content.decode()


def test_the_stored_choice_beats_the_devices_cookie_and_stays_on_the_device_after_logout(alice, db):
    LanguagePreference.objects.create(user=alice, language="nn")
    shared = Client()
    shared.cookies["django_language"] = "en"
    _sign_in(shared, "alice")
    assert _html_lang(shared) == "nn"
    assert shared.cookies["django_language"].value == "nn"
    shared.post(reverse("logout"))
    assert _html_lang(shared) == "nn"


def test_without_a_stored_choice_the_device_keeps_its_language(alice, db):
    client = Client()
    client.cookies["django_language"] = "en"
    _sign_in(client, "alice")
    assert _html_lang(client) == "en"
    assert not LanguagePreference.objects.exists()


def test_an_anonymous_visitors_choice_is_only_a_cookie(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert _html_lang(client) == "nn"
    assert not LanguagePreference.objects.exists()


def test_changing_the_choice_again_replaces_it_and_an_unknown_language_is_not_stored(alice, db):
    client = Client()
    _sign_in(client, "alice")
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert list(LanguagePreference.objects.values_list("language", flat=True)) == ["en"]
    assert _html_lang(client) == "en"


def test_a_signed_in_switch_without_the_csrf_token_stores_nothing(alice, db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert response.status_code == 403
    assert not LanguagePreference.objects.exists()
    assert _html_lang(client) == "nb"


def test_the_language_to_write_to_a_person_in(alice, bob, db):
    from veikart.web.preferences.stored import language_for

    LanguagePreference.objects.create(user=alice, language="nn")
    assert language_for(alice) == "nn"
    assert language_for(bob) == "nb"  # no choice stored: bokmål
    LanguagePreference.objects.filter(user=alice).update(language="xx")  # a language no longer offered
    assert language_for(alice) == "nb"
