"""SQLite FTS5 over the analysed terms (see migrations/0002_fulltext.py and 0003).

Ranking (bm25) costs a few microseconds per matching row, so a query that
matches a large part of the index would take hundreds of milliseconds to rank
in full. Both backends therefore rank at most ``RANK_CAP`` matches in scope:
all of them when there are fewer, otherwise the newest ``RANK_CAP`` (rows
indexed last). A very common word thus lists the best of the recent matches
first, which is the price of answering in milliseconds. Likewise, long terms
match as prefixes ("klima" finds "klimatilpasning") only while the exact
terms find fewer than ``EXACT_ENOUGH`` rows in scope.
"""

from __future__ import annotations

from django.db import connection

from veikart.text import fts5_query
from veikart.text.filters import fts5_filter
from veikart.web.search.backends.base import EXACT_ENOUGH, RANK_CAP, TABLE, Backend, Hit, Query, Scope

# bm25 column weights: a match in a title counts more than one in a body.
WEIGHTS = (4.0, 1.0)


def _nth_newest(cursor, joined: str, match: str, params: list, n: int) -> int | None:
    """The id of the n-th newest match in scope (FTS5 walks rowids newest first), or None."""
    cursor.execute(
        f"SELECT search_fts.rowid {joined} ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET %s",
        [match, *params, n - 1],
    )
    row = cursor.fetchone()
    return row[0] if row else None


class SqliteBackend(Backend):
    name = "sqlite-fts5"

    def search(self, query: Query, scope: Scope) -> list[Hit]:
        words = list(query.words)
        exact, prefixed = fts5_query(words, prefix_min=0), fts5_query(words)
        if not exact:
            return []
        tokens = fts5_filter(scope)
        if tokens:  # only rows in scope are matched (and so ranked) at all
            exact, prefixed = f"({exact}) AND {tokens}", f"({prefixed}) AND {tokens}"
        where, params = scope.where("d")
        joined = f"FROM search_fts JOIN {TABLE} d ON d.id = search_fts.rowid WHERE search_fts MATCH %s AND {where}"
        with connection.cursor() as cursor:
            plenty = exact == prefixed or _nth_newest(cursor, joined, exact, params, EXACT_ENOUGH) is not None
            match = exact if plenty else prefixed
            floor = _nth_newest(cursor, joined, match, params, RANK_CAP) or 0
            cursor.execute(
                f"SELECT d.id, bm25(search_fts, {WEIGHTS[0]}, {WEIGHTS[1]}, 0.0) AS score {joined} "
                "AND search_fts.rowid >= %s ORDER BY score, d.id LIMIT %s OFFSET %s",
                [match, *params, floor, query.limit, query.offset],
            )
            # bm25 is smaller for better matches; the facade wants larger = better.
            return [Hit(r[0], -float(r[1])) for r in cursor.fetchall()]
