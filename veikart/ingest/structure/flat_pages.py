"""Pages of a flattened transcript, and one running text over them with a way back.

Document-sharing sites serve a PDF as "Transkript:" followed by one paragraph
per page; the page's printed number is the paragraph's last word, wherever
the page broke ("… et regionalt lederskap 2" / "og utvikle regionen …").
So when the numbers at the ends of the paragraphs count up with their
position (paragraph i ends in i + d for one d), each paragraph is a page, the
number is removed from the text, and the sentence it cut is joined again.
Otherwise the transcript has no pages we can trust: offsets then index the
whole text (page None), and a number is still taken out where it ends a
paragraph that a lower-case paragraph continues, or follows a full stop.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from veikart.ingest.document import Block, Document

TRANSCRIPT_MARKER = re.compile(r"^(?:transkript|transcript)\s*:?$", re.IGNORECASE)
SIMILAR_MARKER = re.compile(r"^(?:like dokumenter|lignende dokumenter|similar documents)$", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\s(\d{1,3})\s*$")


@dataclass(frozen=True)
class Piece:
    """Content: ``pages[page][start:end]``, in reading order."""

    page: int  # index into Transcript.pages
    start: int
    end: int


@dataclass
class Transcript:
    pages: list[str]  # text per page as served (with its printed number); one element when not paged
    paged: bool
    numbers: list[int | None]  # printed number found at the end of each page (paged only)
    pieces: list[Piece]  # the content, page numbers taken out
    heading: str | None = None  # the site's own title for the document, if it gave one
    skipped: list[str] = field(default_factory=list)  # what came before the marker ("Like dokumenter")

    def page_number(self, index: int) -> int | None:
        """1-based page number of ``pages[index]``, None when not paged."""
        return index + 1 if self.paged else None


def find_transcript(document: Document) -> Transcript:
    """The transcript's pages; the "Like dokumenter" list and anything before "Transkript:" left out."""
    blocks = document.blocks
    marker = next((i for i, b in enumerate(blocks) if TRANSCRIPT_MARKER.match(b.text.strip())), None)
    heading = None
    if marker is not None:
        before = blocks[:marker]
        similar = next((i for i, b in enumerate(before) if SIMILAR_MARKER.match(b.text.strip())), None)
        if similar:  # the site's title stands above its list of similar documents
            heading = " ".join(b.text for b in before[:similar])
        content = blocks[marker + 1 :]
        skipped = [b.text for b in before]
    else:
        content, skipped = list(blocks), []
    text = document.pages[0] if document.pages else ""
    if document.paged or not content:
        return _as_given(document, content, heading, skipped)
    offsets = _page_offsets(content)
    if offsets is not None:
        return _paged(text, content, offsets, heading, skipped)
    return _unpaged(text, content, heading, skipped)


def _page_offsets(content: list[Block]) -> dict[int, int] | None:
    """Block index -> printed number, when the numbers count up with the blocks' positions."""
    found = {}
    for i, block in enumerate(content):
        match = _TRAILING_NUMBER.search(block.text)
        if match:
            found[i] = int(match.group(1))
    if len(found) < 2:
        return None
    shift, votes = Counter(n - (i + 1) for i, n in found.items()).most_common(1)[0]
    if votes < 2 or votes < (len(content) - 2) / 2 or shift < 0:
        return None
    return {i: n for i, n in found.items() if n - (i + 1) == shift}


def _paged(text: str, content: list[Block], numbered: dict[int, int], heading, skipped) -> Transcript:
    pages, numbers, pieces = [], [], []
    for i, block in enumerate(content):
        page = text[block.start : block.end]
        end = len(page)
        if i in numbered:
            end = _TRAILING_NUMBER.search(page).start()
        pages.append(page)
        numbers.append(numbered.get(i))
        pieces.append(Piece(i, 0, end))
    return Transcript(pages=pages, paged=True, numbers=numbers, pieces=pieces, heading=heading, skipped=skipped)


def _unpaged(text: str, content: list[Block], heading, skipped) -> Transcript:
    pieces = []
    for i, block in enumerate(content):
        end = block.end
        match = _TRAILING_NUMBER.search(text, block.start, block.end)
        if match:
            following = content[i + 1].text if i + 1 < len(content) else ""
            before = text[block.start : match.start()].rstrip()
            if following[:1].islower() or before.endswith((".", "!", "?")):
                end = match.start()
        pieces.append(Piece(0, block.start, end))
    return Transcript(pages=[text], paged=False, numbers=[None], pieces=pieces, heading=heading, skipped=skipped)


def _as_given(document: Document, content: list[Block], heading, skipped) -> Transcript:
    pieces = [Piece((b.page or 1) - 1 if document.paged else 0, b.start, b.end) for b in content]
    numbers = [None] * len(document.pages)
    return Transcript(pages=list(document.pages), paged=document.paged, numbers=numbers, pieces=pieces,
                      heading=heading, skipped=skipped)


class Stream:
    """Pieces joined by single spaces into one text, with offsets mapped back to their pages."""

    def __init__(self, pages: list[str], pieces: list[Piece]) -> None:
        self.pages = pages
        self.pieces = [p for p in pieces if pages[p.page][p.start : p.end].strip()]
        parts, self._starts, pos = [], [], 0
        for piece in self.pieces:
            self._starts.append(pos)
            part = pages[piece.page][piece.start : piece.end]
            parts.append(part)
            pos += len(part) + 1
        self.text = " ".join(parts)

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(page index, start, end) in that page for ``text[start:end]``.

        A span that runs over a page break is located on the page where it
        starts and ends at the end of that page's part.
        """
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        piece = self.pieces[i]
        page_start = piece.start + (start - self._starts[i])
        page_end = min(piece.start + (end - self._starts[i]), piece.end)
        return piece.page, page_start, page_end
