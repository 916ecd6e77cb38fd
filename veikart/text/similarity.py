"""TF-IDF cosine over bags of terms: the one weighting for search's similar items and for comparison.

- ``top_similar``: every source's most similar candidates in a large corpus
  (similar items in the web app), sparse, in plain Python.
- ``TfIdf``: a dense space for comparing every item of one strategy with
  every item of another (veikart.compare.similarity).

Texts arrive as bags of veikart.text terms. IDF is fitted on the corpus given
(sources and candidates together), term frequency is sublinear (a word said
twice is not twice as relevant), vectors are L2-normalised. A candidate is
only scored on the terms it shares with some source (an inverted index of
the sources), so one pass over the corpus finds every source's top n.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

MIN_SCORE = 0.05  # below this two texts only share a common word or two
MAX_SHARED = 6
# A candidate is looked at only when it shares a term that at most this share
# of the corpus has: pairs that share nothing but words like "kommune" and
# "skal" score below MIN_SCORE anyway, and they are most of the corpus.
COMMON_SHARE = 0.05


@dataclass(frozen=True)
class Bag:
    key: Hashable  # what the caller stores (an index row id)
    group: Hashable  # items of the same group (strategy) are never similar to each other
    terms: Counter[str]


@dataclass(frozen=True)
class Match:
    target: Hashable
    score: float
    shared: tuple[str, ...]  # the terms that contribute most, best first


def document_frequencies(bags: Iterable[Bag | Counter[str]]) -> Counter[str]:
    """In how many bags each term is."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.terms.keys() if isinstance(bag, Bag) else bag.keys())
    return df


