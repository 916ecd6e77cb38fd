"""The words the compound splitter knows.

A lexicon is a set of folded words and their stems. The default one is the
hand-picked base list (``data/words-nb.txt``) plus the words seen in real
strategy documents (``data/lexicon-nb.txt``: each word ``Lexicon.from_texts`` accepted, with its count).
A search index must use one lexicon for documents and queries alike: when it
changes, reindex, or compounds indexed earlier keep their old parts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from veikart.text.normalise import fold, normalise
from veikart.text.stem import stem
from veikart.text.stopwords import is_stopword
from veikart.text.tokenise import tokens

DATA = Path(__file__).parent / "data"

MIN_PART = 3
# Short words that do start Norwegian compounds ("byområde", "nyskaping").
SHORT_PARTS = frozenset({"by", "ny"})
# Endings that are words on their own ("het", "ene") would split "frihet" into
# "fri" + "het"; they never count as a part.
_NOT_PARTS_TEXT = "het heten else ing ning lig ene ere ende isk ens ert ets ser ter ner les ste sjon"
NOT_PARTS = frozenset(fold(w) for w in _NOT_PARTS_TEXT.split())


# Words harvested from documents must be longer: three-letter fragments seen
# there ("alt", "adm") would split "kommunalt" into "kommun" + "alt".
MIN_SEEN = 4


def _acceptable(folded: str, min_length: int = MIN_PART) -> bool:
    if folded in SHORT_PARTS:
        return True
    return len(folded) >= min_length and folded.isalpha() and folded not in NOT_PARTS and not is_stopword(folded)


class Lexicon:
    """Known words (folded) and their Norwegian stems, with how often each was seen."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        self.stems: set[str] = set()
        for word in words:
            self.add(word)

    def add(self, word: str, count: int = 1, min_length: int = MIN_PART) -> None:
        folded = fold(normalise(word.strip()))
        if _acceptable(folded, min_length):
            self.counts[folded] += count
            self.stems.add(stem(folded))

    def __contains__(self, folded_word: str) -> bool:
        return folded_word in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def is_modifier(self, part: str) -> bool:
        """A first part of a compound: a known word or a known stem ("barn", "kommun")."""
        return (part in self.counts or part in self.stems) and (len(part) >= MIN_PART or part in SHORT_PARTS)

    def is_head(self, part: str) -> bool:
        """The last part of a compound, which may be inflected ("hagene")."""
        if len(part) < MIN_PART or part in NOT_PARTS:
            return False
        return part in self.counts or stem(part) in self.stems

    def frequency(self, part: str) -> int:
        return self.counts.get(part, 1)

    @classmethod
    def from_texts(cls, texts: Iterable[str], base: Lexicon | None = None) -> Lexicon:
        """A lexicon of ``base`` plus every acceptable word seen in ``texts``."""
        lexicon = cls()
        if base is not None:
            lexicon.counts.update(base.counts)
            lexicon.stems.update(base.stems)
        for text in texts:
            for token in tokens(normalise(text)):
                lexicon.add(token.text, min_length=MIN_SEEN)
        return lexicon


def read_wordlist(path: Path) -> list[str]:
    """Words of a list file: one a line, optionally "word count"; # starts a comment."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, count = line.partition(" ")
        words.extend([word] * max(1, int(count) if count.strip().isdigit() else 1))
    return words


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled Norwegian lexicon (base list plus words of real documents)."""
    words = read_wordlist(DATA / "words-nb.txt")
    seen = DATA / "lexicon-nb.txt"
    if seen.exists():
        words += read_wordlist(seen)
    return Lexicon(words)
