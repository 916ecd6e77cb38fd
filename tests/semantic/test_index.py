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


def test_rank_fusion_puts_what_both_rankings_found_first():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["d", "b", "a"]])
    assert [key for key, _ in fused][:2] == ["b", "a"] or [key for key, _ in fused][:2] == ["a", "b"]
    assert {key for key, _ in fused} == {"a", "b", "c", "d"}
    only_words = reciprocal_rank_fusion([["x", "y"], []])
    assert [key for key, _ in only_words] == ["x", "y"]
