"""Fixtures: the web tests' people and strategies, and a predictable classifier.

The tags most tests need come from a fake classifier, so they test Veikart's
rules (a person's choice wins, permissions, pages), not the classifier's
current lexicon; one test runs the real classifier through an import.
"""

from __future__ import annotations

import functools

import pytest
from django.core.cache import cache

from tests.web.conftest import (  # noqa: F401  (shared fixtures: alice edits KS, bob reads, charlie is Oslo's)
    OnSharedDraft,
    OnSharedPublishedStrategy,
    _web_settings,
    alice,
    bob,
    charlie,
    dave,
    draft,
    make_people_and_strategy,
    people,
    published,
    strategy_json,
)
from veikart.sdg.classifier import SdgMatch
from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue
from veikart.web.sdgtags.models import ItemTag
from veikart.web.sdgtags.services import propose_tags
from veikart.web.strategies.models import Strategy

RULES: dict[str, list[SdgMatch]] = {
    "digitalisering": [SdgMatch(9, 0.81, ("9.c",), "Ord: «digitalisering».")],
    "arbeidsgivere": [SdgMatch(8, 0.72, ("8.5",), "Ord: «arbeidsgivere».")],
    "kurs": [SdgMatch(4, 0.64, ("4.4",), "Ord: «kurs»."), SdgMatch(8, 0.55, (), "Ord: «ledelse».")],
}


def fake_classify(text: str, language: str | None = None) -> list[SdgMatch]:
    return [match for word, matches in RULES.items() if word in text for match in matches]


@pytest.fixture
def classify():
    return fake_classify


@pytest.fixture(autouse=True)
def _catalogue(db):
    ensure_sdg_catalogue()  # a browser test's flush may have emptied the tables the migration filled
    cache.clear()  # strategy.html caches its tree by (id, version), which repeat between tests


def _retag(strategy):
    ItemTag.objects.filter(strategy=strategy).delete()  # forget the real classifier's proposals from the import
    propose_tags(strategy, fake_classify)
    return strategy


@pytest.fixture
def tagged_draft(request):
    return _retag(request.getfixturevalue("draft"))


@pytest.fixture
def tagged(request):
    return _retag(request.getfixturevalue("published"))


def _build_tagged(*, publish: bool) -> dict[str, int]:
    """``make_people_and_strategy`` with the strategy's tags from the fake classifier."""
    ensure_sdg_catalogue()
    keys = make_people_and_strategy(publish=publish)
    _retag(Strategy.objects.get(pk=keys["strategy"]))
    return keys


class OnTaggedStrategy(OnSharedPublishedStrategy):
    """KS's published strategy tagged by the fake classifier (``tagged``) and the people, made once for the
    class; each test's changes are rolled back after it."""

    build = staticmethod(functools.partial(_build_tagged, publish=True))

    @pytest.fixture
    def tagged(self, shared, db, request):  # shared first: built before the test's transaction
        return request.getfixturevalue("published")  # the class's own (the name is imported above)


class OnTaggedDraft(OnSharedDraft):
    """KS's draft tagged by the fake classifier (``tagged_draft``) and the people, made once for the class;
    each test's changes are rolled back after it."""

    build = staticmethod(functools.partial(_build_tagged, publish=False))

    @pytest.fixture
    def tagged_draft(self, shared, db, request):  # shared first: built before the test's transaction
        return request.getfixturevalue("draft")  # the class's own (the name is imported above)
