"""The SDG pages render what they should: index, one goal, a strategy's profile, tags on strategy and review."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.sdgtags.conftest import OnTaggedDraft, OnTaggedStrategy
from veikart.web.sdgtags import services
from veikart.web.sdgtags.models import ItemTag
from veikart.web.sdgtags.queries import tags_by_item
from veikart.web.strategies import services as strategy_services
from veikart.web.strategies.models import Item


def _item(strategy, text):
    return Item.objects.get(section__strategy=strategy, text__contains=text)


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_a_goal_page_leaves_out_drafts_and_rejected_tags(client, tagged, tagged_draft, alice):
    services.reject_tag(tagged, alice, _item(tagged, "digitalisering").pk, 9)
    data = client.get(reverse("sdgtags:goal", args=[9]) + "?format=json").json()
    assert data["items"] == []  # the draft's identical item is not public; the published one was rejected


@pytest.mark.parametrize("number", [0, 18])
def test_there_is_no_goal_outside_1_to_17(client, number):
    _page(client, reverse("sdgtags:goal", args=[number]), 404)


PROFILE_STATUS = {"anonymous": 404, "bob": 200, "charlie": 404, "alice": 200, "dave": 200}


def test_an_import_through_the_web_service_shows_proposals_on_the_strategy_page(client, ks, alice, strategy_json):
    strategy = strategy_services.import_strategy_json(ks, strategy_json, alice)
    strategy_services.publish(strategy, alice)
    assert ItemTag.objects.filter(strategy=strategy).exists()
    assert "sdg-badge" not in _page(client, strategy.get_absolute_url())  # anonymous: nothing confirmed yet
    client.force_login(alice)
    assert "sdg-proposed" in _page(client, strategy.get_absolute_url())


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


class TestOnTheTaggedPublishedStrategy(OnTaggedStrategy):
    """The pages of KS's published strategy, tagged once for the class."""

    def test_the_index_lists_all_17_goals_with_counts_of_confirmed_tags_only(self, client, tagged, alice):
        services.accept_tag(tagged, alice, _item(tagged, "arbeidsgivere").pk, 8)
        page = _page(client, reverse("sdgtags:index"))
        for number in range(1, 18):
            assert f'href="{reverse("sdgtags:goal", args=[number])}"' in page
        assert "Anstendig arbeid og økonomisk vekst" in page
        counts = client.get(reverse("sdgtags:index") + "?format=json").json()["goals"]
        assert counts[7] == {"goal": 8, "title": "Anstendig arbeid og økonomisk vekst", "colour": "#A21942",
                             "confirmed": 1, "strategies": 1}  # the open proposal on "kurs" is not counted
        assert counts[8]["confirmed"] == 0 and "proposed" not in counts[8]
        assert "foreslått" not in page

    def test_the_badge_draws_the_number_on_the_goals_colour_with_readable_text(self, client, tagged):
        page = _page(client, reverse("sdgtags:index"))
        assert "background-color:#FCC30B;color:#000000" in page   # yellow goal 7: black number
        assert "background-color:#19486A;color:#FFFFFF" in page   # dark blue goal 17: white number
        assert "<img" not in page                                 # no UN icons

    def test_a_goal_page_lists_tagged_items_of_published_strategies_with_targets(self, client, tagged, alice):
        client.force_login(alice)  # an editor of KS sees KS's proposals, marked as proposals
        page = _page(client, reverse("sdgtags:goal", args=[9]))
        assert "Foreslått (styrke 0,81)." in page
        assert "KS er en pådriver for digitalisering." in page
        assert tagged.title in page
        assert "Ord: «digitalisering»." in page                   # the reason for a proposal
        assert 'id="delmal-9.c"' in page                          # the goal's targets, listed
        assert "9.c" in page and "9.1" in page
        assert "KS skal bidra til gode arbeidsgivere." not in page

    def test_a_goal_page_can_show_only_confirmed_items(self, client, tagged, alice):
        services.accept_tag(tagged, alice, _item(tagged, "arbeidsgivere").pk, 8)
        page = _page(client, reverse("sdgtags:goal", args=[8]) + "?vis=bekreftet")
        assert "KS skal bidra til gode arbeidsgivere." in page
        assert "Tilby kurs i ledelse." not in page  # only proposed for goal 8

    def test_a_goal_page_shows_organisations_local_targets_under_their_un_target(self, client, ks, alice, tagged):
        services.create_local_target(ks, alice, "9.c", "KS-9c", "Bredbånd til alle skoler")
        page = _page(client, reverse("sdgtags:goal", args=[9]))
        assert re.search(r'id="delmal-9.c".*Bredbånd til alle skoler', page, re.S)

    def test_the_profile_shows_a_chart_and_a_table_of_the_same_numbers(self, client, tagged, alice):
        services.accept_tag(tagged, alice, _item(tagged, "arbeidsgivere").pk, 8)
        client.force_login(alice)
        page = _page(client, reverse("sdgtags:profile", args=[tagged.pk]))
        assert 'class="sdg-chart"' in page and "<table" in page
        rows = re.findall(r'<tr>\s*<th scope="row">.*?>(\d+)</span>.*?</th>\s*'
                          r'<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>', page, re.S)
        assert rows == [("8", "1", "1"), ("4", "0", "1"), ("9", "0", "1")]  # strongest first
        assert "1 bekreftet, 1 foreslått" in page  # the chart's own label

    def test_the_profile_in_json(self, client, tagged, alice):
        client.force_login(alice)
        data = client.get(reverse("sdgtags:profile", args=[tagged.pk]) + "?format=json").json()
        assert (data["items"], data["untagged"]) == (5, 2)
        assert data["goals"][0] == {"goal": 8, "confirmed": 0, "proposed": 2, "share": 0.4, "mean_score": 0.635}

    def test_only_editors_see_the_recompute_button_on_the_profile(self, client, people, tagged):
        url = reverse("sdgtags:profile", args=[tagged.pk])
        assert 'value="propose"' not in _page(client, url)
        client.force_login(people["bob"])
        assert 'value="propose"' not in _page(client, url)
        client.force_login(people["alice"])
        assert 'value="propose"' in _page(client, url)

    def test_the_strategy_page_shows_an_editor_confirmed_and_proposed_tags_with_score(self, client, tagged, alice):
        services.accept_tag(tagged, alice, _item(tagged, "digitalisering").pk, 9)
        services.reject_tag(tagged, alice, _item(tagged, "arbeidsgivere").pk, 8)
        client.force_login(alice)
        page = _page(client, tagged.get_absolute_url())
        digital = page.split("KS er en pådriver for digitalisering.")[1].split("</li>")[0]
        assert "Industri, innovasjon og infrastruktur" in digital and "foreslått" not in digital
        course = page.split("Tilby kurs i ledelse.")[1].split("</ul>")[0]
        assert "(foreslått, styrke 0,64)" in course
        assert 'href="/barekraftsmal/4/#delmal-4.4">4.4</a>' in course  # the target's text is on the goal page
        employer = page.split("KS skal bidra til gode arbeidsgivere.")[1].split("</li>")[0]
        assert "sdg-badge" not in employer  # rejected: not shown to readers
        assert reverse("sdgtags:profile", args=[tagged.pk]) in page

    def test_pages_in_english_use_the_english_goal_names(self, client, tagged):
        client.cookies["django_language"] = "en"
        page = _page(client, reverse("sdgtags:goal", args=[8]))
        assert "Decent work and economic growth" in page

    def test_the_tags_of_a_strategy_are_read_in_a_fixed_number_of_queries(self, tagged, django_assert_num_queries):
        with django_assert_num_queries(3):
            tags = tags_by_item(tagged, with_proposals=True)
        assert len(tags) == 3

    def test_recomputed_proposals_reach_the_cached_strategy_page(self, client, tagged, alice, monkeypatch):
        from tests.sdgtags.conftest import RULES, fake_classify
        from veikart.sdg.classifier import SdgMatch

        client.force_login(alice)
        assert "Livet på land" not in _page(client, tagged.get_absolute_url())  # rendered and cached
        monkeypatch.setitem(RULES, "lykkes", [SdgMatch(15, 0.7, (), "Ord: «lykkes».")])
        services.propose_tags(tagged, fake_classify)
        assert "Livet på land" in _page(client, tagged.get_absolute_url())

    def test_the_pages_are_translated_to_english(self, client, tagged, alice):
        services.accept_tag(tagged, alice, _item(tagged, "digitalisering").pk, 9)
        client.cookies["django_language"] = "en"
        index = _page(client, reverse("sdgtags:index"))
        assert "1 confirmed item, 1 strategy" in index
        assert "1 confirmed item" in _page(client, reverse("sdgtags:profile", args=[tagged.pk]))
        client.force_login(alice)
        profile = _page(client, reverse("sdgtags:profile", args=[tagged.pk]))
        assert "SDG profile: " in profile and "0 confirmed, 2 proposed" in profile and "Mean strength" in profile
        assert "SDG profile (UN Sustainable Development Goals)" in _page(client, tagged.get_absolute_url())

    def test_pages_leave_out_a_decision_whose_item_is_gone(self, client, tagged, alice):
        item = _item(tagged, "digitalisering")
        services.accept_tag(tagged, alice, item.pk, 9)
        Item.objects.filter(pk=item.pk).delete()
        assert client.get(reverse("sdgtags:goal", args=[9]) + "?format=json").json()["items"] == []
        profile = client.get(reverse("sdgtags:profile", args=[tagged.pk]) + "?format=json").json()
        assert 9 not in [row["goal"] for row in profile["goals"]]
        assert client.get(reverse("sdgtags:index")).status_code == 200

    def test_a_long_goal_page_is_split_into_pages_in_reading_order(self, client, tagged, alice, monkeypatch):
        from veikart.web.sdgtags import queries

        client.force_login(alice)

        monkeypatch.setattr(queries, "PAGE_SIZE", 1)
        first = _page(client, reverse("sdgtags:goal", args=[8]))
        assert "KS skal bidra til gode arbeidsgivere." in first and "Tilby kurs i ledelse." not in first
        assert "Side 1 av 2" in first and 'href="?side=2"' in first
        second = client.get(reverse("sdgtags:goal", args=[8]) + "?side=2&format=json").json()
        assert [i["text"] for i in second["items"]] == ["Tilby kurs i ledelse."]
        assert (second["page"], second["pages"], second["proposed"]) == (2, 2, 2)

    def test_a_goal_page_counts_targets_over_all_pages(self, tagged):
        from veikart.web.sdgtags.models import SdgGoal
        from veikart.web.sdgtags.queries import goal_data

        data = goal_data(SdgGoal.objects.get(number=8), per_page=1, proposals_for=[tagged.organisation_id])
        assert {row.target.code: row.tagged for row in data.targets if row.tagged} == {"8.5": 1}

    def test_tags_add_no_queries_per_item_to_the_review_and_strategy_pages(self, client, tagged, alice):
        from django.core.cache import cache

        from tests.sdgtags.conftest import fake_classify
        from veikart.web.strategies.models import Section

        client.force_login(alice)
        review, public = reverse("review", args=[tagged.pk]), tagged.get_absolute_url()
        before = (_queries(client, review), _queries(client, public))
        section = Section.objects.filter(strategy=tagged, number="2.2").get()
        Item.objects.bulk_create(Item(section=section, kind="commitment", text=f"Tilby kurs nr. {n} om digitalisering.",
                                      position=10 + n) for n in range(20))
        services.propose_tags(tagged, fake_classify)
        cache.clear()
        assert ItemTag.objects.filter(strategy=tagged).count() > 40
        assert (_queries(client, review), _queries(client, public)) == before