def idf_table(df: Counter[str], n: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every term in ``df``, over ``n`` bags."""
    return {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}


def vector(terms: Counter[str], df: Counter[str], n: int, idf: dict[str, float] | None = None) -> dict[str, float]:
    """The L2-normalised TF-IDF vector of one bag (``idf``: a precomputed ``idf_table``)."""
    unseen = math.log(1 + n) + 1
    if idf is None:
        idf = idf_table(df, n)
    weights = {
        t: (1 + _LOG[c] if c < len(_LOG) else 1 + math.log(c)) * idf.get(t, unseen) for t, c in terms.items() if c > 0
    }
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


_LOG = [0.0] + [math.log(c) for c in range(1, 64)]


def top_similar(
    sources: Sequence[Bag],
    candidates: Sequence[Bag],
    n: int = 10,
    *,
    df: Counter[str] | None = None,
    corpus_size: int | None = None,
    min_score: float = MIN_SCORE,
) -> dict[Hashable, list[Match]]:
    """For every source, its ``n`` most similar candidates from other groups, best first.

    ``df``/``corpus_size`` default to the frequencies over sources and
    candidates (pass them when the corpus is larger than what is compared).
    """
    if df is None:
        df = document_frequencies([*sources, *candidates])
        corpus_size = len(sources) + len(candidates)
    size = corpus_size or 1
    idf = idf_table(df, size)
    source_vectors = [vector(b.terms, df, size, idf) for b in sources]
    postings, informative = _postings(source_vectors, df, size)
    heaps: list[list[tuple[float, int, int]]] = [[] for _ in sources]
    candidate_vectors: dict[int, dict[str, float]] = {}
    seen: dict[tuple, tuple[dict[str, float], dict[int, float]]] = {}  # copies of one text are scored once
    for j, cand in enumerate(candidates):
        if informative.isdisjoint(cand.terms):
            continue
        text = tuple(cand.terms.items())
        if text not in seen:
            vec = vector(cand.terms, df, size, idf)
            seen[text] = vec, _dots(vec, cand.terms, postings)
        vec, dots = seen[text]
        if _keep_best(heaps, dots, j, cand.group, sources, n, min_score):
            candidate_vectors[j] = vec
    out: dict[Hashable, list[Match]] = {}
    for i, heap in enumerate(heaps):
        matches = []
        for score, _neg, j in sorted(heap, reverse=True):
            matches.append(
                Match(candidates[j].key, round(score, 4), shared_terms(source_vectors[i], candidate_vectors[j]))
            )
        out[sources[i].key] = matches
    return out


def informative_terms(terms: Iterable[str], df: Mapping[str, int], size: int) -> set[str]:
    """The terms rare enough for a candidate to be looked at when it shares one (``COMMON_SHARE``).

    ``top_similar`` scores only candidates that share such a term with a source,
    so a caller with an index of the corpus may fetch just those candidates.
    """
    if size < 50:  # a small corpus: every term counts
        return set(terms)
    common = COMMON_SHARE * size
    return {t for t in terms if df.get(t, 0) <= common}


def _postings(
    source_vectors: list[dict[str, float]], df: Counter[str], size: int
) -> tuple[dict[str, list[tuple[int, float]]], set[str]]:
    """An inverted index of the sources (term -> (source, weight)), and the terms rare enough to look for."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vec in enumerate(source_vectors):
        for term, weight in vec.items():
            postings.setdefault(term, []).append((i, weight))
    return postings, informative_terms(postings, df, size)


def _dots(vec: dict[str, float], terms: Counter[str], postings: dict[str, list[tuple[int, float]]]) -> dict[int, float]:
    """The cosine of one candidate's vector with every source it shares a term with."""
    dots: dict[int, float] = {}
    for term in terms:
        if term not in postings:
            continue
        w = vec[term]
        for i, sw in postings[term]:
            dots[i] = dots.get(i, 0.0) + w * sw
    return dots


def _keep_best(
    heaps: list[list[tuple[float, int, int]]],
    dots: dict[int, float],
    j: int,
    group: Hashable,
    sources: Sequence[Bag],
    n: int,
    min_score: float,
) -> bool:
    """Offer candidate ``j`` to every source's top-``n`` heap; True when one of them kept it."""
    kept = False
    for i, score in dots.items():
        if score < min_score or sources[i].group == group:
            continue
        heap = heaps[i]
        entry = (score, -j, j)  # ties: the earlier candidate wins
        if len(heap) < n:
            heapq.heappush(heap, entry)
            kept = True
        elif entry > heap[0]:
            heapq.heapreplace(heap, entry)
            kept = True
    return kept


def shared_terms(a: dict[str, float], b: dict[str, float], limit: int = MAX_SHARED) -> tuple[str, ...]:
    """The terms that make two vectors alike, by their share of the cosine."""
    common = sorted((a[t] * b[t], t) for t in a.keys() & b.keys())
    return tuple(t for _w, t in reversed(common[-limit:]))


class TfIdf:
    """A dense TF-IDF space fitted on a set of bags; ``transform`` gives L2-normalised rows.

    The same weighting as ``vector``; terms the fitted bags lack are left out.
    """

    def __init__(self, bags: Iterable[Counter[str]]) -> None:
        bags = list(bags)
        df = document_frequencies(bags)
        idf = idf_table(df, len(bags))
        terms = sorted(df)
        self.vocabulary = {f: i for i, f in enumerate(terms)}
        self.idf = np.array([idf[f] for f in terms], dtype=float)

    def transform(self, bags: Sequence[Counter[str]]) -> np.ndarray:
        matrix = np.zeros((len(bags), len(self.vocabulary)), dtype=float)
        rows: list[int] = []
        cols: list[int] = []
        counts: list[float] = []
        for row, bag in enumerate(bags):
            for feature, count in bag.items():
                col = self.vocabulary.get(feature)
                if col is not None and count > 0:
                    rows.append(row)
                    cols.append(col)
                    counts.append(count)
        if rows:
            # Sublinear term frequency: a word said twice is not twice as relevant.
            matrix[rows, cols] = (1 + np.log(np.array(counts))) * self.idf[cols]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return matrix / norms
