"""The structure finder for every laid-out document: label each line, then assemble.

Steps: metadata -> units (clean, drop the TOC, cut labels) -> the line model
labels each unit heading / goal / commitment / cont / other -> assemble
sections. What decides is learned from annotated plans (``line_model.py``);
the rules left are in ``assemble.py`` and are about numbering, not wording.
"""

from __future__ import annotations

from veikart.ingest.document import Document
from veikart.ingest.metadata import find_metadata
from veikart.ingest.model import DocumentSource, Strategy
from veikart.ingest.structure import line_model
from veikart.ingest.structure.assemble import assemble
from veikart.ingest.structure.units import units_of


def build_strategy(document: Document, source: DocumentSource) -> Strategy:
    meta = find_metadata(document)
    cleaned, units, toc = units_of(document, meta.title)
    labelled = line_model.load().label(units)
    sections = assemble(units, [label for label, _ in labelled], cleaned, toc, meta.title)
    return Strategy(
        title=meta.title or (source.filename or ""),
        organisation=meta.organisation,
        period=meta.period,
        source=source,
        sections=sections,
    )
