"""Every page against every kind of person: anonymous, viewer (bob), editor of
another organisation (charlie), editor (alice) and admin (dave)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import OnSharedDraft, OnSharedPublishedStrategy
from veikart.web.strategies.models import Item, Strategy

PEOPLE = ["anonymous", "bob", "charlie", "alice", "dave"]


def _login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


# GET pages of a draft strategy: expected status per person (302 = sent to the login page)
DRAFT_PAGES = {
    "strategy": {"anonymous": 404, "bob": 200, "charlie": 404, "alice": 200, "dave": 200},
    "strategy_json": {"anonymous": 404, "bob": 200, "charlie": 404, "alice": 200, "dave": 200},
    "review": {"anonymous": 302, "bob": 403, "charlie": 404, "alice": 200, "dave": 200},
    "history": {"anonymous": 302, "bob": 200, "charlie": 404, "alice": 200, "dave": 200},
}

PUBLISHED_PAGES = {
    "strategy": {"anonymous": 200, "bob": 200, "charlie": 200, "alice": 200, "dave": 200},
    "strategy_json": {"anonymous": 200, "bob": 200, "charlie": 200, "alice": 200, "dave": 200},
    "review": {"anonymous": 302, "bob": 403, "charlie": 403, "alice": 200, "dave": 200},
    "history": {"anonymous": 302, "bob": 200, "charlie": 403, "alice": 200, "dave": 200},
}


def _url(name, strategy):
    if name == "strategy":
        return strategy.get_absolute_url()
    return reverse(name, args=[strategy.pk])


def _statuses(client, strategy, pages) -> dict[str, int]:
    """Each page's status code. One test per person asks for every page, so the strategy and the people are
    made once per person, not once per page (the import costs more than all the requests)."""
    return {page: client.get(_url(page, strategy)).status_code for page in pages}


CHANGE_STATUS = {"anonymous": 302, "bob": 403, "charlie": 404, "alice": 302, "dave": 302}


class TestOnADraft(OnSharedDraft):
    @pytest.mark.parametrize("who", PEOPLE)
    def test_draft_pages_answer_each_person_as_expected(self, client, people, draft, who):
        _login(client, people, who)
        assert _statuses(client, draft, DRAFT_PAGES) == {page: codes[who] for page, codes in DRAFT_PAGES.items()}

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_can_edit_an_item(self, client, people, draft, who):
        _login(client, people, who)
        item = Item.objects.filter(section__strategy=draft).first()
        response = client.post(
            reverse("edit", args=[draft.pk]),
            {"action": "edit_item", "item": item.pk, "version": item.version, "text": "Ny tekst."},
        )
        assert response.status_code == CHANGE_STATUS[who]
        changed = Item.objects.get(pk=item.pk).text == "Ny tekst."
        assert changed == (who in ("alice", "dave"))
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_can_publish(self, client, people, draft, who):
        _login(client, people, who)
        response = client.post(reverse("publish", args=[draft.pk]))
        assert response.status_code == CHANGE_STATUS[who]
        published = Strategy.objects.get(pk=draft.pk).status == Strategy.Status.PUBLISHED
        assert published == (who in ("alice", "dave"))

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_can_restore(self, client, people, draft, who):
        _login(client, people, who)
        response = client.post(reverse("restore", args=[draft.pk]), {"version": 1})
        assert response.status_code == CHANGE_STATUS[who]


class TestOnAPublishedStrategy(OnSharedPublishedStrategy):
    @pytest.mark.parametrize("who", PEOPLE)
    def test_published_pages_answer_each_person_as_expected(self, client, people, published, who):
        _login(client, people, who)
        expected = {page: codes[who] for page, codes in PUBLISHED_PAGES.items()}
        assert _statuses(client, published, PUBLISHED_PAGES) == expected

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_can_archive_a_published_strategy(self, client, people, published, who):
        _login(client, people, who)
        response = client.post(reverse("archive", args=[published.pk]))
        expected = {"anonymous": 302, "bob": 403, "charlie": 403, "alice": 302, "dave": 302}[who]
        assert response.status_code == expected
        archived = Strategy.objects.get(pk=published.pk).status == Strategy.Status.ARCHIVED
        assert archived == (who in ("alice", "dave"))


UPLOAD_STATUS = {"anonymous": 302, "bob": 403, "charlie": 200, "alice": 200, "dave": 200}


@pytest.mark.parametrize("who", PEOPLE)
def test_upload_page_is_for_editors_of_some_organisation(client, people, who):
    _login(client, people, who)
    assert client.get(reverse("upload")).status_code == UPLOAD_STATUS[who]


@pytest.mark.parametrize("who", PEOPLE)
def test_my_page_needs_sign_in(client, people, who):
    _login(client, people, who)
    assert client.get(reverse("my_page")).status_code == (302 if who == "anonymous" else 200)


def test_editor_cannot_upload_into_another_organisation(client, charlie, ks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(charlie)
    doc = SimpleUploadedFile("plan.md", b"# Plan\n\nTekst.\n")
    response = client.post(reverse("upload"), {"organisation": ks.pk, "document": doc})
    assert response.status_code == 400
    assert "Velg en organisasjon du er redaktør for." in response.content.decode()


def test_admin_site_is_for_staff_only(client, alice, admin_user):
    client.force_login(alice)
    assert client.get("/admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/strategies/strategy/").status_code == 200
    assert client.get("/admin/orgs/organisation/").status_code == 200
    assert client.get("/admin/audit/changerecord/").status_code == 200


def test_login_page_signs_in_with_csrf(db, alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get(reverse("login"))
    assert page.status_code == 200
    token = page.cookies["csrftoken"].value
    response = strict.post(
        reverse("login"), {"username": "alice", "password": "hemmelig-passord-1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == reverse("my_page")
    assert strict.post(reverse("login"), {"username": "alice", "password": "x"}).status_code == 403  # no token


def test_wrong_password_shows_a_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "feil"})
    assert response.status_code == 200
    assert "Feil brukernavn eller passord" in response.content.decode()


def test_logout_is_a_post(client, alice):
    client.force_login(alice)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("my_page")).status_code == 302
