"""The search and comparison pages in English once a visitor picks English; every string translated."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

import veikart.web.search
from tests.catalogues import english_catalogue
from tests.search.conftest import make_strategy


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_search_page_turns_english_with_english_kind_labels(client, ks, alice):
    make_strategy(ks, alice, "KS strategi", {"Oppvekst": ["Flere barnehager i kommunene."]})
    before = client.get(reverse("search"), {"q": "barnehager"}).content.decode()
    assert "Treff" in before and '<span class="kind">Mål</span>' in before
    _english(client)
    page = client.get(reverse("search"), {"q": "barnehager"}).content.decode()
    assert "Results" in page and '<span class="kind">Goal</span>' in page
    assert "Søk i strategier, mål og tiltak" not in page


def test_the_comparison_labels_its_levels_and_changes_in_english(client, ks, alice):
    old = make_strategy(ks, alice, "Plan 2016", {"Oppvekst": ["Alle barn skal ha plass i barnehage."]},
                        period=(2016, 2019))
    new = make_strategy(ks, alice, "Plan 2020", {"Oppvekst": ["Alle barn skal ha plass i en god barnehage."]})
    client.get(reverse("compare"), {"a": old.pk, "b": new.pk})  # cached in bokmål first
    _english(client)
    page = client.get(reverse("compare"), {"a": old.pk, "b": new.pk}).content.decode()
    assert "Compare periods" in page and "Focus areas" in page and ">reworded<" in page
    assert "[added]" in page and "Fokusområder" not in page and "omformulert<" not in page


def test_every_search_string_has_an_english_translation_in_the_compiled_catalogue():
    catalogue = english_catalogue(Path(veikart.web.search.__file__).parent)
    assert catalogue.pgettext("search kind", "Tiltak") == "Measure"
