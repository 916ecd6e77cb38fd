"""PostgreSQL full-text search: match on the analysed terms, rank with Norwegian Snowball too.

Matching uses the 'simple' tsvector over veikart.text's terms, so results are
the same as on SQLite; the 'norwegian' tsvector over the raw text adds to the
rank (PostgreSQL's own stemming of the words as written).
"""

from __future__ import annotations

from django.db import connection

from veikart.text import pg_tsquery
from veikart.web.search.backends.base import TABLE, Backend, Hit, Query, Scope

RAW_WEIGHT = 0.3


class PostgresBackend(Backend):
    name = "postgresql-tsvector"

    def search(self, query: Query, scope: Scope) -> list[Hit]:
        tsquery = pg_tsquery(list(query.words))
        if not tsquery:
            return []
        where, params = scope.where("d")
        sql = (
            "SELECT d.id, ts_rank_cd(d.search_terms, q) + %s * ts_rank(d.search_raw, rq) AS score "
            f"FROM {TABLE} d, to_tsquery('simple', %s) q, plainto_tsquery('norwegian', %s) rq "
            f"WHERE d.search_terms @@ q AND {where} "
            "ORDER BY score DESC, d.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [RAW_WEIGHT, tsquery, query.raw_words, *params, query.limit, query.offset])
            return [Hit(row[0], float(row[1])) for row in cursor.fetchall()]
