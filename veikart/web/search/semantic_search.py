"""The semantic half of hybrid search: index rows whose text means what the query means.

The query's vector is computed in the request (tens of milliseconds; the
last ``QUERY_CACHE`` queries are kept per process); the items' vectors come
from the cache the background task fills (veikart.web.semantic), held in
memory as one matrix. The nearest ``CANDIDATES`` vectors are mapped to index
rows in one SQL query that also applies the visitor's permissions and the
page's filters, so a semantic hit is never one the visitor may not see. A
row whose vector is not computed yet is found by its words only.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from django.db import connection

from veikart import semantic
from veikart.web.search.backends.base import TABLE, Hit, Scope
from veikart.web.semantic.matrix import text_matrix

QUERY_CACHE = 1024
QUERY_CHARS = 300  # a search box holds words, not documents
# Nearest vectors looked at per query. A narrow filter (one organisation) may leave few of them:
# such a search then relies more on its words, as a deep page does (the same limit as RANK_CAP).
CANDIDATES = 300
MAX_ROWS = 2000  # rows mapped from the candidates (a common heading is shared by many plans)


@lru_cache(maxsize=QUERY_CACHE)
def _query_vector(text: str) -> np.ndarray:
    vector = semantic.embed_query(text)
    vector.setflags(write=False)  # shared by every later request with the same query
    return vector


def semantic_hits(query: str, scope: Scope, limit: int) -> list[Hit]:
    """The best ``limit`` index rows in ``scope`` by meaning, best first (score: cosine)."""
    text = " ".join(query.split())[:QUERY_CHARS]
    matrix = text_matrix()
    if not text or not len(matrix) or limit <= 0:
        return []  # no vectors yet: the model need not even be loaded
    near = matrix.nearest(_query_vector(text), CANDIDATES)
    if not near:
        return []
    score_of = dict(near)
    with connection.cursor() as cursor:
        # Three lookups, each by its own index (vector ids -> text keys -> index rows -> rows in scope):
        # one query with the scope in it let SQLite walk the (public, organisation) index over
        # most of the table instead (~1 s at 200,000 rows).
        cursor.execute(f"SELECT key, id FROM semantic_textvector WHERE id IN ({_marks(score_of)})", list(score_of))
        score_by_key = {key: score_of[vector_id] for key, vector_id in cursor.fetchall()}
        if not score_by_key:
            return []
        cursor.execute(
            f"SELECT id, semantic_key FROM {TABLE} WHERE semantic_key IN ({_marks(score_by_key)}) "
            "ORDER BY id DESC LIMIT %s",
            [*score_by_key, MAX_ROWS],
        )
        key_of = dict(cursor.fetchall())
        if not key_of:
            return []
        where, params = scope.where("d")
        # SQLite would walk the (public, organisation) index over every public row (17 ms at 200,000
        # rows) rather than look up the few ids: NOT INDEXED leaves it the primary key (0.4 ms).
        hint = " NOT INDEXED" if connection.vendor == "sqlite" else ""
        cursor.execute(f"SELECT d.id FROM {TABLE} d{hint} WHERE d.id IN ({_marks(key_of)}) AND {where}",
                       [*key_of, *params])
        visible = [row[0] for row in cursor.fetchall()]
    visible.sort(key=lambda doc_id: (-score_by_key[key_of[doc_id]], -doc_id))  # ties: newest, as full-text
    return [Hit(doc_id, score_by_key[key_of[doc_id]]) for doc_id in visible[:limit]]


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))
