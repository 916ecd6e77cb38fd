"""Splitting Norwegian compounds into known parts.

"digitaliseringsstrategi" is "digitalisering" + linking "s" + "strategi";
"barnehage" is "barn" + linking "e" + "hage". A split is accepted only when
every part is in the lexicon; among the possible splits the one with the
fewest parts wins (then the one with most parts that are words rather than
stems, then the one whose shortest part is longest, then the most frequent
parts), so "arbeidsgiverpolitikk" becomes "arbeidsgiver" +
"politikk", and "arbeidsgiver" in turn "arbeid" + "giver".
"""

from __future__ import annotations

from functools import lru_cache

from veikart.text.lexicon import MIN_PART, SHORT_PARTS, Lexicon, default_lexicon

LINKS = ("", "s", "e")
MIN_COMPOUND = 6
MAX_PARTS = 4


def split_compound(folded_word: str, lexicon: Lexicon | None = None) -> list[str]:
    """The parts of a folded compound (linking letters dropped), or [] when it is not one."""
    lexicon = lexicon or default_lexicon()
    if len(folded_word) < MIN_COMPOUND or not folded_word.isalpha():
        return []
    if lexicon is default_lexicon():
        return list(_split_default(folded_word))
    return _split(folded_word, lexicon)


@lru_cache(maxsize=65536)
def _split_default(folded_word: str) -> tuple[str, ...]:
    return tuple(_split(folded_word, default_lexicon()))


def _split(word: str, lexicon: Lexicon) -> list[str]:
    memo: dict[int, tuple[tuple, list[str]] | None] = {}

    def best_from(i: int, whole_allowed: bool) -> tuple[tuple, list[str]] | None:
        # Best segmentation of word[i:]; key sorts better segmentations first.
        if whole_allowed and i in memo:
            return memo[i]
        candidates: list[tuple[tuple, list[str]]] = []
        rest = word[i:]
        if whole_allowed and lexicon.is_head(rest):
            candidates.append(((1, 0, -len(rest), -lexicon.frequency(rest)), [rest]))
        min_first = min(MIN_PART, *(len(s) for s in SHORT_PARTS))
        for j in range(i + min_first, len(word) - MIN_PART + 1):
            part = word[i:j]
            if not lexicon.is_modifier(part):
                continue
            for link in LINKS:
                k = j + len(link)
                if word[j:k] != link or len(word) - k < MIN_PART:
                    continue
                tail = best_from(k, True)
                if tail is None or tail[0][0] + 1 > MAX_PARTS:
                    continue
                (n, stems_only, neg_shortest, neg_freq), parts = tail
                # A first part that is a word ("sjokolade") beats its stem plus a linking letter ("sjokolad" + "e").
                not_a_word = 0 if part in lexicon else 1
                shortest = max(neg_shortest, -len(part))
                key = (n + 1, stems_only + not_a_word, shortest, neg_freq - lexicon.frequency(part))
                candidates.append((key, [part, *parts]))
        result = min(candidates, key=lambda c: c[0]) if candidates else None
        if whole_allowed:
            memo[i] = result
        return result

    found = best_from(0, whole_allowed=False)
    return found[1] if found else []
