"""Passage vectors for comparison and alignment, computed once per text.

The model (veikart.semantic) embeds about 30 short texts a second here; a
strategy pair has a few hundred items, and the same KS strategy is aligned
with plan after plan. So vectors are kept on disk, one small file per text
under its ``text_key`` (the key holds the model's name: a new model means new
files). The web app keeps its vectors in the database instead and passes its
own ``Embed`` function.

The directory is ``$VEIKART_VECTOR_CACHE`` if set (empty: no disk cache),
else ``$XDG_CACHE_HOME/veikart/vectors`` (``~/.cache/veikart/vectors``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from veikart.semantic import DIMENSIONS, embed_passages, text_key

if TYPE_CHECKING:
    import numpy as np

Embed = Callable[[Sequence[str]], "np.ndarray"]  # texts -> (len(texts), DIMENSIONS), rows L2-normalised


def cache_dir() -> Path | None:
    configured = os.environ.get("VEIKART_VECTOR_CACHE")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "veikart" / "vectors"


def _path(root: Path, key: str) -> Path:
    return root / key[:2] / f"{key}.npy"


def _read(path: Path) -> np.ndarray | None:
    import numpy as np

    try:
        vector = np.load(path, allow_pickle=False)
    except (OSError, ValueError):  # absent, or cut short by a crash: compute it again
        return None
    return vector if vector.shape == (DIMENSIONS,) else None


def _write(path: Path, vector: np.ndarray) -> None:
    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: a reader never sees half a file, two writers never mix.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as f:
            np.save(f, vector.astype(np.float32), allow_pickle=False)
        os.replace(f.name, path)
    except OSError:  # a read-only home: the vectors are still right, only not kept
        pass


def embed(texts: Sequence[str], root: Path | None = None) -> np.ndarray:
    """Vectors of ``texts`` (passages), from the disk cache where there, computed in one batch otherwise."""
    import numpy as np

    root = cache_dir() if root is None else root
    texts = list(texts)
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        vector = _read(_path(root, text_key(text))) if root else None
        if vector is None:
            missing.setdefault(text, []).append(i)
        else:
            out[i] = vector
    if missing:
        computed = embed_passages(list(missing))
        for vector, (text, rows) in zip(computed, missing.items(), strict=True):
            out[rows] = vector
            if root:
                _write(_path(root, text_key(text)), vector)
    return out
