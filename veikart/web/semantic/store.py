"""The vector cache: look texts up by their key, embed the missing ones, and say when anything changed.

Which texts should have vectors is not this app's business: apps above it
(search) register a ``TextSource`` with ``register_source``, a function that
yields the texts they want embedded. ``missing_texts`` asks every source and
keeps the texts without a cached vector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np
from django.db import transaction

from veikart import semantic
from veikart.semantic.index import from_bytes, to_bytes
from veikart.web.semantic.models import TextVector

TextSource = Callable[[], Iterable[str]]
_SOURCES: list[TextSource] = []
LOOKUP_CHUNK = 500  # keys per IN (...) query: far below SQLite's and PostgreSQL's parameter limits


def register_source(source: TextSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def cached_keys(keys: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for chunk in _chunks(wanted, LOOKUP_CHUNK):
        found.update(TextVector.objects.filter(key__in=chunk, model=semantic.MODEL).values_list("key", flat=True))
    return found


def cached_vectors(texts: Iterable[str]) -> dict[str, np.ndarray]:
    """The cached vectors of those ``texts`` that have one (text -> vector); nothing is embedded."""
    by_key = {semantic.text_key(t): t for t in texts}
    out: dict[str, np.ndarray] = {}
    for chunk in _chunks(list(by_key), LOOKUP_CHUNK):
        for key, blob in TextVector.objects.filter(key__in=chunk, model=semantic.MODEL).values_list("key", "vector"):
            out[by_key[key]] = from_bytes(bytes(blob))
    return out


def missing_texts() -> list[str]:
    """Every distinct text a source wants embedded that has no cached vector, in the sources' order."""
    texts = list(dict.fromkeys(t for source in _SOURCES for t in source() if t and t.strip()))
    have = cached_keys(semantic.text_key(t) for t in texts)
    return [t for t in texts if semantic.text_key(t) not in have]


def embed_and_store(texts: list[str]) -> int:
    """Embed the texts that have no cached vector and store them in one short transaction; returns how many."""
    keys = {semantic.text_key(t): t for t in texts if t and t.strip()}
    todo = [k for k in keys if k not in cached_keys(keys)]
    if not todo:
        return 0
    vectors = semantic.embed_passages([keys[k] for k in todo])  # outside the transaction: seconds of CPU
    rows = [TextVector(key=k, model=semantic.MODEL, vector=to_bytes(v)) for k, v in zip(todo, vectors, strict=True)]
    with transaction.atomic():  # one batch, one short write
        # Another process may have stored some of them meanwhile: those rows are skipped.
        TextVector.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def vectors_for(texts: list[str]) -> np.ndarray:
    """The vectors of ``texts`` (shape (len(texts), DIMENSIONS)), embedding and storing the missing ones.

    For commands and background tasks; a web request reads ``cached_vectors`` only.
    """
    embed_and_store(texts)
    found = cached_vectors(texts)
    out = np.zeros((len(texts), semantic.DIMENSIONS), dtype=np.float32)
    for i, text in enumerate(texts):
        if text in found:
            out[i] = found[text]
    return out

