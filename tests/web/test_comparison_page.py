"""The period comparison page: warnings, the reason of each link, and meaning from the vector cache only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.search.conftest import make_strategy
from tests.web.test_alignment_page import store_vectors
from veikart.web.compare import comparison

OLD = {"Arbeidsgiver": ["Sykefraværet i kommunen skal ned, og flere ansatte skal ha heltidsstillinger."],
       "Oppvekst": ["Fosterhjemmene har gode rammebetingelser og stabil rekruttering."]}
NEW = {"Arbeidsgiver": ["Kommunen reduserer sykefraværet og utvikler en heltidskultur."],
       "Klima": ["Kommunen kutter klimagassutslippene med 60 prosent innen 2030."]}


@pytest.fixture
def pair(ks, alice):
    return (make_strategy(ks, alice, "Plan 2016", OLD, period=(2016, 2019)),
            make_strategy(ks, alice, "Plan 2020", NEW, period=(2020, 2023)))


def _page(client, old, new) -> str:
    return client.get(reverse("compare"), {"a": old.pk, "b": new.pk}).content.decode()


def test_a_link_shows_its_similarity_and_the_words_the_two_texts_share(client, pair):
    store_vectors(*pair)
    page = _page(client, *pair)
    rows = [r.split("</tr>")[0] for r in page.split('<tr class="relation-')[1:]]
    row = next(r for r in rows if "heltidskultur" in r)  # the employer goal's link (its words are diffed)
    assert "likhet" in row and "felles ord:" in row and "sykefraværet" in row.split("felles ord:")[1]
    assert "Advarsel:" not in page and "ingen meningsvektor" not in page


def test_reversed_periods_are_warned_about(client, pair):
    old, new = pair
    page = _page(client, new, old)
    assert "Advarsel:" in page and "er de byttet om?" in page


def test_two_organisations_are_warned_about(client, ks, oslo, alice, charlie):
    theirs = make_strategy(oslo, charlie, "Oslo 2020", NEW, period=(2020, 2023))
    ours = make_strategy(ks, alice, "KS 2016", OLD, period=(2016, 2019))
    page = _page(client, ours, theirs)
    assert "Strategiene er fra to organisasjoner (KS, Oslo kommune)" in page


def test_a_side_without_goals_is_warned_about(client, ks, alice, pair):
    empty = make_strategy(ks, alice, "Tom plan", {"Tiltak": ["+Vi bygger en skole."]}, period=(2024, 2027))
    page = _page(client, pair[1], empty)
    assert "har ingen mål å sammenligne" in page


def test_without_vectors_it_counts_words_and_computes_again_once_they_are_stored(client, pair, monkeypatch):
    calls = []
    real = comparison.compute
    monkeypatch.setattr(comparison, "compute", lambda old, new: calls.append(1) or real(old, new))
    first = _page(client, *pair)
    assert "har ennå ingen meningsvektor" in first
    _page(client, *pair)
    assert len(calls) == 1  # nothing new in the vector cache: the stored result stands
    store_vectors(*pair)
    third = _page(client, *pair)
    assert len(calls) == 2 and "ingen meningsvektor" not in third
