"""Period comparison and plan alignment pages on the two KS strategies."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.search.conftest import make_strategy
from tests.web.conftest import OnSharedRows, ks_and_alice, make_people
from veikart.web.strategies import services
from veikart.web.strategies.management.commands.load_demo import SAMPLES, samples_dir
from veikart.web.strategies.models import Strategy


class TestOnTheTwoKsDocuments(OnSharedRows):
    """The two KS documents imported and published once for the class (each import costs more than a test's
    requests); every test's changes are rolled back after it."""

    @staticmethod
    def build() -> dict[str, object]:
        keys = make_people()
        ks, alice = ks_and_alice(keys)
        folder = samples_dir()
        pair = []
        for name in SAMPLES:
            strategy = services.import_document(ks, (folder / name).read_bytes(), name, alice)
            pair.append(services.publish(strategy, alice).pk)
        return {**keys, "ks_pair": pair}

    @pytest.fixture
    def ks_pair(self, db, shared):
        return [Strategy.objects.get(pk=pk) for pk in shared["ks_pair"]]

    def test_the_comparison_page_defaults_to_ks_2016_and_2020(self, client, ks_pair):
        page = client.get(reverse("compare")).content.decode()
        assert re.search(r"Av \d+ mål i 2016–2019 er \d+ beholdt eller omformulert i 2020–2023", page)
        # One language per page: the summary in the page's language only.
        assert " goals in 2016–2019" not in page and "Of " not in page

    def test_the_comparison_speaks_nynorsk_when_the_visitor_chose_it(self, client, ks_pair):
        client.post(reverse("set_language"), {"language": "nn", "next": "/"})
        page = client.get(reverse("compare")).content.decode()
        assert re.search(r"Av \d+ mål i 2016–2019 \S+ \d+ behalde eller omformulert i 2020–2023, \d+ slått saman", page)
        assert "Fokusområde<" in page and "Fokusområder<" not in page
        assert " / " not in re.search(r"<select[^>]*>.*?</select>", page, re.S).group(0)

    def test_the_comparison_marks_changed_words_with_text_labels(self, client, ks_pair):
        page = client.get(reverse("compare")).content.decode()
        assert re.search(r'<del><span class="diff-label">\[fjernet\]</span> ', page)
        assert re.search(r'<ins><span class="diff-label">\[lagt til\]</span> ', page)

    def test_the_comparison_can_show_one_relation_only(self, client, ks_pair):
        old, new = ks_pair
        page = client.get(reverse("compare"), {"a": old.pk, "b": new.pk, "relasjon": "dropped"}).content.decode()
        relations = set(re.findall(r'<tr class="relation-(\w+)">', page))
        assert relations == {"dropped"}

    def test_the_comparison_refuses_a_draft_it_may_not_show(self, client, ks, alice, ks_pair):
        draft = make_strategy(ks, alice, "Utkast", {"A": ["Et mål."]}, publish=False)
        assert client.get(reverse("compare"), {"a": ks_pair[0].pk, "b": draft.pk}).status_code == 404

    def test_the_comparison_page_survives_nonsense_parameters(self, client, ks_pair):
        response = client.get(reverse("compare"), {"a": "x'; --", "b": "-5", "relasjon": "<script>"})
        assert response.status_code == 200

    def test_plan_alignment_of_a_draft_is_for_members_only(self, client, oslo, charlie, bob, ks_pair):
        plan = make_strategy(oslo, charlie, "Oslo utkast", {"A": ["Et mål om klima."]}, publish=False)
        client.force_login(bob)
        assert client.get(reverse("alignment"), {"strategi": plan.pk}).status_code == 404
        client.force_login(charlie)
        assert client.get(reverse("alignment"), {"strategi": plan.pk}).status_code == 200


def test_plan_alignment_says_so_when_ks_has_published_nothing(client, oslo, charlie):
    plan = make_strategy(oslo, charlie, "Oslo plan", {"A": ["Et mål om klima."]})
    page = client.get(reverse("alignment"), {"strategi": plan.pk}).content.decode()
    assert "KS har ingen publisert strategi" in page
