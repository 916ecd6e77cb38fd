"""Stored vectors as bytes, and the nearest of many vectors to one query (NumPy, no Django).

A vector is kept in the database as its float32 bytes (``DIMENSIONS`` x 4 =
1,536 bytes). ``VectorMatrix`` holds many of them as one matrix in memory, so
finding the best matches of a query costs one matrix-vector product (the
vectors are L2-normalised: the dot product is the cosine).
"""

from __future__ import annotations

import math
import threading
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
# From this many vectors on, a query reads only the rows of its nearest clusters (CoarseIndex), about
# PROBE_SHARE of the rows; about sqrt(rows) clusters, fitted in KMEANS_ROUNDS on SAMPLE_PER_CLUSTER rows each.
COARSE_MIN_ROWS = 50_000
PROBE_SHARE = 1 / 16
KMEANS_ROUNDS = 8
SAMPLE_PER_CLUSTER = 32


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
        self._sum = np.zeros(DIMENSIONS, dtype=np.float64)  # of every row: the mean score is one dot product
        self._coarse: CoarseIndex | None = None
        self._building = threading.Lock()

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
        self._sum += new.sum(axis=0, dtype=np.float64)
        self._size = end  # last: a reader never sees a row half written
        return len(ids)

    def coarse_index(self, wait: bool = True) -> CoarseIndex | None:
        """The clusters for a large matrix (built once, in this call or, ``wait=False``, in a thread).

        None below ``COARSE_MIN_ROWS`` rows, and while a build started by
        another caller is running when ``wait`` is False.
        """
        if self._size < COARSE_MIN_ROWS:
            return None
        if self._coarse is not None:
            return self._coarse
        if not wait:
            if not self._building.locked():
                threading.Thread(target=self.coarse_index, daemon=True, name="vector-clusters").start()
            return None
        with self._building:
            if self._coarse is None:
                self._coarse = CoarseIndex.fit(self._matrix[: self._size])
        return self._coarse

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` rows most similar to ``query`` that stand out from the rest, best first.

        A row must beat the mean score of all rows by ``MARGIN`` (``MIN_COSINE``
        in a small collection) and lie within ``SPREAD`` of the best, so a
        query that means nothing in particular ("xyzzy") finds nothing.
        """
        size = self._size
        if not size or k <= 0:
            return []
        query = np.asarray(query, dtype=np.float32)
        ids = self._ids[:size]
        matrix = self._matrix[:size]
        coarse = self.coarse_index(wait=False)
        if coarse is None:  # every row is read
            rows = np.arange(size)
            scores = matrix @ query
        else:  # only the rows of the clusters nearest the query
            rows = coarse.rows_near(query, matrix)
            scores = matrix[rows] @ query
        if not len(rows):
            return []
        k = min(k, len(rows))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        mean = float(self._sum @ query) / size  # the mean score over every row, exactly
        floor = mean + MARGIN if size >= MIN_ROWS else MIN_COSINE
        floor = max(floor, float(scores[top[0]]) - SPREAD)
        return [(int(ids[rows[i]]), float(scores[i])) for i in top if scores[i] >= floor]


class CoarseIndex:
    """Clusters of a large matrix (spherical k-means): a query reads only the rows of its nearest clusters.

    A brute-force product over 200,000 vectors reads 300 MB per query
    (57-80 ms on a quiet 2-core machine, over 130 ms on a busy one). The
    clusters are fitted on a sample; every row belongs to its nearest
    centroid, and rows added later are assigned when a query first sees
    them. A query reads the clusters whose centroids are nearest to it and
    scores their rows exactly: what it returns stands out
    from the rest (within ``SPREAD`` of the best), so it lies in the query's
    nearest clusters (read until they hold ``PROBE_SHARE`` of the rows); a row in a further cluster can be missed (an
    approximation, as any inverted-file or graph index makes).
    """

    def __init__(self, centroids: np.ndarray, assigned: np.ndarray) -> None:
        self.centroids = centroids
        self._assigned = assigned
        self._lock = threading.Lock()

    @classmethod
    def fit(cls, matrix: np.ndarray, seed: int = 7) -> CoarseIndex:
        rng = np.random.default_rng(seed)
        n = len(matrix)
        clusters = max(1, int(math.sqrt(n)))
        sample = matrix[rng.choice(n, size=min(n, clusters * SAMPLE_PER_CLUSTER), replace=False)]
        centroids = sample[rng.choice(len(sample), size=clusters, replace=False)].copy()
        for _ in range(KMEANS_ROUNDS):
            nearest = _nearest_centroid(sample, centroids)
            order = np.argsort(nearest, kind="stable")
            sizes = np.bincount(nearest, minlength=clusters)
            sums = np.zeros_like(centroids)
            filled = sizes > 0
            sums[filled] = np.add.reduceat(sample[order], np.cumsum(sizes)[filled] - sizes[filled], axis=0)
            empty = ~filled
            sums[empty] = sample[rng.choice(len(sample), size=int(empty.sum()), replace=False)]
            centroids = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
        return cls(centroids.astype(np.float32), _nearest_centroid(matrix, centroids))

    def rows_near(self, query: np.ndarray, matrix: np.ndarray) -> np.ndarray:
        """The row numbers of the query's nearest clusters (rows added since the last call are assigned first)."""
        if len(self._assigned) < len(matrix):
            with self._lock:
                if len(self._assigned) < len(matrix):
                    new = _nearest_centroid(matrix[len(self._assigned) :], self.centroids)
                    self._assigned = np.concatenate([self._assigned, new])
        assigned = self._assigned[: len(matrix)]
        sizes = np.bincount(assigned, minlength=len(self.centroids))
        order = np.argsort(-(self.centroids @ query), kind="stable")
        # The nearest clusters until they hold PROBE_SHARE of the rows (clusters differ in size).
        probes = int(np.searchsorted(np.cumsum(sizes[order]), PROBE_SHARE * len(matrix))) + 1
        chosen = np.zeros(len(self.centroids), dtype=bool)
        chosen[order[:probes]] = True
        return np.flatnonzero(chosen[assigned])


def _nearest_centroid(rows: np.ndarray, centroids: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    out = np.empty(len(rows), dtype=np.int32)
    for start in range(0, len(rows), chunk):
        out[start : start + chunk] = np.argmax(rows[start : start + chunk] @ centroids.T, axis=1)
    return out
