"""The stemmer is shared by search, comparison and the SDG classifier, which run in threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from veikart.text.stem import stem, stem_words

WORDS = [
    "barnehagene",
    "kommunene",
    "helsetjenestene",
    "arbeidsgiverpolitikken",
    "digitaliseringen",
    "klimagassutslippene",
    "lærlingene",
    "innbyggerne",
    "tjenestene",
    "samarbeidet",
] * 40
ENGLISH = ["municipalities", "services", "greenhouse", "emissions", "digitalisation", "apprenticeships"] * 40


def _stem_all(offset: int) -> list[tuple[str, str]]:
    # Uncached words (a suffix per thread) so every call reaches a Snowball stemmer.
    out = []
    for i, word in enumerate(WORDS):
        variant = f"{word}{'e' * ((i + offset) % 3)}"
        out.append((variant, stem(variant, "nb")))
    for word in ENGLISH:
        out.append((word, stem(word, "en")))
    return out


def test_stemming_from_many_threads_gives_the_same_stems_as_one_thread():
    stem.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_stem_all, range(16)))
    stem.cache_clear()
    for offset, found in enumerate(results):
        expected = _stem_all(offset)
        stem.cache_clear()
        assert found == expected
    assert stem("barnehagene", "nb") == "barnehag"
    assert stem_words(["municipalities", "services"], "en") == ["municip", "servic"]
