"""Snowball stemming for Norwegian (bokmål and nynorsk) and English."""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

# Language codes Veikart stores (Strategy.language) → Snowball algorithm.
ALGORITHMS = {"nb": "norwegian", "nn": "norwegian", "no": "norwegian", "en": "english"}

_local = threading.local()


def algorithm_for(lang: str) -> str:
    """The Snowball algorithm for a language code; unknown codes use Norwegian."""
    return ALGORITHMS.get((lang or "nb").lower()[:2], "norwegian")


def _stemmer(algorithm: str):
    # Snowball stemmer objects keep state while stemming: one per thread.
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    if algorithm not in cache:
        cache[algorithm] = snowballstemmer.stemmer(algorithm)
    return cache[algorithm]


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "nb") -> str:
    """The stem of one lower-case word: "barnehagene" → "barnehag"."""
    return _stemmer(algorithm_for(lang)).stemWord(word)


def stem_words(words: list[str], lang: str = "nb") -> list[str]:
    """``stem`` of every word, in order."""
    return [stem(w, lang) for w in words]
