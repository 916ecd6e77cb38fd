"""The reader-neutral form of a document: an ordered list of text blocks.

Every reader (PDF, DOCX, HTML, Markdown, text) turns bytes into a
``Document``; the structure steps after it never look at the original format.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class BlockKind(enum.StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    RULE = "rule"  # a horizontal rule / thematic break


@dataclass(slots=True)
class Block:
    """One heading, paragraph or list item, with where it came from.

    ``start``/``end`` are character offsets into ``Document.pages[page - 1]``
    (or into ``Document.pages[0]`` when the document has no pages, page None).
    ``level`` is the heading level the format states (Markdown ``#`` count,
    DOCX "Heading N", HTML hN); PDF readers infer it from font size and weight.
    """

    kind: BlockKind
    text: str
    page: int | None = None
    start: int = 0
    end: int = 0
    level: int | None = None
    font_size: float | None = None
    bold: bool = False
    numbered: bool = False  # an ordered-list item or a heading with numbering
    gap_before: bool = False  # a blank line (or a page top) before it, where the reader can tell
    line_start: bool = True  # it starts a line of the source (not a bullet inside a line)


@dataclass
class Document:
    """What a reader found: blocks in reading order and the text they index.

    ``pages`` holds the extracted text per page for paged formats, or a single
    element with the whole text for the others (then ``paged`` is False).
    """

    format: str
    blocks: list[Block] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    paged: bool = False

    @property
    def page_count(self) -> int | None:
        return len(self.pages) if self.paged else None

    def page_of(self, block: Block) -> int | None:
        return block.page if self.paged else None
