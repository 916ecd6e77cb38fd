"""How alike two texts are, with no downloaded model: TF-IDF cosine (veikart.text.similarity).

Two views of a text are blended: its search terms (stemmed, ASCII-folded,
with compound parts, from veikart.text) and character 4-grams of its words,
which catch shared stems the stemmer misses ("lærlinger"/"læreplass").
IDF is fitted on both strategies, so words every item has ("KS", "skal",
"kommuner") weigh little.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from veikart.sdg.classifier import classify_many, default_classifier
from veikart.text import analyse, fold, normalise, tokens, word_terms
from veikart.text.language import LANGUAGES
from veikart.text.similarity import TfIdf

NGRAM = 4


def word_features(text: str, lang: str = "nb") -> Counter[str]:
    return Counter(_word_features(text, lang))


@lru_cache(maxsize=20_000)
def _word_features(text: str, lang: str) -> tuple[str, ...]:
    return tuple(analyse(text, lang))


def char_features(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for token in tokens(normalise(text)):
        word = f" {fold(token.text)} "
        if len(word) <= NGRAM:
            grams[word] += 1
            continue
        for i in range(len(word) - NGRAM + 1):
            grams[word[i : i + NGRAM]] += 1
    return grams


def _cosine(a_bags: list[Counter[str]], b_bags: list[Counter[str]], corpus: list[Counter[str]]) -> np.ndarray:
    if not a_bags or not b_bags:
        return np.zeros((len(a_bags), len(b_bags)))
    space = TfIdf(corpus)
    return space.transform(a_bags) @ space.transform(b_bags).T


def similarity_matrix(
    old: Sequence[str],
    new: Sequence[str],
    *,
    corpus: Sequence[str] = (),
    char_weight: float = 0.3,
    lang: str = "nb",
) -> np.ndarray:
    """Similarity in [0, 1] of every old text (rows) with every new text (columns).

    ``corpus`` adds texts to fit IDF on (all items of both strategies, say).
    """
    texts = list(old) + list(new) + list(corpus)
    old_w = [word_features(t, lang) for t in old]
    new_w = [word_features(t, lang) for t in new]
    words = _cosine(old_w, new_w, old_w + new_w + [word_features(t, lang) for t in corpus])
    if char_weight <= 0:
        return words
    old_c = [char_features(t) for t in old]
    new_c = [char_features(t) for t in new]
    chars = _cosine(old_c, new_c, [char_features(t) for t in texts])
    return (1 - char_weight) * words + char_weight * chars


def sdg_features(text: str, lang: str = "nb") -> Counter[str]:
    """The SDGs veikart.sdg finds in ``text`` by its words, as features weighted by score.

    Words only: meaning already enters the comparison through the texts' own vectors, and this must
    not embed every text again.
    """
    found = default_classifier().goals_by_words(text, lang if lang in ("nb", "en") else None)
    return Counter({f"sdg{goal}": score for goal, score in found.items()})


def sdg_similarity(old: Sequence[str], new: Sequence[str], lang: str = "nb") -> np.ndarray:
    """Cosine of the SDG themes of every old and new text (no IDF)."""
    return theme_cosine([sdg_features(t, lang) for t in old], [sdg_features(t, lang) for t in new])


def sdg_bags(texts: Sequence[str], vectors: np.ndarray, lang: str = "nb") -> list[Counter[str]]:
    """``sdg_features`` of many texts from their passage vectors (the model is not run)."""
    found = classify_many(list(texts), lang if lang in LANGUAGES else None, vectors=vectors)
    return [Counter({f"sdg{m.goal}": m.score for m in matches}) for matches in found]


def theme_cosine(old_bags: Sequence[Counter[str]], new_bags: Sequence[Counter[str]]) -> np.ndarray:
    """Cosine of SDG theme bags (old rows, new columns); 0 for a text without a theme."""
    features = sorted({f for b in old_bags + new_bags for f in b})
    index = {f: i for i, f in enumerate(features)}

    def matrix(bags):
        m = np.zeros((len(bags), max(1, len(features))))
        for r, bag in enumerate(bags):
            for f, v in bag.items():
                m[r, index[f]] = v
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return m / norms

    return matrix(old_bags) @ matrix(new_bags).T


def semantic_scale(cosine: np.ndarray, floor: float) -> np.ndarray:
    """Sentence-vector cosines mapped to [0, 1]: ``floor`` and below is 0, identical texts 1.

    e5 vectors of any two texts of one language have cosines of about 0.7 to
    1; rescaled, they blend with TF-IDF cosines, where 0 means no word shared.
    """
    return np.clip((cosine - floor) / (1 - floor), 0.0, 1.0)


def _words(text: str, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for token in tokens(text):
        for term in word_terms(token.text, lang):
            out.setdefault(term, token.text.lower())
    return out


def shared_words(a: str, b: str, lang: str = "nb", limit: int = 6) -> tuple[str, ...]:
    """Words (as ``a`` writes them) whose search terms both texts have, longest terms first: a link's reason."""
    wa, wb = _words(a, lang), _words(b, lang)
    common = sorted(wa.keys() & wb.keys(), key=lambda t: (-len(t), t))
    return tuple(dict.fromkeys(wa[t] for t in common))[:limit]
