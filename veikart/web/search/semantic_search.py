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
    where, params = scope.where("d")
    marks = ", ".join(["%s"] * len(score_of))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, v.id FROM {TABLE} d JOIN semantic_textvector v ON v.key = d.semantic_key "
            f"WHERE v.id IN ({marks}) AND {where} LIMIT %s",
            [*score_of, *params, MAX_ROWS],
        )
        rows = cursor.fetchall()
    rows.sort(key=lambda r: (-score_of[r[1]], -r[0]))  # ties: the newest row, as full-text search
    return [Hit(doc_id, score_of[vector_id]) for doc_id, vector_id in rows[:limit]]
