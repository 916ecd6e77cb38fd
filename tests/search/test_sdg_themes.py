"""The search index's SDG themes never wait for the embedding model (indexing runs inside edits)."""

from __future__ import annotations

import pytest

from tests.search.conftest import make_strategy
from veikart.sdg import classifier
from veikart.web.search.models import Kind, SearchDocument
from veikart.web.semantic.store import embed_and_store

CLIMATE = "Redusere klimagassutslippene fra transport og oppvarming i kommunen"


def _no_model(texts):
    raise AssertionError("the search index must not embed texts")


@pytest.fixture(autouse=True)
def _no_proposals(monkeypatch):
    """The SDG proposals task embeds (in the worker, rightly); these tests watch the index alone."""
    from veikart.web.sdgtags import tasks

    monkeypatch.setattr(tasks, "queue_proposals", lambda strategy: None)


def test_texts_without_vectors_get_themes_by_words_without_embedding(monkeypatch, ks, alice):
    monkeypatch.setattr(classifier.SdgClassifier, "embed", staticmethod(_no_model))
    make_strategy(ks, alice, "Klimaplan", {"Klima": [CLIMATE]})
    row = SearchDocument.objects.get(kind=Kind.GOAL, body=CLIMATE)
    assert ",13," in row.sdgs


@pytest.mark.django_db
def test_words_only_goals_are_the_lexicons_best_first():
    found = classifier.default_classifier().goals_by_words(CLIMATE, "nb")
    assert list(found)[0] == 13 and 0.5 <= found[13] <= 1
    assert classifier.default_classifier().goals_by_words("   ", "nb") == {}
    assert classifier.default_classifier().goals_by_words("Møtet starter klokka ni.", "nb") == {}


def test_a_cached_vector_gives_the_full_classifier(monkeypatch, ks, alice):
    text = f"\n{CLIMATE}"  # what the index classifies of a goal: its (empty) title and its text
    embed_and_store([text.strip()])
    seen = []
    real = classifier.SdgClassifier.classify_many

    def spy(self, texts, language=None, vectors=None):
        seen.append((list(texts), vectors is not None))
        return real(self, texts, language, vectors)

    monkeypatch.setattr(classifier.SdgClassifier, "classify_many", spy)
    monkeypatch.setattr(classifier.SdgClassifier, "embed", staticmethod(_no_model))
    make_strategy(ks, alice, "Klimaplan", {"Klima": [CLIMATE]})
    assert any(CLIMATE in texts and given for texts, given in seen)
    assert ",13," in SearchDocument.objects.get(kind=Kind.GOAL, body=CLIMATE).sdgs
