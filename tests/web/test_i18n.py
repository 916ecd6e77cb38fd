"""Bokmål first for everyone; English when the visitor chooses it."""

from __future__ import annotations

from django.urls import reverse


def test_pages_are_in_bokmal_even_for_an_english_browser(client, published):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="nb">' in body
    assert "Nylig publiserte strategier" in body
    assert response["Content-Language"] == "nb"


def test_the_language_switch_turns_the_page_english_and_back(client, published):
    response = client.post(reverse("set_language"), {"language": "en", "next": published.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == published.get_absolute_url()
    body = client.get(published.get_absolute_url()).content.decode()
    assert '<html lang="en">' in body
    assert "Skip to main content" in body and "Commitments" in body and "Contents" in body
    assert "Hopp til hovedinnholdet" not in body
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Hopp til hovedinnholdet" in client.get("/").content.decode()


def test_model_labels_and_messages_are_translated_too(client, draft, alice):
    from veikart.web.strategies.models import Item

    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    url = reverse("edit", args=[draft.pk])
    client.post(url, {"action": "edit_item", "item": item.pk, "version": 1, "text": "Ny."})
    response = client.post(url, {"action": "edit_item", "item": item.pk, "version": 1, "text": "Gammel."})
    assert response.status_code == 409
    assert "Someone else changed this item at" in response.content.decode()
    assert "reload to see their change" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_bokmal(client, db):
    client.cookies["django_language"] = "xx"
    assert '<html lang="nb">' in client.get("/").content.decode()


def test_the_switch_is_a_labelled_form_on_every_page(client, db):
    body = client.get("/").content.decode()
    assert '<label for="language-select">Språk</label>' in body
    assert 'action="/sprak/"' in body
