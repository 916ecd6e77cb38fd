"""The public page cache: anonymous visitors share an answer until any committed change drops it."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from veikart.web.audit.models import ChangeRecord
from veikart.web.pagecache import generation
from veikart.web.strategies import edits
from veikart.web.strategies.models import Item, Strategy

pytestmark = pytest.mark.django_db(transaction=True)  # invalidation happens on commit: commit for real


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.VEIKART_PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_an_anonymous_visitor_gets_the_cached_page_with_one_query(published, django_assert_num_queries):
    url = published.get_absolute_url()
    first = Client().get(url)
    with django_assert_num_queries(1):  # the data generation, nothing else
        again = Client().get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not again.cookies  # no CSRF cookie: the page holds no token for anonymous visitors


def test_an_edit_shows_at_once_on_the_cached_page(published, alice):
    url = published.get_absolute_url()
    assert "Tilby rådgivning." in Client().get(url).content.decode()
    item = Item.objects.get(section__strategy=published, text="Tilby rådgivning.")
    edits.edit_item(published, alice, item.pk, item.version, "Tilby målrettet rådgivning.")
    body = Client().get(url).content.decode()
    assert "Tilby målrettet rådgivning." in body and "Tilby rådgivning." not in body


def test_a_strategy_taken_back_to_draft_is_not_served_from_the_cache(published):
    url = published.get_absolute_url()
    assert Client().get(url).status_code == 200
    Strategy.objects.filter(pk=published.pk).update(status=Strategy.Status.DRAFT)  # a bulk UPDATE, no signals
    assert Client().get(url).status_code == 404


def test_a_raw_sql_write_drops_the_cache(published):
    url = published.get_absolute_url()
    Client().get(url)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE strategies_item SET text = %s WHERE text = %s", ["Tilby rå SQL.", "Tilby rådgivning."])
    assert "Tilby rå SQL." in Client().get(url).content.decode()


def test_a_rolled_back_change_keeps_the_generation(published):
    before = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Item.objects.filter(section__strategy=published).update(text="ikke lagret")
        raise RuntimeError
    assert generation.current() == before


def test_one_transaction_bumps_once_however_many_rows_it_writes(published):
    before = generation.current()
    with transaction.atomic():
        for item in Item.objects.filter(section__strategy=published):
            item.text += " (endret)"
            item.save()
    # One bump for the transaction's rows, however many; one for the audit log's entries of this edit made
    # past the services (audit.outside), written in their own transaction after the commit.
    assert generation.current() == before + 2
    items = Item.objects.filter(section__strategy=published).count()
    assert ChangeRecord.objects.filter(strategy=published, action="edit_outside").count() == items


def test_sign_ins_and_sessions_do_not_drop_the_cache(published, alice):
    before = generation.current()
    client = Client()
    client.force_login(alice)  # a session row and the user's last_login
    client.get("/")
    assert generation.current() in (before, before + 1)  # last_login is the user's row: at most one bump
    settled = generation.current()
    client.session.save()
    assert generation.current() == settled


def test_signed_in_members_get_a_fresh_page_with_their_drafts(draft, bob):
    url = draft.get_absolute_url()
    assert Client().get(url).status_code == 404  # anonymous: the draft does not exist
    member = Client()
    member.force_login(bob)
    assert member.get(url).status_code == 200
    assert Client().get(url).status_code == 404  # and the member's page was not cached for anyone


def test_each_language_has_its_own_cached_page(published):
    url = published.get_absolute_url()
    bokmal = Client().get(url)
    english = Client()
    english.cookies["django_language"] = "en"
    assert english.get(url)["Content-Language"] == "en"
    assert Client().get(url)["Content-Language"] == bokmal["Content-Language"] == "nb"


def test_search_answers_are_cached_for_anonymous_visitors(published, django_assert_num_queries):
    Client().get("/sok/?q=arbeidsgivere")
    with django_assert_num_queries(1):
        assert Client().get("/sok/?q=arbeidsgivere").status_code == 200


def test_anonymous_visitors_switch_language_without_a_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sprak/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_signed_in_users_switch_language_only_with_a_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/sprak/", {"language": "en", "next": "/"}).status_code == 403


def test_turned_off_it_renders_every_time(published, settings):
    settings.VEIKART_PAGE_CACHE_SECONDS = 0
    url = published.get_absolute_url()
    Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        Client().get(url)
    assert len(queries) > 1  # the strategy, its organisation, the access check … drawn anew


def test_the_review_pages_cached_tree_carries_each_visitors_own_csrf_token(draft, alice, dave):
    import re

    from django.urls import reverse

    from veikart.web.strategies.review import CSRF_STAND_IN

    url = reverse("review", args=[draft.pk])
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    for user in (alice, dave):  # dave's page comes from the tree alice's request drew
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        body = client.get(url, {"valgt": f"i{item.pk}"}).content.decode()
        assert CSRF_STAND_IN not in body
        found = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert len(found) > 3  # the forms of the selected item, inside the cached tree, and the page's own
        tokens = set(found)
        for token in tokens:  # each one passes the CSRF check of this visitor's session
            answer = client.post("/sprak/", {"language": "nb", "next": "/", "csrfmiddlewaretoken": token})
            assert answer.status_code == 302


def test_the_review_page_shows_an_edit_at_once(draft, alice):
    from django.urls import reverse

    editor = Client()
    editor.force_login(alice)
    url = reverse("review", args=[draft.pk])
    assert "Tilby rådgivning." in editor.get(url).content.decode()
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    Item.objects.filter(pk=item.pk).update(text="Tilby rådgivning til alle.")  # no version bump: the generation
    assert "Tilby rådgivning til alle." in editor.get(url).content.decode()


def test_programs_calling_the_api_do_not_drop_the_cache(published, alice, ks):
    from veikart.web.api import tokens

    secret = tokens.issue(name="x", organisation=ks, role="editor", owner=alice)[1]
    before = generation.current()
    response = Client().get("/api/strategies", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    tokens.find(secret)  # notes last_used_at (a write to the token row)
    assert generation.current() == before


def test_a_task_workers_heartbeat_does_not_drop_the_cache(published):
    from veikart.web.jobs.worker import Worker

    before = generation.current()
    Worker(worker_id="w-test").beat()  # what a live worker writes every few seconds
    Worker(worker_id="w-test").beat()
    assert generation.current() == before
