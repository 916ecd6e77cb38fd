"""The pure core of semantic search: stored bytes, the in-memory matrix's nearest rows, rank fusion."""

from __future__ import annotations

import numpy as np
import pytest

from veikart.semantic import DIMENSIONS
from veikart.semantic.fusion import reciprocal_rank_fusion
from veikart.semantic.index import MARGIN, VECTOR_BYTES, VectorMatrix, from_bytes, to_bytes


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
    return v / np.linalg.norm(v)


def test_a_vector_is_stored_as_1536_bytes_and_read_back_unchanged():
    v = unit(1)
    blob = to_bytes(v)
    assert len(blob) == VECTOR_BYTES == 1536
    assert np.array_equal(from_bytes(blob), v)
    with pytest.raises(ValueError):
        from_bytes(blob[:-4])


def test_the_nearest_rows_are_the_most_similar_ones_best_first():
    rows = [(100 + i, to_bytes(unit(i))) for i in range(200)]
    matrix = VectorMatrix.from_rows(rows)
    query = unit(7) * 0.72 + unit(8) * 0.7
    query /= np.linalg.norm(query)
    found = matrix.nearest(query, 5)
    assert [key for key, _score in found] == [107, 108]
    assert found[0][1] > found[1][1]


def cone(seed: int, base: np.ndarray) -> np.ndarray:
    """A vector near ``base``: e5 puts all texts in such a narrow cone."""
    v = base + 0.4 * unit(seed)
    return v / np.linalg.norm(v)


def test_a_query_like_nothing_in_the_collection_finds_nothing():
    base = unit(0)
    matrix = VectorMatrix.from_rows((i, to_bytes(cone(i, base))) for i in range(1, 200))
    query = base + unit(999)  # as close to every row as to any: none stands out
    assert matrix.nearest(query / np.linalg.norm(query), 10) == []
    assert [key for key, _ in matrix.nearest(cone(5, base), 10)][:1] == [5]


def test_only_rows_that_stand_out_from_the_mean_are_returned():
    matrix = VectorMatrix.from_rows((i, to_bytes(unit(i))) for i in range(200))
    found = matrix.nearest(unit(3), 200)
    scores = matrix.matrix @ unit(3)
    assert found and all(score >= scores.mean() + MARGIN for _key, score in found)
    assert found[0][0] == 3


def test_the_matrix_grows_by_the_new_rows_only_and_skips_rows_of_the_wrong_size():
    matrix = VectorMatrix.from_rows((i, to_bytes(unit(i))) for i in range(3))
    assert matrix.extend([(3, to_bytes(unit(3))), (4, b"short")]) == 1
    assert matrix.extend((i, to_bytes(unit(i))) for i in range(5, 3000)) == 2995
    assert len(matrix) == 2999 and matrix.ids[3] == 3 and matrix.ids[-1] == 2999
    assert np.array_equal(matrix.matrix[3], unit(3))


def topics(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """``n`` vectors in a narrow cone around 200 topics (as e5 places texts), and the topics."""
    rng = np.random.default_rng(seed)
    shared = unit(seed)
    centres = rng.standard_normal((200, DIMENSIONS))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    rows = 0.85 * shared + 0.45 * centres[rng.integers(0, 200, n)] + 0.02 * rng.standard_normal((n, DIMENSIONS))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32), 0.85 * shared + 0.45 * centres


def test_a_large_matrix_reads_only_the_clusters_near_the_query_and_finds_the_same_rows(monkeypatch):
    from veikart.semantic import index

    monkeypatch.setattr(index, "COARSE_MIN_ROWS", 2000)
    rows, centres = topics(6000)
    matrix = VectorMatrix.from_rows((i, to_bytes(v)) for i, v in enumerate(rows))
    coarse = matrix.coarse_index()
    assert coarse is not None and len(coarse.centroids) == 77
    later = list(enumerate(topics(50, seed=4)[0], start=6000))
    matrix.extend((i, to_bytes(v)) for i, v in later)  # after the fit: read by every query
    every = VectorMatrix.from_rows((i, to_bytes(v)) for i, v in [*enumerate(rows), *later])
    assert sorted(matrix.ids) == sorted(every.ids) and matrix.coarse_index() is coarse
    found = kept = returned = 0
    for t in range(0, 200, 10):
        query = (centres[t] / np.linalg.norm(centres[t])).astype(np.float32)
        read = sum(end - start for start, end in coarse.slices_near(query, len(matrix)))
        assert read < len(matrix) / 2  # about PROBE_SHARE of the rows (and the 50 added since), not all
        approximate = dict(matrix.nearest(query, 300))
        monkeypatch.setattr(index, "COARSE_MIN_ROWS", 10**9)
        exact = dict(every.nearest(query, 300))  # never fitted: reads every row
        monkeypatch.setattr(index, "COARSE_MIN_ROWS", 2000)
        assert all(abs(score - float(every.matrix[key] @ query)) < 1e-5 for key, score in approximate.items())
        approximate, exact = set(approximate), set(exact)
        found, kept, returned = found + len(exact), kept + len(exact & approximate), returned + len(approximate)
    assert found > 100 and kept / found > 0.9 and kept / returned > 0.9  # recall and precision


def test_a_small_matrix_reads_every_row():
    matrix = VectorMatrix.from_rows((i, to_bytes(unit(i))) for i in range(300))
    assert matrix.coarse_index() is None


def test_rank_fusion_puts_what_both_rankings_found_first():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["d", "b", "a"]])
    assert [key for key, _ in fused][:2] == ["b", "a"] or [key for key, _ in fused][:2] == ["a", "b"]
    assert {key for key, _ in fused} == {"a", "b", "c", "d"}
    only_words = reciprocal_rank_fusion([["x", "y"], []])
    assert [key for key, _ in only_words] == ["x", "y"]
