"""Safe search expressions for SQLite FTS5 and PostgreSQL tsquery.

User input never reaches the query parser as syntax: every term is a quoted
string made of letters and digits only (our own analysed terms), joined by
operators we write ourselves. Like Datasette's ``escape_fts``, but on analysed
terms, so it also handles stemming, compounds and ASCII spellings.
"""

from __future__ import annotations

from collections.abc import Iterable

from veikart.text.analyse import QueryWord, query_terms
from veikart.text.lexicon import Lexicon

# A word whose term is at least this long also matches longer terms starting
# with it: "klima" finds "klimatilpasning" even when the splitter does not
# know the rest of the compound. Shorter terms would match too much.
PREFIX_MIN = 5


def _fts5_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts5_term(term: str, prefix_min: int) -> str:
    quoted = _fts5_string(term)
    return quoted + "*" if prefix_min and len(term) >= prefix_min else quoted


def _fts5_word(word: QueryWord, prefix_min: int) -> str:
    whole = _fts5_term(word.term, prefix_min)
    if not word.parts:
        return whole
    parts = " AND ".join(_fts5_term(p, prefix_min) for p in word.parts)
    return f"({whole} OR ({parts}))"


def fts5_query(
    query: str | list[QueryWord], lang: str = "nb", *, prefix_min: int = PREFIX_MIN, lexicon: Lexicon | None = None
) -> str:
    """An FTS5 MATCH expression for a user's query, or "" when nothing is searchable.

    Every word must match (AND). Never raises, and the result never makes
    MATCH raise; the caller must not run MATCH with "" (FTS5 rejects it) but
    show no results.
    """
    try:
        words = query if isinstance(query, list) else query_terms(query, lang, lexicon)
        return " AND ".join(_fts5_word(w, prefix_min) for w in words)
    except Exception:  # noqa: BLE001 - a search box must never fail; nothing found is the safe answer
        return ""


def fts5_any(terms: Iterable[str], columns: Iterable[str] = ()) -> str:
    """An FTS5 MATCH expression for rows with any of these analysed terms (in ``columns``: only there)."""
    either = " OR ".join(_fts5_string(t) for t in terms)
    columns = list(columns)
    return "{" + " ".join(columns) + "} : (" + either + ")" if columns else either


def pg_any(terms: Iterable[str], weights: str = "") -> str:
    """A tsquery text for rows with any of these analysed terms (``weights``: only in columns of these weights)."""
    tail = f":{weights}" if weights else ""
    return " | ".join(_pg_term(t, 0) + tail for t in terms)


def _pg_term(term: str, prefix_min: int) -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if prefix_min and len(term) >= prefix_min else quoted


def pg_tsquery(
    query: str | list[QueryWord], lang: str = "nb", *, prefix_min: int = PREFIX_MIN, lexicon: Lexicon | None = None
) -> str:
    """A PostgreSQL tsquery text for ``to_tsquery('simple', %s)``, or "" when nothing is searchable.

    Index with ``to_tsvector('simple', ' '.join(index_terms(text)))``: the
    'simple' configuration keeps our terms as they are, so both backends
    stem, split and fold exactly alike.
    """
    try:
        words = query if isinstance(query, list) else query_terms(query, lang, lexicon)
        clauses = []
        for w in words:
            whole = _pg_term(w.term, prefix_min)
            if w.parts:
                parts = " & ".join(_pg_term(p, prefix_min) for p in w.parts)
                clauses.append(f"({whole} | ({parts}))")
            else:
                clauses.append(whole)
        return " & ".join(clauses)
    except Exception:  # noqa: BLE001 - see fts5_query
        return ""
