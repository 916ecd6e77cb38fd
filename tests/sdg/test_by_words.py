"""Proposals by words alone (VEIKART_MEANING off): the goals of ``goals_by_words``, explained, nothing embedded."""

from __future__ import annotations

import pytest

from veikart.sdg import classifier
from veikart.sdg.classifier import classify_many_by_words, default_classifier


@pytest.fixture
def no_model(monkeypatch):
    def refuse(texts):
        raise AssertionError("the words-only path embedded a text")

    monkeypatch.setattr(classifier.SdgClassifier, "embed", staticmethod(refuse))


def test_the_goals_are_goals_by_words_and_each_has_a_reason_with_the_words_that_matched(no_model):
    texts = ["Redusere klimagassutslippene", "Cut greenhouse gas emissions", "", "Møtet begynner klokka ni."]
    found = classify_many_by_words(texts)
    assert [[m.goal for m in matches] for matches in found] == [
        list(default_classifier().goals_by_words(text)) for text in texts
    ]
    assert found[0] and found[0][0].goal == 13 and found[1] and found[1][0].goal == 13
    assert found[2] == [] and found[3] == []
    for match in found[0] + found[1]:
        assert 0 < match.score <= 1 and match.why and match.terms
        assert match.targets and all(t.split(".")[0] == str(match.goal) for t in match.targets)


def test_a_nynorsk_texts_reason_by_words_is_nynorsk(no_model):
    [[match, *_]] = classify_many_by_words(["Vi skal redusere klimagassutsleppa"], "nn")
    assert match.goal == 13 and match.why.startswith("Ord: «klimagassutsleppa». Nærast i meining (likskap 0,")
