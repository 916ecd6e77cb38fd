"""Bokmål or English? A guess from function words, for short texts the document model has not seen.

The SDG classifier matches a text against the goals in its language and
drops these words from similarity.
"""

from __future__ import annotations

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


def guess_language(tokens: list[str]) -> str | None:
    """ "nb" or "en" from function words and æ/ø/å; None when they do not tell (short headline-like texts)."""
    nb = sum(1 for t in tokens if t in FUNCTION_WORDS["nb"])
    en = sum(1 for t in tokens if t in FUNCTION_WORDS["en"])
    joined = " ".join(tokens)
    if "æ" in joined or "ø" in joined or "å" in joined:
        nb += 2
    if nb == en:
        return None
    return "en" if en > nb else "nb"
