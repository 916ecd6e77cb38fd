"""The units the line model labels: headings, and the sentences of lines and bullets.

The readers give blocks (a heading, a paragraph or line, one bullet);
cleaning removed running headers, page numbers and the table of contents;
here paragraphs and bullets are cut into sentences, so that a goal stated in
the middle of a paragraph, or after a label on the same line, is a unit of
its own. A sentence that goes on over a page break is labelled ``cont``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.tools.clean import clean_document, normalise_text
from veikart.ingest.tools.sentences import split
from veikart.ingest.tools.toc import Toc, find_toc


def units_of(document: Document, title: str | None = None) -> tuple[Document, list[Block], Toc]:
    """The cleaned document (its pages index the units' offsets), its units in reading order, its TOC."""
    cleaned = clean_document(document, title)
    toc = find_toc(cleaned.blocks)
    units: list[Block] = []
    for index, block in enumerate(cleaned.blocks):
        if index in toc.blocks or block.kind is BlockKind.RULE or not block.text.strip():
            continue
        units.extend(_sentences(block, cleaned))
    return cleaned, units, toc


def _sentences(block: Block, document: Document) -> list[Block]:
    """One unit per sentence of a paragraph or bullet; a heading stays whole.

    Plans state a goal as one sentence of a paragraph as often as on a line of
    its own; a sentence also ends at a colon before a capital ("SLIK VIL VI HA
    DET: Krødsherad er …"), which cuts a label from what it labels.
    """
    text = normalise_text(block.text)
    spans = split(text) if block.kind is not BlockKind.HEADING else []
    if len(spans) <= 1:
        return [replace(block, text=text)]
    page = _page_text(document, block)
    out = []
    cursor = block.start
    for n, span in enumerate(spans):
        piece = span.of(text)
        start = _find(page, piece[:25], cursor, block.end)
        end = _find(page, piece[-15:], start, block.end)
        end = end + len(piece[-15:]) if end >= 0 else block.end
        start = start if start >= 0 else cursor
        cursor = max(cursor, end)
        first = n == 0
        out.append(
            replace(block, text=piece, start=start, end=min(end, block.end), gap_before=block.gap_before and first,
                    line_start=block.line_start and first)
        )
    return out


def _find(page: str, needle: str, lo: int, hi: int) -> int:
    """Where ``needle`` (normalised) stands in page[lo:hi], tolerant of line breaks and runs of spaces."""
    if not page or not needle:
        return -1
    at = page.find(needle, lo, hi)
    if at >= 0:
        return at
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    match = re.compile(pattern).search(page, lo, hi) if pattern else None
    return match.start() if match else -1


def _page_text(document: Document, block: Block) -> str:
    if not document.pages:
        return ""
    index = (block.page - 1) if (document.paged and block.page) else 0
    return document.pages[index] if 0 <= index < len(document.pages) else ""
