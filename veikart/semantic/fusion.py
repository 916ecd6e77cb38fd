"""Reciprocal-rank fusion: one ranking from several (full-text and semantic search), no Django.

Each list contributes 1 / (K + rank) to every key it ranks (rank 1 = best),
so a key high in either list ranks high, one in both ranks higher, and the
lists' scores, which are on unrelated scales (bm25, ts_rank, cosine), never
need to be compared (Cormack, Clarke & Büttcher 2009; K = 60 as there).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

K = 60


def reciprocal_rank_fusion(rankings: Sequence[Sequence[Hashable]], k: int = K) -> list[tuple[Hashable, float]]:
    """Keys of all rankings (each best first) by their fused score, best first; ties keep first-seen order."""
    scores: dict[Hashable, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(dict.fromkeys(ranking), start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    order = {key: i for i, key in enumerate(scores)}
    return sorted(scores.items(), key=lambda pair: (-pair[1], order[pair[0]]))
