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
READERS = ("pdf", "docx", "html", "converted", "markdown", "text")
# A file that starts with "%PDF" and that the PDF reader claims (3, or 4 with a .pdf name) is a PDF: no
# other reader can score higher there (docx 0; html, converted and markdown 0; text at most 2), so the
# others are not asked, nor their modules imported (start-up of ``veikart extract FILE.pdf``).
_PDF_START = b"%PDF"
_PDF_FINAL_SCORE = 3


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"veikart.ingest.readers.{name}")


def detect_format(data: bytes, filename: str | None = None) -> str:
    """The format whose reader claims ``data`` most strongly (magic bytes first).

    The file name only breaks ties between text formats (a ``.md`` file that
    looks like plain text is read as Markdown); it never overrides content.
    It does shape the refusal: binary data under a text name (``.txt``,
    ``.md``, ``.html``) is told so, rather than "unsupported file type".
    """
    if not data or not data.strip():
        raise ExtractError("filen er tom")
    best, best_score = None, 0
    for name in READERS:
        score = _module(name).sniff(data)
        if filename and score and filename.lower().endswith(_module(name).EXTENSIONS):
            score += 1
        if score > best_score:
            best, best_score = name, score
        if best == "pdf" and best_score >= _PDF_FINAL_SCORE and data.startswith(_PDF_START):
            break
    if best is None:
        if filename and filename.lower().endswith(_text_extensions()):
            raise _module("text").binary_error()
        raise ExtractError(
            "filtypen støttes ikke: filen er verken PDF, DOCX, "
            "HTML, Markdown eller et tekstdokument"
        )
    return best


def _text_extensions() -> tuple[str, ...]:
    """File name endings that promise text: a file under such a name that no reader takes is binary."""
    return tuple(ext for name in ("html", "markdown", "text") for ext in _module(name).EXTENSIONS)


def read(data: bytes, fmt: str) -> Document:
    return _module(fmt).read(data)
