"""SDG proposals that use meaning: shipped target vectors, the logistic model, targets within their goal.

Each test embeds a handful of short texts with the one model the process loads.
"""

from __future__ import annotations

import numpy as np
import pytest

from veikart.sdg import combine
from veikart.sdg.catalogue import load_catalogue
from veikart.sdg.classifier import default_classifier
from veikart.sdg.evaluate import EvaluationError, parse_labelled_jsonl
from veikart.sdg.vectors import fingerprint, load_target_vectors


def test_the_shipped_target_vectors_are_current():
    vectors = load_target_vectors()  # raises StaleVectorsError when the catalogue or the model changed
    catalogue = load_catalogue()
    assert vectors.target_ids == tuple(catalogue.targets) and len(vectors.target_ids) == 169
    assert vectors.targets_nb.shape == vectors.targets_en.shape == (169, 384)
    assert np.allclose(np.linalg.norm(vectors.goals_en, axis=1), 1.0, atol=1e-3)
    assert len(fingerprint(catalogue)) == 64


def test_the_shipped_vectors_are_the_models_vectors_of_the_target_texts():
    from veikart.semantic import embed_passages

    catalogue = load_catalogue()
    vectors = load_target_vectors()
    row = list(catalogue.targets).index("13.2")
    fresh = embed_passages([catalogue.targets["13.2"].text_nb, catalogue.targets["13.2"].text_en])
    assert float(fresh[0] @ vectors.targets_nb[row]) > 0.999  # float16 in the file
    assert float(fresh[1] @ vectors.targets_en[row]) > 0.999


def test_the_logistic_fit_recovers_a_rule_it_was_given():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 2))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(3 * x[:, 0] - 1)))).astype(float)  # the second column is noise
    weights, bias = combine.fit_logistic(x, y, l2=0.01)
    assert weights[0] == pytest.approx(3, abs=0.4) and abs(weights[1]) < 0.3 and bias == pytest.approx(-1, abs=0.3)


def test_features_say_which_goal_is_nearest_in_meaning():
    meaning = np.linspace(0.80, 0.88, 17, dtype=np.float32)
    features = combine.goal_features(np.zeros(17), np.zeros(17), meaning, meaning)
    gap, nearest = combine.FEATURES.index("meaning_gap"), combine.FEATURES.index("nearest")
    assert features.shape == (17, len(combine.FEATURES))
    assert features[16, gap] == 0 and features[0, gap] == pytest.approx(-0.08)
    assert features[:, nearest].tolist() == [0.0] * 16 + [1.0]


TEXTS = [
    "Et program for digitale ferdigheter for innbyggerne.",           # once proposed 16.4 (illicit arms flows)
    "Flere lærlinger i helse- og omsorgsfag.",                          # once proposed 3.2 (newborn deaths)
    "Vi skal redusere dei sosiale skilnadene i kommunen.",               # nynorsk: once no goal 10
    "Redusere klimagassutslippene fra kommunens egen virksomhet.",
]


@pytest.fixture(scope="module")
def proposals():
    return dict(zip(TEXTS, default_classifier().classify_many(TEXTS), strict=True))


def test_a_digital_skills_programme_is_not_about_illicit_arms(proposals):
    assert all(m.goal != 16 for m in proposals[TEXTS[0]])


def test_health_care_apprentices_are_about_the_health_workforce_not_newborn_deaths(proposals):
    health = [m for m in proposals[TEXTS[1]] if m.goal == 3]
    assert health and "3.2" not in health[0].targets and "3.c" in health[0].targets  # 3.c: the health workforce


def test_nynorsk_social_differences_serve_goal_10(proposals):
    assert proposals[TEXTS[2]][0].goal == 10


def test_a_target_is_proposed_only_under_its_goal_and_every_proposal_explains_itself(proposals):
    for matches in proposals.values():
        for match in matches:
            assert match.targets and all(t.split(".")[0] == str(match.goal) for t in match.targets)
            assert "Nærmest i mening" in match.why and 0.0 <= match.score <= 1.0
    assert [m.goal for m in proposals[TEXTS[3]]][0] == 13


def test_given_vectors_give_the_same_proposals_without_embedding(proposals, monkeypatch):
    classifier = default_classifier()
    vectors = classifier.embed(TEXTS)
    monkeypatch.setattr(type(classifier), "embed", staticmethod(lambda texts: pytest.fail("embedded again")))
    again = classifier.classify_many(TEXTS, vectors=vectors)
    assert [[(m.goal, m.targets) for m in ms] for ms in again] == [
        [(m.goal, m.targets) for m in proposals[t]] for t in TEXTS]
    assert classifier.classify_many(["", "  "], vectors=np.zeros((2, 384), dtype=np.float32)) == [[], []]


def test_a_labelled_set_names_a_known_split_and_language():
    good = '{"id": "x", "text": "t", "sdgs": [10], "split": "test", "language": "nn"}'
    assert parse_labelled_jsonl(good)[0].language == "nn"
    with pytest.raises(EvaluationError, match="language"):
        parse_labelled_jsonl('{"id": "x", "text": "t", "sdgs": [], "split": "test", "language": "sv"}')
