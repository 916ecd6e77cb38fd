"""Turn a strategy document into a structured Strategy (Strategy JSON).

Plain Python, no web framework: ``from veikart.ingest import extract``.
"""

from veikart.ingest.errors import ExtractError
from veikart.ingest.model import Item, Section, Source, Strategy
from veikart.ingest.pipeline import DEFAULT_MAX_BYTES, extract, extract_bytes, extract_bytes_with_pages

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ExtractError",
    "Item",
    "Section",
    "Source",
    "Strategy",
    "extract",
    "extract_bytes",
    "extract_bytes_with_pages",
]
