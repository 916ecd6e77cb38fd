"""Run the importer and keep the text its offsets point into (plain Python, no Django)."""

from __future__ import annotations

from veikart.ingest import Strategy as IngestStrategy
from veikart.ingest import extract_bytes, readers


def extract_with_pages(
    data: bytes, filename: str | None, max_bytes: int | None = None
) -> tuple[IngestStrategy, list[str]]:
    """The importer's strategy and the page texts its offsets index (ExtractError when refused).

    Strategy JSON carries offsets but not the text, and the structure finder
    may re-page the document (flattened transcripts), so the review screen's
    text is taken from the same reader and finder run again on the document.
    """
    from veikart.ingest.structure import build_strategy  # imported late: the finder loads its rules

    strategy = extract_bytes(data, filename=filename, max_bytes=max_bytes)
    document = readers.read(data, readers.detect_format(data, filename))
    build_strategy(document, strategy.source)
    return strategy, list(document.pages)
