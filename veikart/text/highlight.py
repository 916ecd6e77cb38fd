"""Snippets with the words that matched a query marked, safe to put in HTML."""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from veikart.text.analyse import QueryWord, token_terms
from veikart.text.fts import PREFIX_MIN
from veikart.text.lexicon import Lexicon
from veikart.text.tokenise import tokens

ELLIPSIS = "…"
MAX_WINDOW_CANDIDATES = 200


def _query_set(query_terms: Iterable[QueryWord | str]) -> set[str]:
    out: set[str] = set()
    for q in query_terms:
        if isinstance(q, QueryWord):
            out |= q.terms()
        elif isinstance(q, str) and q:
            out.add(q)
    return out


def _matches(terms: set[str], wanted: set[str], prefix_min: int) -> bool:
    if terms & wanted:
        return True
    # The search used prefixes for long terms; mark what it found.
    return any(t.startswith(w) for t in terms for w in wanted if prefix_min and len(w) >= prefix_min)


def highlight(
    text: str,
    query_terms: Iterable[QueryWord | str],
    *,
    size: int = 240,
    lang: str = "nb",
    prefix_min: int = PREFIX_MIN,
    lexicon: Lexicon | None = None,
) -> str:
    """An HTML snippet of about ``size`` characters around the best matches, matches in <mark>.

    ``query_terms`` is what ``query_terms()`` returned (or plain terms). The
    text is HTML-escaped; only the <mark> tags are ours. With no match, the
    start of the text.
    """
    if not isinstance(text, str):
        return ""
    wanted = _query_set(query_terms)
    # Tokens of the text as written, so offsets index it; word analysis normalises each one.
    hits = [t for t in tokens(text) if wanted and _matches(token_terms(t, lang, lexicon), wanted, prefix_min)]
    start, end = _window(text, hits, size)
    out: list[str] = [ELLIPSIS] if start > 0 else []
    pos = start
    for hit in hits:
        if hit.start < start or hit.end > end:
            continue
        out.append(html.escape(text[pos : hit.start]))
        out.append("<mark>" + html.escape(text[hit.start : hit.end]) + "</mark>")
        pos = hit.end
    out.append(html.escape(text[pos:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)


def _window(text: str, hits: list, size: int) -> tuple[int, int]:
    if len(text) <= size:
        return 0, len(text)
    best_start, best_count = 0, -1
    # The hits are tokens in text order, so their starts and ends both ascend: the hits a window holds are
    # those after the first starting in it and before the first ending past it, found by bisection.
    starts, ends = [h.start for h in hits], [h.end for h in hits]
    # Enough candidates to find a good window; all of them would be quadratic in a huge text.
    for first in hits[:MAX_WINDOW_CANDIDATES]:
        # Start a little before a hit, and count the hits the window holds.
        start = max(0, first.start - size // 4)
        count = max(0, bisect_right(ends, start + size) - bisect_left(starts, start))
        if count > best_count:
            best_start, best_count = start, count
    start = _word_boundary(text, best_start, backwards=True)
    end = _word_boundary(text, min(len(text), start + size), backwards=False)
    return start, end


def _word_boundary(text: str, i: int, backwards: bool) -> int:
    # Do not cut a word in half; look at most 20 characters for a space.
    step = -1 if backwards else 1
    for _ in range(20):
        if i <= 0 or i >= len(text) or text[i].isspace() or text[i - 1].isspace():
            return max(0, min(len(text), i))
        i += step
    return max(0, min(len(text), i))
