"""SDG proposals are the machine's guesses: only the editors of the strategy's organisation see them.

Everyone else (anonymous visitors, the organisation's readers, other
organisations' editors) sees the tags a person accepted or added, on every
page and export that shows tags: the strategy page, the SDG index, a goal's
page, a strategy's profile (HTML and JSON) and a measure's page.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.web.conftest import OnSharedPublishedStrategy, ks_and_alice, make_people_and_strategy
from veikart.sdg.classifier import SdgMatch
from veikart.web.planning.models import ActionPlan, Measure
from veikart.web.sdgtags import services
from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue
from veikart.web.sdgtags.models import ItemTag, TagStatus
from veikart.web.strategies.models import Item, Strategy

# Goal 16 is only ever proposed here, goal 9 is accepted by a person: 16 must appear to editors only.
RULES = {
    "digitalisering": [SdgMatch(9, 0.81, ("9.c",), "Ord: «digitalisering».")],
    "kurs": [SdgMatch(16, 0.64, ("16.4",), "Ord: «kurs».")],
}
PROPOSED_ONLY = "Fred, rettferdighet og velfungerende institusjoner"   # goal 16's short name
ACCEPTED = "Industri, innovasjon og infrastruktur"                    # goal 9's short name


def _classify(text: str, language: str | None = None) -> list[SdgMatch]:
    return [m for word, matches in RULES.items() if word in text for m in matches]


def build_world() -> dict:
    """The people and KS's published strategy with its tags: goal 16 only proposed, goal 9 accepted by alice (on an
    item and on a measure of the strategy's action plan)."""
    keys = make_people_and_strategy(publish=True)
    _ks, alice = ks_and_alice(keys)
    published = Strategy.objects.get(pk=keys["strategy"])
    ensure_sdg_catalogue()
    ItemTag.objects.filter(strategy=published).delete()
    plan = ActionPlan.objects.create(strategy=published, year=2025)
    measure = Measure.objects.create(plan=plan, title="Tilby kurs i digitalisering")
    services.propose_tags(published, _classify)
    item = Item.objects.get(section__strategy=published, text__contains="digitalisering")
    services.accept_tag(published, alice, item.pk, 9)
    services.accept_tag(published, alice, None, 9, measure_id=measure.pk)
    return {**keys, "measure": measure.pk}


def _pages(strategy, measure) -> dict[str, str]:
    return {
        "strategy": strategy.get_absolute_url(),
        "index": reverse("sdgtags:index"),
        "index json": reverse("sdgtags:index") + "?format=json",
        "goal": reverse("sdgtags:goal", args=[16]),
        "goal json": reverse("sdgtags:goal", args=[16]) + "?format=json",
        "profile": reverse("sdgtags:profile", args=[strategy.pk]),
        "profile json": reverse("sdgtags:profile", args=[strategy.pk]) + "?format=json",
        "measure": reverse("planning:measure", args=[measure.pk]),
    }


class TestTheWorld(OnSharedPublishedStrategy):
    """The strategy and its tags are made once for the class (the import costs more than a test); each test's changes
    are rolled back after it."""

    build = staticmethod(build_world)

    @pytest.fixture
    def world(self, published, shared):
        cache.clear()  # the strategy page caches its tree per version, which repeats between tests
        assert ItemTag.objects.filter(strategy=published, goal_id=16, status=TagStatus.PROPOSED).count() == 2
        return published, Measure.objects.get(pk=shared["measure"])

    @pytest.mark.parametrize("who", ["anonymous", "bob", "charlie"])
    def test_no_one_but_the_organisations_editors_sees_a_proposed_only_tag(self, client, people, world, who):
        strategy, measure = world
        if who != "anonymous":
            client.force_login(people[who])  # bob reads KS; charlie edits Oslo
        pages = {}
        for name, url in _pages(strategy, measure).items():
            response = client.get(url)
            assert response.status_code == 200, name
            pages[name] = response.content.decode()
            assert "Ord: «kurs»" not in pages[name], name       # a proposal's reason
            assert "sdg-proposed" not in pages[name], name
            if not (who == "charlie" and name.startswith("goal")):  # charlie is told of Oslo's proposals (none)
                assert "foreslått" not in pages[name].lower(), name  # nor any count of proposals
                assert '"proposed"' not in pages[name], name
        for name in ("strategy", "profile", "measure"):           # pages that name a goal only when tagged with it
            assert PROPOSED_ONLY not in pages[name], name
            assert ACCEPTED in pages[name], name                  # what a person accepted is public
        assert "Tilby kurs" not in pages["goal"]
        assert client.get(reverse("sdgtags:goal", args=[16]) + "?format=json").json()["items"] == []
        index = {row["goal"]: row for row in client.get(reverse("sdgtags:index") + "?format=json").json()["goals"]}
        assert (index[16]["confirmed"], index[16]["strategies"], index[9]["confirmed"]) == (0, 0, 2)
        profile = client.get(reverse("sdgtags:profile", args=[strategy.pk]) + "?format=json").json()
        assert [row["goal"] for row in profile["goals"]] == [9]

    def test_the_organisations_editor_sees_proposals_marked_as_proposals(self, client, alice, world):
        strategy, measure = world
        client.force_login(alice)
        page = client.get(strategy.get_absolute_url()).content.decode()
        course = page.split("Tilby kurs i ledelse.")[1].split("</ul>")[0]
        assert PROPOSED_ONLY in course and "sdg-proposed" in course and "(foreslått, styrke 0,64)" in course
        digital = page.split("KS er en pådriver for digitalisering.")[1].split("</li>")[0]
        assert ACCEPTED in digital and "foreslått" not in digital
        goal = client.get(reverse("sdgtags:goal", args=[16])).content.decode()
        assert "Tilby kurs i ledelse." in goal and "Foreslått (styrke 0,64)." in goal
        profile = client.get(reverse("sdgtags:profile", args=[strategy.pk]) + "?format=json").json()
        counts = {row["goal"]: (row["confirmed"], row["proposed"]) for row in profile["goals"]}
        assert counts == {9: (2, 0), 16: (0, 2)}
        measure_page = client.get(reverse("planning:measure", args=[measure.pk])).content.decode()
        assert PROPOSED_ONLY in measure_page and "Foreslått" in measure_page

    def test_the_cached_strategy_page_is_not_shared_between_an_editor_and_a_visitor(self, client, alice, world):
        strategy, _measure = world
        client.force_login(alice)
        assert PROPOSED_ONLY in client.get(strategy.get_absolute_url()).content.decode()  # rendered and cached
        client.logout()
        assert PROPOSED_ONLY not in client.get(strategy.get_absolute_url()).content.decode()
