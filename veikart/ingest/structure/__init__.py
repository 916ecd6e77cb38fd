"""Find the strategy in a read document: choose the right structure finder.

Documents that kept their layout (headings, lists: PDF, DOCX, HTML, Markdown)
go to ``sectioned``; a flattened transcript (paragraphs with no headings, as
document-sharing sites serve them) goes to ``flattened``.
"""

from __future__ import annotations

from veikart.ingest.document import Document
from veikart.ingest.model import DocumentSource, Strategy
from veikart.ingest.structure import flattened, sectioned


def build_strategy(document: Document, source: DocumentSource) -> Strategy:
    if flattened.looks_flattened(document):
        return flattened.build_strategy(document, source)
    return sectioned.build_strategy(document, source)