class TestOnTheTaggedDraft(OnTaggedDraft):
    """Tests on KS's draft, tagged once for the class."""

    @pytest.mark.parametrize("who", list(PROFILE_STATUS))
    def test_a_drafts_profile_is_for_its_organisations_members(self, client, people, tagged_draft, who):
        if who != "anonymous":
            client.force_login(people[who])
        _page(client, reverse("sdgtags:profile", args=[tagged_draft.pk]), PROFILE_STATUS[who])

    def test_the_review_page_offers_accept_reject_and_add(self, client, tagged_draft, alice):
        client.force_login(alice)
        item = _item(tagged_draft, "kurs")
        page = _page(client, reverse("review", args=[tagged_draft.pk]) + f"?valgt=i{item.pk}")
        assert "Ord: «kurs»." in page
        assert page.count('name="decide" value="accept-') == 4   # every open proposal
        assert page.count('name="decide" value="reject-') == 4
        assert page.count('name="action" value="add"') == 1      # only for the selected item
        assert '<option value="4.4">4.4 ' in page

    def test_the_review_page_shows_rejected_tags_struck_through(self, client, tagged_draft, alice):
        services.reject_tag(tagged_draft, alice, _item(tagged_draft, "digitalisering").pk, 9)
        client.force_login(alice)
        page = _page(client, reverse("review", args=[tagged_draft.pk]))
        assert re.search(r"<del><span class=\"sdg-goal\">.*?>9</span>", page, re.S)

    def test_a_decision_button_on_the_review_page_does_what_it_says(self, client, tagged_draft, alice):
        client.force_login(alice)
        item = _item(tagged_draft, "kurs")
        page = _page(client, reverse("review", args=[tagged_draft.pk]))
        form = re.search(rf'<form method="post" action="([^"]+)">(<input[^>]+>)<input type="hidden" name="item" '
                         rf'value="{item.pk}">', page)
        token = re.search(r'value="([^"]+)"', form.group(2)).group(1)
        response = client.post(form.group(1), {"csrfmiddlewaretoken": token, "item": item.pk, "decide": "reject-4"})
        assert response.status_code == 302
        assert ItemTag.objects.get(item=item, goal_id=4).status == "rejected"
        assert ItemTag.objects.get(item=item, goal_id=8).status == "proposed"
