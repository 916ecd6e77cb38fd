"""The import pipeline as one ordered list of small steps (``_extract`` names them all).

detect type -> read -> find structure (clean, classify lines, assemble sections)
-> describe (organisation, period, language) -> warn (never silent).
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from veikart.ingest import findings, metadata, readers, structure
from veikart.ingest.document import Document
from veikart.ingest.errors import ExtractError, nb_number
from veikart.ingest.model import DocumentSource, Strategy

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes_from_env() -> int:
    """The size limit: VEIKART_MAX_UPLOAD_BYTES or 50 MB."""
    raw = os.environ.get("VEIKART_MAX_UPLOAD_BYTES", "")
    try:
        return int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError as exc:
        raise ExtractError(
            en=f"VEIKART_MAX_UPLOAD_BYTES must be a whole number of bytes, not {raw!r}",
            nb=f"VEIKART_MAX_UPLOAD_BYTES må være et helt antall byte, ikke {raw!r}",
        ) from exc


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _size_text_nb(n: int) -> str:
    return f"{nb_number(n / (1024 * 1024))} MB" if n >= 1024 * 1024 else f"{n} byte"


def _too_large(size: int, limit: int) -> ExtractError:
    return ExtractError(
        en=f"the file is too large: {_size_text(size)}, the limit is {_size_text(limit)}",
        nb=f"filen er for stor: {_size_text_nb(size)}, grensen er {_size_text_nb(limit)}",
    )


# The operating system's reasons (strerror) are English; the common ones in bokmål.
_OS_REASONS_NB = {
    errno.ENOENT: "filen finnes ikke",
    errno.EACCES: "ingen tilgang til filen",
    errno.EPERM: "ingen tilgang til filen",
    errno.EISDIR: "det er en mappe, ikke en fil",
}


def _unreadable(name: str, exc: OSError) -> ExtractError:
    reason = exc.strerror or str(exc)
    reason_nb = _OS_REASONS_NB.get(exc.errno or 0, f"operativsystemet svarte «{reason}»")
    return ExtractError(en=f"cannot read {name}: {reason}", nb=f"kan ikke lese {name}: {reason_nb}")


def extract(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Strategy:
    """Read the document at ``path`` and return the strategy it holds."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise _too_large(size, limit)
        # Never more than the limit: a device or a file still being written may not end where stat() said.
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise _unreadable(path.name, exc) from exc
    return extract_bytes(data, filename=path.name, max_bytes=limit)


def extract_bytes(data: bytes, *, filename: str | None = None, max_bytes: int | None = None) -> Strategy:
    """Like ``extract`` for a document already in memory (an upload)."""
    return _extract(data, filename, max_bytes)[0]


def extract_bytes_with_pages(
    data: bytes, *, filename: str | None = None, max_bytes: int | None = None
) -> tuple[Strategy, list[str]]:
    """Like ``extract_bytes``, plus the page texts the items' ``source`` offsets point into.

    One run of reader and structure finder: a flattened transcript is re-paged
    by the finder, so the reader's pages alone would not match the offsets.
    For an unpaged format the list holds one element, the whole text.
    """
    strategy, document = _extract(data, filename, max_bytes)
    return strategy, list(document.pages)


def _extract(data: bytes, filename: str | None, max_bytes: int | None) -> tuple[Strategy, Document]:
    """Every step of an import, in order; each is a plain function of the step before."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    if len(data) > limit:
        raise _too_large(len(data), limit)
    fmt = readers.detect_format(data, filename)
    document = readers.read(data, fmt)
    source = DocumentSource(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=document.page_count,
        format=fmt,
    )
    strategy = structure.build_strategy(document, source)  # the finder may re-page ``document``
    metadata.describe(strategy, document)
    strategy.warnings = findings.warnings_for(strategy)
    return strategy, document
