"""Find the strategy in a read document: choose the structure finder.

Every document that kept its lines (PDF, DOCX, HTML, Markdown, text converted
from PDF) goes to ``lines``: a learned model labels each line. A flattened
transcript (paragraphs a page long with no headings or lists, as
document-sharing sites serve them) has no lines to label and goes to
``flattened``.
"""

from __future__ import annotations

from veikart.ingest.document import Document
from veikart.ingest.model import DocumentSource, Strategy
from veikart.ingest.structure import lines


def build_strategy(document: Document, source: DocumentSource) -> Strategy:
    if not document.paged:  # a transcript has no pages; a paged document never needs the flattened finder
        from veikart.ingest.structure import flattened  # noqa: PLC0415 - loaded only for unpaged text

        if flattened.looks_flattened(document):
            return flattened.build_strategy(document, source)
    return lines.build_strategy(document, source)
