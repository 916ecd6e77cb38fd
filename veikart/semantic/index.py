"""Stored vectors as bytes, and the nearest of many vectors to one query (NumPy, no Django).

A vector is kept in the database as its float32 bytes (``DIMENSIONS`` x 4 =
1,536 bytes). ``VectorMatrix`` holds many of them as one matrix in memory, so
finding the best matches of a query costs one matrix-vector product (the
vectors are L2-normalised: the dot product is the cosine).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from veikart.semantic import DIMENSIONS

VECTOR_BYTES = DIMENSIONS * 4

# e5 puts every text in a narrow cone: a query's cosines with unrelated texts are ~0.75-0.82, with
# related ones ~0.82-0.90, and where the cone lies differs per query (cross-language queries sit lower).
# A semantic match must therefore beat the query's mean score over the whole collection by MARGIN
# (with fewer than MIN_ROWS rows there is no mean to trust: MIN_COSINE instead), and lie within
# SPREAD of the best match. Tuned by hand on the 312 sentences and headings of the two KS strategies
# with 12 queries written for the purpose (7 with an answer there, 5 nonsense: "pizza", "xyzzy"),
# not on any test text: every meaningful query keeps its best answers, four of five nonsense
# queries find nothing ("pizza" finds two short headings). No relevance gold exists for search, so there
# is no precision or recall to report.
MARGIN = 0.055
MIN_COSINE = 0.815
SPREAD = 0.04
MIN_ROWS = 30


def to_bytes(vector: np.ndarray) -> bytes:
    """The stored form of one vector (float32, little-endian)."""
    return np.asarray(vector, dtype="<f4").reshape(DIMENSIONS).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    if len(blob) != VECTOR_BYTES:
        raise ValueError(f"a stored vector has {VECTOR_BYTES} bytes, not {len(blob)}")
    return np.frombuffer(blob, dtype="<f4")


class VectorMatrix:
    """Vectors of many things (``ids``, the caller's keys) as one float32 matrix that can grow.

    Rows are only ever added (``extend``), into spare capacity that doubles
    when full, so keeping a large matrix up to date costs the new rows only.
    A reader sees the rows added before its call began.
    """

    def __init__(self) -> None:
        self._ids = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._size = 0

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, bytes]]) -> VectorMatrix:
        matrix = cls()
        matrix.extend(rows)
        return matrix

    def __len__(self) -> int:
        return self._size

    @property
    def ids(self) -> np.ndarray:
        return self._ids[: self._size]

    @property
    def matrix(self) -> np.ndarray:
        return self._matrix[: self._size]

    def extend(self, rows: Iterable[tuple[int, bytes]]) -> int:
        """Add (id, stored bytes) rows; rows of the wrong size are skipped. Returns how many were added."""
        ids: list[int] = []
        blobs: list[bytes] = []
        for key, blob in rows:
            blob = bytes(blob)
            if len(blob) == VECTOR_BYTES:
                ids.append(key)
                blobs.append(blob)
        if not ids:
            return 0
        new = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), DIMENSIONS)
        size, end = self._size, self._size + len(ids)
        if end > len(self._ids):
            capacity = max(end, 2 * len(self._ids), 1024)
            grown_ids = np.zeros(capacity, dtype=np.int64)
            grown = np.zeros((capacity, DIMENSIONS), dtype=np.float32)
            grown_ids[:size], grown[:size] = self._ids[:size], self._matrix[:size]
            self._ids, self._matrix = grown_ids, grown
        self._ids[size:end] = ids
        self._matrix[size:end] = new
        self._size = end  # last: a reader never sees a row half written
        return len(ids)

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` rows most similar to ``query`` that stand out from the rest, best first.

        A row must beat the mean score of all rows by ``MARGIN`` (``MIN_COSINE``
        in a small collection) and lie within ``SPREAD`` of the best, so a
        query that means nothing in particular ("xyzzy") finds nothing.
        """
        size = self._size
        if not size or k <= 0:
            return []
        ids = self._ids[:size]
        scores = self._matrix[:size] @ np.asarray(query, dtype=np.float32)
        k = min(k, size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        floor = float(scores.mean()) + MARGIN if size >= MIN_ROWS else MIN_COSINE
        floor = max(floor, float(scores[top[0]]) - SPREAD)
        return [(int(ids[i]), float(scores[i])) for i in top if scores[i] >= floor]
