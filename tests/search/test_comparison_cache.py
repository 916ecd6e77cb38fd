"""The comparison page computes a pair of strategy versions once; a new version computes again."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.search.conftest import make_strategy
from veikart.web.compare import comparison
from veikart.web.compare.models import CachedComparison
from veikart.web.strategies import edits
from veikart.web.strategies.models import Item, Strategy

OLD = {"Oppvekst": ["Alle barn skal ha plass i barnehage.", "Skolene skal bli bedre."],
       "Klima": ["Kommunene skal kutte utslipp."]}
NEW = {"Oppvekst": ["Alle barn skal ha plass i en god barnehage."], "Helse": ["Flere skal leve lenge."]}


@pytest.fixture
def pair(ks, alice):
    return (make_strategy(ks, alice, "Plan 2016", OLD, period=(2016, 2019)),
            make_strategy(ks, alice, "Plan 2020", NEW, period=(2020, 2023)))


@pytest.fixture
def computations(monkeypatch):
    calls = []
    real = comparison.compute

    def counting(old, new):
        calls.append((old.pk, old.version, new.pk, new.version))
        return real(old, new)

    monkeypatch.setattr(comparison, "compute", counting)
    return calls


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def _page(client, old, new, **extra) -> str:
    return client.get(reverse("compare"), {"a": old.pk, "b": new.pk, **extra}).content.decode()


def test_a_second_view_of_the_same_pair_does_not_compute_again(client, pair, computations):
    first = _page(client, *pair)
    second = _page(client, *pair)
    assert len(computations) == 1
    assert _without_tokens(first) == _without_tokens(second) and "relation-reworded" in first


def test_the_cached_result_is_the_same_as_a_fresh_one(pair):
    old, new = pair
    cached = comparison.comparison_view(old, new)  # computes and stores
    again = comparison.comparison_view(old, new)  # read back from the table
    assert again["levels"] == cached["levels"] and again["summary"] == cached["summary"]
    fresh = json.loads(json.dumps(comparison.compute(old, new)))  # tuples become lists, as in the table
    assert fresh == CachedComparison.objects.get().data


def test_showing_one_relation_uses_the_cached_pair(client, pair, computations):
    _page(client, *pair)
    page = _page(client, *pair, relasjon="dropped")
    assert len(computations) == 1
    assert "Skolene skal bli bedre." in page and "relation-reworded" not in page


def test_an_edit_makes_a_new_version_that_is_compared_again_and_replaces_the_old_row(client, alice, pair,
                                                                                      computations):
    old, new = pair
    _page(client, old, new)
    item = Item.objects.get(section__strategy=new, text__startswith="Flere skal")
    edits.edit_item(new, alice, item.pk, item.version, "Flere skal leve lenge og godt.")
    new = Strategy.objects.get(pk=new.pk)
    page = _page(client, old, new)
    assert [c[3] for c in computations] == [new.version - 1, new.version]
    assert "Flere skal leve lenge og godt." in page
    assert list(CachedComparison.objects.values_list("new_version", flat=True)) == [new.version]


def test_deleting_a_strategy_deletes_its_cached_comparisons(pair):
    old, new = pair
    comparison.comparison_view(old, new)
    Strategy.objects.filter(pk=new.pk).delete()
    assert not CachedComparison.objects.exists()
