"""Text → search terms, the same way for documents and for queries.

A term is the Snowball stem of a folded word: "Barnehagene" → "barnehag",
"økonomien"/"okonomien"/"oekonomien" → "okonomi". A compound also gives the
terms of its parts, so a document about "arbeidsgiverpolitikk" is found by
"arbeidsgiver" and "politikk", and the query "digitaliseringsstrategi" finds
"strategi for digitalisering" (see ``QueryWord``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from veikart.text.compounds import split_compound
from veikart.text.lexicon import Lexicon
from veikart.text.normalise import fold, normalise
from veikart.text.stem import algorithm_for, stem
from veikart.text.stopwords import is_stopword
from veikart.text.tokenise import Token, tokens

# Parts of parts are indexed too ("arbeidsgiverpolitikk" → "arbeidsgiver" →
# "arbeid"), to this depth.
MAX_SPLIT_DEPTH = 2
# A query longer than this is cut: nobody types more, and hostile input must
# not make an enormous search expression.
MAX_QUERY_WORDS = 16
MAX_QUERY_CHARS = 1000


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: its term, and the terms of its parts when it is a compound.

    A document matches the word when it has ``term``, or every one of ``parts``.
    """

    text: str
    term: str
    parts: tuple[str, ...] = ()

    def terms(self) -> set[str]:
        return {self.term, *self.parts}


def _term(folded: str, lang: str) -> str:
    return stem(folded, lang)


def _is_norwegian(lang: str) -> bool:
    return algorithm_for(lang) == "norwegian"


def _part_terms(folded: str, lang: str, lexicon: Lexicon | None, depth: int) -> list[str]:
    if depth == 0 or not _is_norwegian(lang):
        return []
    out: list[str] = []
    for part in split_compound(folded, lexicon):
        term = _term(part, lang)
        if not is_stopword(part):
            out.append(term)
        out.extend(_part_terms(part, lang, lexicon, depth - 1))
    return out


def word_terms(word: str, lang: str = "nb", lexicon: Lexicon | None = None) -> list[str]:
    """The index terms of one word: its own term, then those of its parts (no repeats)."""
    if lexicon is None:
        return list(_word_terms_default(word, lang))
    return _word_terms(word, lang, lexicon)


@lru_cache(maxsize=200_000)
def _word_terms_default(word: str, lang: str) -> tuple[str, ...]:
    return tuple(_word_terms(word, lang, None))


def _word_terms(word: str, lang: str, lexicon: Lexicon | None) -> list[str]:
    folded = fold(normalise(word))
    if not folded or is_stopword(folded, algorithm_for(lang)):
        return []
    terms = [_term(folded, lang)]
    for term in _part_terms(folded, lang, lexicon, MAX_SPLIT_DEPTH):
        if term not in terms:
            terms.append(term)
    return terms


def analyse(text: str, lang: str = "nb", lexicon: Lexicon | None = None) -> list[str]:
    """The index terms of ``text`` in order; a compound is followed by its parts.

    Norwegian shortens "helsetjenester og omsorgstjenester" to "helse- og
    omsorgstjenester"; the left word then also gives the term of the compound
    it stands for ("helsetjenest"), so a search for "helsetjenester" finds it.
    """
    normalised = normalise(text)
    words = tokens(normalised)
    out: list[str] = []
    for i, token in enumerate(words):
        out.extend(word_terms(token.text, lang, lexicon))
        if _is_norwegian(lang) and i + 2 < len(words):
            completed = _completed_compound(normalised, token, words[i + 1], words[i + 2], lexicon)
            if completed:
                out.extend(t for t in word_terms(completed, lang, lexicon)[:1] if t not in out[-4:])
    return out


def _completed_compound(text: str, left: Token, conj: Token, right: Token, lexicon: Lexicon | None) -> str | None:
    """ "helse" in "helse- og omsorgstjenester" → "helsetjenester"; None when the pattern is not there."""
    if conj.text not in ("og", "eller") or text[left.end : conj.start].strip() != "-":
        return None
    parts = split_compound(fold(right.text), lexicon)
    return fold(left.text) + parts[-1] if parts else None


def index_terms(text: str, lang: str = "nb", lexicon: Lexicon | None = None) -> list[str]:
    """The terms to index for a document (the same as ``analyse``).

    Store ``" ".join(index_terms(text))`` in an SQLite FTS5 column (default
    ``unicode61`` tokenizer) or ``to_tsvector('simple', …)`` in PostgreSQL, and
    search it with ``fts5_query`` / ``pg_tsquery``.
    """
    return analyse(text, lang, lexicon)


def query_terms(query: str, lang: str = "nb", lexicon: Lexicon | None = None) -> list[QueryWord]:
    """The words of a search query as ``QueryWord``s; stop words and repeats left out.

    Never raises: any string gives a (possibly empty) list. Quotes, operators
    and punctuation are ordinary separators.
    """
    if not isinstance(query, str):
        return []
    words: list[QueryWord] = []
    seen: set[str] = set()
    for token in tokens(normalise(query[:MAX_QUERY_CHARS])):
        folded = fold(token.text)
        if not folded or is_stopword(folded, algorithm_for(lang)):
            continue
        term = _term(folded, lang)
        if term in seen:
            continue
        seen.add(term)
        parts: list[str] = []
        if _is_norwegian(lang):
            for part in split_compound(folded, lexicon):
                if not is_stopword(part):
                    part_term = _term(part, lang)
                    if part_term not in parts:
                        parts.append(part_term)
        words.append(QueryWord(token.text, term, tuple(parts) if len(parts) > 1 else ()))
        if len(words) >= MAX_QUERY_WORDS:
            break
    return words


def token_terms(token: Token, lang: str = "nb", lexicon: Lexicon | None = None) -> set[str]:
    """Every term one token of a text stands for (its own and its parts')."""
    return set(word_terms(token.text, lang, lexicon))
