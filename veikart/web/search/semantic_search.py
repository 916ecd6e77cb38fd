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
        # Two indexed lookups (vector ids -> text keys -> rows in scope), not one join whose plan may
        # walk the whole index table.
        marks = ", ".join(["%s"] * len(score_of))
        cursor.execute(f"SELECT key, id FROM semantic_textvector WHERE id IN ({marks})", list(score_of))
        score_by_key = {key: score_of[vector_id] for key, vector_id in cursor.fetchall()}
        if not score_by_key:
            return []
        where, params = scope.where("d")
        marks = ", ".join(["%s"] * len(score_by_key))
        cursor.execute(
            f"SELECT d.id, d.semantic_key FROM {TABLE} d WHERE d.semantic_key IN ({marks}) AND {where} LIMIT %s",
            [*score_by_key, *params, MAX_ROWS],
        )
        rows = cursor.fetchall()
    rows.sort(key=lambda r: (-score_by_key[r[1]], -r[0]))  # ties: the newest row, as full-text search
    return [Hit(doc_id, score_by_key[key]) for doc_id, key in rows[:limit]]
