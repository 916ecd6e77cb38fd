"""Readers chosen by content: each module detects its format and reads it.

To add a format, add a module with ``FORMAT``, ``sniff(data: bytes) -> int``
(0 = not mine, higher = more certain) and ``read(data: bytes) -> Document``,
and list it in ``READERS``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from veikart.ingest.document import Document
from veikart.ingest.errors import ExtractError

# Order matters only to break ties between equal scores.
READERS = ("pdf", "docx", "html", "markdown", "text")


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"veikart.ingest.readers.{name}")


def detect_format(data: bytes, filename: str | None = None) -> str:
    """The format whose reader claims ``data`` most strongly (magic bytes first).

    The file name only breaks ties between text formats (a ``.md`` file that
    looks like plain text is read as Markdown); it never overrides content.
    """
    if not data or not data.strip():
        raise ExtractError("the file is empty")
    best, best_score = None, 0
    for name in READERS:
        score = _module(name).sniff(data)
        if filename and score and filename.lower().endswith(_module(name).EXTENSIONS):
            score += 1
        if score > best_score:
            best, best_score = name, score
    if best is None:
        raise ExtractError("unsupported file type: not a PDF, DOCX, HTML, Markdown or text document")
    return best


def read(data: bytes, fmt: str) -> Document:
    return _module(fmt).read(data)
