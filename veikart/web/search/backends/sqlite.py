"""SQLite FTS5 over the analysed terms (see migrations/0002_fulltext.py)."""

from __future__ import annotations

from django.db import connection

from veikart.text import fts5_query
from veikart.web.search.backends.base import TABLE, Backend, Hit, Query, Scope

# bm25 column weights: a match in a title counts more than one in a body.
WEIGHTS = (4.0, 1.0)


class SqliteBackend(Backend):
    name = "sqlite-fts5"

    def search(self, query: Query, scope: Scope) -> list[Hit]:
        match = fts5_query(list(query.words))
        if not match:
            return []
        where, params = scope.where("d")
        sql = (
            f"SELECT d.id, bm25(search_fts, {WEIGHTS[0]}, {WEIGHTS[1]}) AS score "
            f"FROM search_fts JOIN {TABLE} d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} "
            "ORDER BY score, d.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, query.limit, query.offset])
            # bm25 is smaller for better matches; the facade wants larger = better.
            return [Hit(row[0], -float(row[1])) for row in cursor.fetchall()]
