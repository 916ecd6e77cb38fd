"""The import pipeline as one ordered list of small steps (``_extract`` names them all).

detect type -> read -> find structure (clean, classify lines, assemble sections)
-> describe (organisation, period, language) -> warn (never silent).
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from veikart.i18n import N_, Decimal, Message
from veikart.ingest import findings, metadata, readers, structure
from veikart.ingest.document import Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.model import DocumentSource, Strategy

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes_from_env() -> int:
    """The size limit: VEIKART_MAX_UPLOAD_BYTES or 50 MB."""
    raw = os.environ.get("VEIKART_MAX_UPLOAD_BYTES", "")
    try:
        return int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError as exc:
        raise ExtractError(
            "VEIKART_MAX_UPLOAD_BYTES må være et helt antall byte, ikke %(raw)s", raw=repr(raw)
        ) from exc


def size_text(n: int) -> Message:
    """A file size for a person: megabytes with one decimal from 1 MB, else bytes."""
    if n >= 1024 * 1024:
        return Message("%(mb)s MB", {"mb": Decimal(n / (1024 * 1024))})
    return Message("%(n)s byte", {"n": n})


def too_large(size: int, limit: int) -> ExtractError:
    return ExtractError(
        "filen er for stor: %(size)s, grensen er %(limit)s", size=size_text(size), limit=size_text(limit)
    )


# The operating system's reasons (strerror) are English only; the common ones have a message of their own.
_OS_REASONS = {
    errno.ENOENT: N_("filen finnes ikke"),
    errno.EACCES: N_("ingen tilgang til filen"),
    errno.EPERM: N_("ingen tilgang til filen"),
    errno.EISDIR: N_("det er en mappe, ikke en fil"),
}


def _unreadable(name: str, exc: OSError) -> ExtractError:
    reason = exc.strerror or str(exc)
    known = _OS_REASONS.get(exc.errno or 0)
    said = Message(known) if known else Message("operativsystemet svarte «%(reason)s»", {"reason": reason})
    return ExtractError("kan ikke lese %(name)s: %(reason)s", name=name, reason=said)


def extract(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Strategy:
    """Read the document at ``path`` and return the strategy it holds."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large(size, limit)
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
        raise too_large(len(data), limit)
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
