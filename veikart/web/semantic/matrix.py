"""Every cached vector in this process's memory, kept up to date by reading only the rows added since.

A query costs one matrix-vector product (``VectorMatrix.nearest``); finding
out whether the table changed costs one primary-key read (the newest id).
The matrix holds TextVector ids; callers map them to their own rows in SQL
(search joins its index rows on the text key), so a vector that no row uses
any more is simply never mapped.
"""

from __future__ import annotations

import threading

from veikart import semantic
from veikart.semantic.index import VectorMatrix
from veikart.web.semantic.models import TextVector

_lock = threading.Lock()  # one reader of new rows at a time; searches read the matrix without it
_matrix = VectorMatrix()
_last_id = 0
READ_CHUNK = 20_000


def newest_id() -> int:
    return TextVector.objects.order_by("-id").values_list("id", flat=True).first() or 0


def text_matrix() -> VectorMatrix:
    """The process's matrix of cached vectors, with every row stored up to now."""
    global _last_id
    newest = newest_id()
    if newest <= _last_id:
        return _matrix
    with _lock:
        while _last_id < newest:
            rows = list(
                TextVector.objects.filter(id__gt=_last_id, id__lte=newest).order_by("id")
                .values_list("id", "model", "vector")[:READ_CHUNK]
            )
            if not rows:
                break
            _matrix.extend((pk, blob) for pk, model, blob in rows if model == semantic.MODEL)
            _last_id = rows[-1][0]
    return _matrix


def forget() -> None:
    """Drop the process's matrix (tests: rolled-back rows give their ids to new ones)."""
    global _matrix, _last_id
    with _lock:
        _matrix, _last_id = VectorMatrix(), 0
