"""The import pipeline as one ordered list of small steps.

detect type -> read -> clean (headers, footers, hyphenation) -> find structure.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from veikart.ingest import readers
from veikart.ingest.errors import ExtractError
from veikart.ingest.model import DocumentSource, Strategy

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes_from_env() -> int:
    """The size limit: VEIKART_MAX_UPLOAD_BYTES or 50 MB."""
    raw = os.environ.get("VEIKART_MAX_UPLOAD_BYTES", "")
    try:
        return int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError as exc:
        raise ExtractError(f"VEIKART_MAX_UPLOAD_BYTES must be a whole number of bytes, not {raw!r}") from exc


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def extract(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Strategy:
    """Read the document at ``path`` and return the strategy it holds."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise ExtractError(f"the file is too large: {_size_text(size)}, the limit is {_size_text(limit)}")
        # Never more than the limit: a device or a file still being written may not end where stat() said.
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise ExtractError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    return extract_bytes(data, filename=path.name, max_bytes=limit)


def extract_bytes(data: bytes, *, filename: str | None = None, max_bytes: int | None = None) -> Strategy:
    """Like ``extract`` for a document already in memory (an upload)."""
    from veikart.ingest.structure import build_strategy

    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    if len(data) > limit:
        raise ExtractError(f"the file is too large: {_size_text(len(data))}, the limit is {_size_text(limit)}")
    fmt = readers.detect_format(data, filename)
    document = readers.read(data, fmt)
    source = DocumentSource(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=document.page_count,
        format=fmt,
    )
    return build_strategy(document, source)
