"""Fit the classifier's logistic model on the tuning split of our labelled Norwegian sentences.

    python -m veikart.sdg.tune [--vectors FILE]

Uses only texts marked "tune": half of KS's sentences (data/eval_nb.jsonl),
Krødsherad's samfunnsdel (bokmål) and sentences from Gol's health and care
plan, planstrategi and planprogram (nynorsk; data/eval_municipal.jsonl). The regularisation and
the probability at which a goal is proposed are chosen by 5-fold
cross-validation within those texts (micro F1); the weights are then fitted
on all of them. The "test" texts (the other half of KS, and Gol's nynorsk
samfunnsdel) and the SDG Classification Benchmark are never read here.
Copy the printed values into ``Settings`` in classifier.py by hand, so the
change is visible in review.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from veikart.sdg import combine
from veikart.sdg.catalogue import GOAL_NUMBERS
from veikart.sdg.classifier import SdgClassifier
from veikart.sdg.evaluate import Binary, LabelledText, load_norwegian_sets, text_vectors

L2 = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
PROBABILITIES = tuple(round(p, 2) for p in np.arange(0.2, 0.75, 0.05))
FOLDS = 5


def _micro_f1(chance: np.ndarray, labels: np.ndarray, probability: float, max_goals: int) -> float:
    """Micro F1 of the decisions classify_many would make: chance >= probability, at most max_goals per text."""
    tp = fp = fn = 0
    for row, truth in zip(chance, labels, strict=True):
        order = np.argsort(-row)[:max_goals]
        chosen = np.zeros_like(truth, dtype=bool)
        chosen[order[row[order] >= probability]] = True
        tp += int((chosen & truth).sum())
        fp += int((chosen & ~truth).sum())
        fn += int((~chosen & truth).sum())
    counts = Binary(tp=tp, fp=fp, fn=fn)
    return counts.f1


def tune(cache: str | None = None) -> dict:
    items: list[LabelledText] = [i for i in load_norwegian_sets() if i.split == "tune"]
    classifier = SdgClassifier()
    texts = [i.text for i in items]
    features = np.stack(classifier.features(texts, text_vectors(texts, cache)))  # (texts, 17, features)
    labels = np.array([[g in i.sdgs for g in GOAL_NUMBERS] for i in items])
    folds = np.arange(len(items)) % FOLDS
    max_goals = classifier.settings.max_goals
    results = []
    for l2 in L2:
        chance = np.zeros(labels.shape)
        for fold in range(FOLDS):
            train, held = folds != fold, folds == fold
            weights, bias = combine.fit_logistic(features[train].reshape(-1, features.shape[2]),
                                                 labels[train].reshape(-1).astype(float), l2)
            chance[held] = combine.probability(features[held], weights, bias)
        for probability in PROBABILITIES:
            results.append((_micro_f1(chance, labels, probability, max_goals), l2, probability))
    results.sort(key=lambda r: (-r[0], -r[1]))
    best_f1, l2, probability = results[0]
    weights, bias = combine.fit_logistic(features.reshape(-1, features.shape[2]),
                                         labels.reshape(-1).astype(float), l2)
    fitted = combine.probability(features, weights, bias)
    return {"texts": len(items), "cv_micro_f1": best_f1, "l2": l2, "probability": probability,
            "weights": weights, "bias": bias, "fit_micro_f1": _micro_f1(fitted, labels, probability, max_goals),
            "top": results[:8]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", metavar="FILE", default=None, help="cache of the texts' vectors (.npz)")
    args = parser.parse_args(argv)
    result = tune(args.vectors)
    print(f"{result['texts']} tuning texts; 5-fold CV micro F1 {result['cv_micro_f1']:.3f} "
          f"(l2={result['l2']}, probability={result['probability']}); on all of them {result['fit_micro_f1']:.3f}")
    for f1, l2, probability in result["top"]:
        print(f"  CV micro F1 {f1:.3f}  l2={l2}  probability={probability}")
    print(f"weights: tuple[float, ...] = {result['weights']}  # {', '.join(combine.FEATURES)}")
    print(f"bias: float = {result['bias']}")
    print(f"probability: float = {result['probability']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
