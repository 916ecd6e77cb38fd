"""Weigh the evidence for one goal: keywords, TF-IDF and meaning, in one small logistic model.

For a text and each of the 17 goals ``goal_features`` gives a few numbers;
``probability`` turns them into the chance that a person would tag the text
with the goal. The weights are fitted by ``python -m veikart.sdg.tune`` on our
own labelled Norwegian sentences (the "tune" split of data/eval_nb.jsonl and
data/eval_municipal.jsonl) and copied into ``classifier.Settings`` by hand, so
a change of weights shows in review. Nothing here has seen the SDG
Classification Benchmark.
"""

from __future__ import annotations

import math

import numpy as np

FEATURES = (
    "keywords",        # 1 - exp(-lexicon evidence): 0 without a keyword of the goal
    "tfidf",           # best TF-IDF cosine to one of the goal's target texts (in the text's language)
    "meaning",         # best embedding cosine to one of the goal's targets (bokmål or English text)
    "meaning_gap",     # how far that is below the best goal's: 0 for the nearest goal
    "meaning_z",       # standardised over the 17 goals: how much this goal stands out for this text
    "title",           # embedding cosine to the goal's own title
    "nearest",         # 1 for the goal whose target is nearest in meaning, else 0
)


def goal_features(keywords: np.ndarray, tfidf: np.ndarray, meaning: np.ndarray, title: np.ndarray) -> np.ndarray:
    """(17, len(FEATURES)) features of one text; each argument holds one value per goal, in goal order."""
    best = float(meaning.max())
    spread = float(meaning.std()) or 1.0
    nearest = (meaning >= best).astype(np.float32)
    return np.stack([
        keywords, tfidf, meaning, meaning - best, (meaning - meaning.mean()) / spread, title, nearest,
    ], axis=1).astype(np.float32)


def probability(features: np.ndarray, weights: tuple[float, ...], bias: float) -> np.ndarray:
    """Logistic model: the chance per row that the goal applies."""
    z = features @ np.asarray(weights, dtype=np.float32) + bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, rounds: int = 50) -> tuple[tuple[float, ...], float]:
    """L2-regularised logistic regression by Newton's method (a few thousand rows, seven columns).

    Features are standardised for the fit and the weights mapped back, so ``l2`` treats every feature alike;
    the bias is not penalised.
    """
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    weights = w[:-1] / std
    bias = float(w[-1] - (mean / std) @ w[:-1])
    return tuple(round(float(v), 4) for v in weights), round(bias, 4)


def keyword_strength(evidence: float, norm: float, scale: float) -> float:
    """Lexicon evidence as a number in [0, 1), longer texts needing more of it."""
    return 1.0 - math.exp(-(evidence / norm) / scale)
