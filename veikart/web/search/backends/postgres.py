"""PostgreSQL full-text search: match on the analysed terms, rank with Norwegian Snowball too.

Matching uses the 'simple' tsvector over veikart.text's terms, so results are
the same as on SQLite; the 'norwegian' tsvector over the raw text adds to the
rank (PostgreSQL's own stemming of the words as written). The same limits as
on SQLite (see backends/sqlite.py): at most ``RANK_CAP`` newest matches in
scope are ranked, and prefixes only while exact terms find few rows.
"""

from __future__ import annotations

from django.db import connection

from veikart.text import pg_tsquery
from veikart.text.filters import tsquery_filter
from veikart.web.search.backends.base import EXACT_ENOUGH, RANK_CAP, TABLE, Backend, Hit, Query, Scope

RAW_WEIGHT = 0.3
# ts_rank_cd weights for D, C, B, A: filter tokens (D) add nothing, titles (A) most.
WEIGHTS = "{0, 0.2, 0.4, 1.0}"


def _at_least(cursor, where: str, tsquery: str, params: list, n: int) -> bool:
    """Whether at least n rows in scope match (no order asked, so the GIN index can stop early)."""
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} d WHERE d.search_terms @@ to_tsquery('simple', %s) "
        f"AND {where} LIMIT %s) AS enough",
        [tsquery, *params, n],
    )
    return cursor.fetchone()[0] >= n


class PostgresBackend(Backend):
    name = "postgresql-tsvector"

    def search(self, query: Query, scope: Scope) -> list[Hit]:
        words = list(query.words)
        exact, prefixed = pg_tsquery(words, prefix_min=0), pg_tsquery(words)
        if not exact:
            return []
        tokens = tsquery_filter(scope)
        if tokens:  # only rows in scope are matched (and so ranked) at all
            exact, prefixed = f"({exact}) & {tokens}", f"({prefixed}) & {tokens}"
        where, params = scope.where("d")
        with connection.cursor() as cursor:
            plenty = exact == prefixed or _at_least(cursor, where, exact, params, EXACT_ENOUGH)
            tsquery = exact if plenty else prefixed
            # One statement: the newest RANK_CAP matches in scope, then their rank.
            cursor.execute(
                "WITH newest AS MATERIALIZED ("
                f"SELECT d.id, d.search_terms, d.search_raw FROM {TABLE} d "
                f"WHERE d.search_terms @@ to_tsquery('simple', %s) AND {where} ORDER BY d.id DESC LIMIT %s) "
                "SELECT n.id, ts_rank_cd(%s, n.search_terms, q) + %s * ts_rank(n.search_raw, rq) AS score "
                "FROM newest n, to_tsquery('simple', %s) q, plainto_tsquery('norwegian', %s) rq "
                "ORDER BY score DESC, n.id LIMIT %s OFFSET %s",
                [tsquery, *params, RANK_CAP, WEIGHTS, RAW_WEIGHT, tsquery, query.raw_words, query.limit,
                 query.offset],
            )
            return [Hit(row[0], float(row[1])) for row in cursor.fetchall()]
