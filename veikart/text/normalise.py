"""Case and letter normalisation: the same word always gives the same key.

Norwegians type "økonomi", "okonomi" or "oekonomi" depending on the keyboard;
search must treat them as one word. ``fold`` maps all three to "okonomi".
Folding is applied before stemming on both the document and the query side,
so whatever spelling is indexed, every spelling of the query finds it.
"""

from __future__ import annotations

import unicodedata

# Norwegian letters first, to their ASCII digraphs; the digraphs are then
# collapsed so that the one-letter ASCII spelling ("okonomi") meets them too.
_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "œ": "oe", "ß": "ss"})
_DIGRAPHS = (("aa", "a"), ("ae", "a"), ("oe", "o"))


def normalise(text: str) -> str:
    """Unicode NFKC and case folding; Norwegian letters are kept."""
    return unicodedata.normalize("NFKC", text).casefold()


def fold(word: str) -> str:
    """The ASCII search key of one lower-case word: æ/ae → a, ø/oe → o, å/aa → a, é → e.

    Collisions this makes ("poeng" and "pong") are rare and harmless for search:
    both sides of a search are folded the same way.
    """
    word = word.translate(_LETTERS)
    for digraph, letter in _DIGRAPHS:
        if digraph in word:
            word = word.replace(digraph, letter)
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return word
