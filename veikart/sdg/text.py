"""Words, stems and language guessing for the SDG classifier (bokmål and English)."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Letters and digits; hyphens and punctuation split words, so "helse- og omsorg"
# and "non-communicable" become separate words on both sides of a match.
_WORD = re.compile(r"[^\W_]+")

LANGUAGES = ("nb", "en")

# Frequent function words, used to tell the two languages apart and dropped from similarity.
_NB_FUNCTION = (
    "og i å til som er av for på med det en et at skal vil ikke har kan de den ved fra om blir mer også sine "
    "seg eller der slik sin sitt hvor hvordan være bli gjennom mellom under etter innen alle andre nye både "
    "samt deres dette disse hele mot når enn bidra bidrar arbeide arbeider ks"
)
_EN_FUNCTION = (
    "the and of to in is that for with on are as by this be from at an or which it will their have has its "
    "all other new both such through between under after within into more also was were been these those "
    "we our can not"
)
FUNCTION_WORDS = {"nb": frozenset(_NB_FUNCTION.split()), "en": frozenset(_EN_FUNCTION.split())}

_STEMMERS = {"nb": snowballstemmer.stemmer("norwegian"), "en": snowballstemmer.stemmer("english")}


def words(text: str) -> list[str]:
    """Lower-cased words of a text."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    # Cached: a planning vocabulary is small, and stemming is most of the cost per word.
    return _STEMMERS[language].stemWord(word)


def stem_words(items: list[str], language: str) -> list[str]:
    return [stem(w, language) for w in items]


def guess_language(tokens: list[str]) -> str | None:
    """"nb" or "en" from function words and æ/ø/å; None when they do not tell (short headline-like texts)."""
    nb = sum(1 for t in tokens if t in FUNCTION_WORDS["nb"])
    en = sum(1 for t in tokens if t in FUNCTION_WORDS["en"])
    joined = " ".join(tokens)
    if "æ" in joined or "ø" in joined or "å" in joined:
        nb += 2
    if nb == en:
        return None
    return "en" if en > nb else "nb"
