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
PROBE_SHARE = 1 / 4  # real e5 vectors: 1/16 kept 62 % of the exact matches, 1/4 87 % (semantic README)
KMEANS_ROUNDS = 8
SAMPLE_PER_CLUSTER = 32
REFIT_SHARE = 0.25  # refitted (in a thread) when the rows added since grow past this share


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
    A reader sees the rows added before its call began. From
    ``COARSE_MIN_ROWS`` rows on, the rows are put in the order of their
    clusters once (``coarse_index``), so a query reads a few contiguous
    slices instead of every row.
    """

    def __init__(self) -> None:
        # ids, rows and clusters are replaced together (one attribute), so a reader never mixes them.
        self._state: tuple[np.ndarray, np.ndarray, CoarseIndex | None] = (
            np.zeros(0, dtype=np.int64),
            np.zeros((0, DIMENSIONS), dtype=np.float32),
            None,
        )
        self._size = 0
        self._sum = np.zeros(DIMENSIONS, dtype=np.float64)  # of every row: the mean score is one dot product
        self._write = threading.Lock()  # extend and the reordering by cluster take turns
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
        return self._state[0][: self._size]

    @property
    def matrix(self) -> np.ndarray:
        return self._state[1][: self._size]

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
        with self._write:
            all_ids, matrix, coarse = self._state
            size, end = self._size, self._size + len(ids)
            if end > len(all_ids):
                capacity = max(end, 2 * len(all_ids), 1024)
                grown_ids = np.zeros(capacity, dtype=np.int64)
                grown = np.zeros((capacity, DIMENSIONS), dtype=np.float32)
                grown_ids[:size], grown[:size] = all_ids[:size], matrix[:size]
                all_ids, matrix = grown_ids, grown
            all_ids[size:end] = ids
            matrix[size:end] = new
            self._state = (all_ids, matrix, coarse)
            self._sum += new.sum(axis=0, dtype=np.float64)
            self._size = end  # last: a reader never sees a row half written
        return len(ids)

    def coarse_index(self, wait: bool = True) -> CoarseIndex | None:
        """The clusters of a large matrix (fitted once, in this call or, ``wait=False``, in a thread).

        None below ``COARSE_MIN_ROWS`` rows, and until the first fit is done
        when ``wait`` is False. Fitting puts the rows in cluster order (a copy,
        swapped in when ready); it is done again when many rows were added.
        """
        coarse = self._state[2]
        if self._size < COARSE_MIN_ROWS or (coarse is not None and not self._outgrown(coarse)):
            return coarse
        if not wait:  # meanwhile: the old clusters (and their unordered tail), or every row
            if not self._building.locked():
                threading.Thread(target=self.coarse_index, daemon=True, name="vector-clusters").start()
            return coarse
        with self._building:
            coarse = self._state[2]
            if coarse is None or self._outgrown(coarse):
                self._fit()
        return self._state[2]

    def _outgrown(self, coarse: CoarseIndex) -> bool:
        """Whether the rows added since the fit (read by every query) have grown past ``REFIT_SHARE``."""
        return self._size - coarse.fitted > REFIT_SHARE * coarse.fitted

    def _fit(self) -> None:
        fitted = self._size
        centroids, assigned = CoarseIndex.fit(self._state[1][:fitted])
        order = np.argsort(assigned, kind="stable")
        ends = np.cumsum(np.bincount(assigned, minlength=len(centroids)))
        with self._write:  # rows added meanwhile stay behind the ordered ones, read by every query
            all_ids, matrix, _ = self._state
            ordered_ids, ordered = np.empty_like(all_ids), np.empty_like(matrix)
            ordered_ids[:fitted], ordered[:fitted] = all_ids[order], matrix[order]
            ordered_ids[fitted : self._size], ordered[fitted : self._size] = (
                all_ids[fitted : self._size],
                matrix[fitted : self._size],
            )
            self._state = (ordered_ids, ordered, CoarseIndex(centroids, ends))

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
        self.coarse_index(wait=False)
        all_ids, all_rows, coarse = self._state
        ids, matrix = all_ids[:size], all_rows[:size]
        if coarse is None:  # every row is read
            rows = np.arange(size)
            scores = matrix @ query
        else:  # the slices of the clusters nearest the query, and the rows added since the fit
            slices = coarse.slices_near(query, size)
            rows = np.concatenate([np.arange(start, end) for start, end in slices])
            scores = np.concatenate([matrix[start:end] @ query for start, end in slices])
        k = min(k, len(rows))
        if not k:
            return []
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
    clusters are fitted on a sample, every row goes to its nearest centroid,
    and the matrix keeps its rows in cluster order, so a cluster is one
    slice. A query reads the slices of the clusters whose centroids are
    nearest to it until they hold ``PROBE_SHARE`` of the rows, plus the rows
    added since the fit, and scores them exactly: what it returns stands out
    from the rest (within ``SPREAD`` of the best), so it lies in the query's
    nearest clusters; a row in a further cluster can be missed (an
    approximation, as any inverted-file or graph index makes).
    """

    def __init__(self, centroids: np.ndarray, ends: np.ndarray) -> None:
        self.centroids = centroids
        self.ends = ends  # cluster c is rows ends[c-1]:ends[c] of the ordered matrix
        self.fitted = int(ends[-1]) if len(ends) else 0

    @staticmethod
    def fit(matrix: np.ndarray, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
        """Centroids fitted on a sample of ``matrix``, and each row's nearest one."""
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
        centroids = centroids.astype(np.float32)
        return centroids, _nearest_centroid(matrix, centroids)

    def slices_near(self, query: np.ndarray, size: int) -> list[tuple[int, int]]:
        """(start, end) row ranges to read for ``query``: the nearest clusters, then the rows added since."""
        starts = np.concatenate([[0], self.ends[:-1]])
        sizes = self.ends - starts
        order = np.argsort(-(self.centroids @ query), kind="stable")
        # The nearest clusters until they hold PROBE_SHARE of the rows (clusters differ in size).
        probes = int(np.searchsorted(np.cumsum(sizes[order]), PROBE_SHARE * self.fitted)) + 1
        chosen = sorted(int(c) for c in order[:probes] if sizes[c])
        out = [(int(starts[c]), int(self.ends[c])) for c in chosen]
        if size > self.fitted:
            out.append((self.fitted, size))
        return out


def _nearest_centroid(rows: np.ndarray, centroids: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    out = np.empty(len(rows), dtype=np.int32)
    for start in range(0, len(rows), chunk):
        out[start : start + chunk] = np.argmax(rows[start : start + chunk] @ centroids.T, axis=1)
    return out
