"""Split text into words, keeping where each word was (for highlighting)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters and digits; "_" and punctuation separate words. A hyphen splits too:
# "IKT-kompetanse" is the words "IKT" and "kompetanse".
_WORD = re.compile(r"[^\W_]+")

# Longer "words" are noise (hashes, hostile input); they are dropped rather
# than fed to the stemmer and the compound splitter.
MAX_WORD_LENGTH = 64


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their character offsets, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text) if len(m.group()) <= MAX_WORD_LENGTH]


def token_texts(text: str) -> list[str]:
    """The words of ``text`` as ``tokens`` finds them, without offsets (no objects to build: faster)."""
    return [w for w in _WORD.findall(text) if len(w) <= MAX_WORD_LENGTH]


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, unfolded and without offsets (what the SDG classifier matches)."""
    return _WORD.findall(text.lower())
