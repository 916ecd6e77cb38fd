"""Public pages: what anonymous visitors, members and others see."""

from __future__ import annotations

import json

from django.urls import reverse

from tests.web.conftest import OnSharedDraft, OnSharedPublishedStrategy
from veikart.web.strategies.models import Item, Strategy


def test_missing_strategy_is_404(client, db):
    assert client.get("/strategier/999-finnes-ikke/").status_code == 404


def test_unknown_organisation_is_404(client, db):
    assert client.get("/organisasjoner/finnes-ikke/").status_code == 404


def test_header_menu_leads_to_strategies_sdgs_comparison_and_search(client, db):
    body = client.get("/").content.decode()
    menu = body.split('aria-label="Hovedmeny"')[1].split("</nav>")[0]
    for name, label in (("front", "Strategier"), ("sdgtags:index", "Bærekraftsmål"),
                        ("compare", "Sammenlign"), ("search", "Søk")):
        assert f'<a href="{reverse(name)}">{label}</a>' in menu
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    menu = client.get("/").content.decode().split('aria-label="Main menu"')[1].split("</nav>")[0]
    assert ">SDGs</a>" in menu and ">Compare</a>" in menu and ">Search</a>" in menu


class TestOnAPublishedStrategy(OnSharedPublishedStrategy):
    """KS's published strategy and the people are made once for the class (the import and publishing cost more
    than a test); each test's changes are rolled back after it."""

    def test_front_page_lists_organisations_and_recent_published_strategies(self, client, published, oslo):
        response = client.get("/")
        assert response.status_code == 200
        body = response.content.decode()
        assert '<html lang="nb">' in body
        assert "Oslo kommune" in body
        assert published.title in body
        assert published.get_absolute_url() in body

    def test_front_page_uses_a_fixed_number_of_queries(self, client, published, django_assert_max_num_queries):
        with django_assert_max_num_queries(4):
            assert client.get("/").status_code == 200

    def test_strategy_page_shows_sections_goals_and_commitments_to_anyone(self, client, published):
        response = client.get(published.get_absolute_url())
        assert response.status_code == 200
        body = response.content.decode()
        assert "2.1" in body and "Digitale kommuner" in body
        assert "KS skal bidra til at kommunene lykkes." in body
        assert "Tilby kurs i ledelse." in body
        assert "Digitalisering er viktig." in body
        assert reverse("review", args=[published.pk]) not in body  # no editing links for visitors

    def test_strategy_page_nests_headings_in_order(self, client, published):
        body = client.get(published.get_absolute_url()).content.decode()
        assert body.index("<h1") < body.index("<h2") < body.index("<h3")
        assert "<h4 class=\"label\">Mål</h4>" in body  # labels below a subsection's h3

    def test_strategy_page_query_count_does_not_grow_with_size(self, client, published, django_assert_max_num_queries):
        # +1: the precomputed similar plans, one query; +1: the data generation (the tree's cache key)
        with django_assert_max_num_queries(8):
            client.get(published.get_absolute_url())

    def test_strategy_url_without_the_right_slug_redirects_to_the_canonical_one(self, client, published):
        response = client.get(f"/strategier/{published.pk}/")
        assert response.status_code == 301
        assert response["Location"] == published.get_absolute_url()
        assert client.get(f"/strategier/{published.pk}-feil-navn/").status_code == 301

    def test_organisation_page_lists_its_strategies_over_time(self, client, published, ks, strategy_json, alice):
        from veikart.web.strategies import services

        older = dict(strategy_json, title="Langtidsplan for KS 2016–2019", period={"start": 2016, "end": 2019})
        services.publish(services.import_strategy_json(ks, older, alice), alice)
        body = client.get("/organisasjoner/ks/").content.decode()
        assert body.index("2020–2023") < body.index("2016–2019")  # newest period first

    def test_strategy_json_download_is_public_for_published_strategies(self, client, published):
        response = client.get(reverse("strategy_json", args=[published.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert json.loads(response.content)["title"] == published.title

    def test_pages_carry_a_skip_link_and_landmarks(self, client, published):
        body = client.get(published.get_absolute_url()).content.decode()
        assert 'href="#main"' in body and '<main id="main"' in body
        assert "<header" in body and "<footer" in body and "<nav" in body

    def test_archived_strategy_stays_public_with_a_notice(self, client, published, alice):
        from veikart.web.strategies import services

        services.archive(published, alice)
        body = client.get(published.get_absolute_url()).content.decode()
        assert "Arkivert:" in body
        assert Strategy.objects.get(pk=published.pk).status == Strategy.Status.ARCHIVED

    def test_a_change_shows_at_once_on_the_cached_public_page(self, client, published, alice):
        from veikart.web.strategies import edits
        from veikart.web.strategies.models import Item

        assert "Tilby rådgivning." in client.get(published.get_absolute_url()).content.decode()
        item = Item.objects.get(section__strategy=published, text="Tilby rådgivning.")
        edits.edit_item(published, alice, item.pk, item.version, "Tilby målrettet rådgivning.")
        body = client.get(published.get_absolute_url()).content.decode()
        assert "Tilby målrettet rådgivning." in body and "Tilby rådgivning." not in body

    def test_strategy_page_links_to_its_plans_sdg_profile_and_similar_plans(self, client, published):
        body = client.get(published.get_absolute_url()).content.decode()
        links = body.split('aria-label="Mer om strategien"')[1].split("</nav>")[0]
        assert f'href="{reverse("planning:plans", args=[published.pk])}"' in links
        assert f'href="{reverse("sdgtags:profile", args=[published.pk])}"' in links
        assert 'href="#lignende-planer"' in links
        assert '<h2 id="lignende-planer">Lignende planer</h2>' in body
        assert f'href="{reverse("similar_plans", args=[published.pk])}"' in body

    def test_every_goal_links_to_similar_goals_with_a_distinct_name(self, client, published):
        body = client.get(published.get_absolute_url()).content.decode()
        goal = Item.objects.get(section__strategy=published, text="KS skal bidra til gode arbeidsgivere.")
        url = reverse("similar_goals", args=[goal.pk])
        # named by its goal for screen readers, without repeating the goal's text on the page
        assert f'href="{url}" aria-label="Lignende mål: KS skal bidra til gode arbeidsgivere.">Lignende mål</a>' in body
        goals = Item.objects.filter(section__strategy=published, kind="goal").count()
        assert body.count('class="similar-link no-print"') == goals

    def test_the_navigation_links_lead_to_pages_that_exist(self, client, published):
        for url in (
            reverse("planning:plans", args=[published.pk]),
            reverse("sdgtags:profile", args=[published.pk]),
            reverse("similar_plans", args=[published.pk]),
            reverse("sdgtags:index"),
            reverse("compare"),
            reverse("search"),
        ):
            assert client.get(url).status_code == 200, url


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class; each test's changes are rolled back after it."""

    def test_front_page_does_not_list_drafts(self, client, draft):
        body = client.get("/").content.decode()
        assert draft.get_absolute_url() not in body
        assert "Ingen strategier er publisert ennå." in body

    def test_draft_is_hidden_from_anonymous_visitors_and_other_organisations(self, client, draft, charlie):
        assert client.get(draft.get_absolute_url()).status_code == 404
        client.force_login(charlie)
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_draft_is_visible_to_members_with_a_draft_notice(self, client, draft, bob):
        client.force_login(bob)
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Utkast:" in response.content.decode()

    def test_organisation_page_shows_drafts_only_to_members(self, client, draft, bob, charlie):
        assert draft.title not in client.get("/organisasjoner/ks/").content.decode()
        client.force_login(charlie)
        assert draft.title not in client.get("/organisasjoner/ks/").content.decode()
        client.force_login(bob)
        assert draft.title in client.get("/organisasjoner/ks/").content.decode()

    def test_strategy_json_of_a_draft_is_for_members_only(self, client, draft, bob):
        url = reverse("strategy_json", args=[draft.pk])
        assert client.get(url).status_code == 404
        client.force_login(bob)
        assert client.get(url).status_code == 200
