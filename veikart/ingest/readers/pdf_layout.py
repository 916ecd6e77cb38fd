"""From positioned text lines of a PDF to blocks: headings, paragraphs, list items.

Pure Python on the lines ``readers.pdf`` measured, so the rules can be read and
tested without a PDF. The rules follow how word processors lay text out:

- a heading is a short line set larger than the body text, or bold at body size;
  its level is the rank of its (size, bold) style among the document's headings;
- a list item starts with a bullet glyph or "1." and its wrapped lines hang
  indented under its text;
- lines of a paragraph follow each other at line spacing; a larger gap, a
  different indent or a heading ends it;
- page numbers and running headers/footers sit in the top and bottom margins:
  bare numbers there are dropped, and so are lines repeated there on most pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from veikart.ingest.document import Block, BlockKind, Document


@dataclass(slots=True)
class Line:
    """One line of text as PDFium laid it out; y is the baseline, upwards from the page bottom."""

    text: str
    start: int  # offsets into the page text
    end: int
    x: float
    y: float
    right: float
    size: float
    bold: bool
    marker: str = ""  # a list marker drawn apart from the line's text (see _attach_markers)


@dataclass
class PageLines:
    text: str  # the page's extracted text, which blocks' offsets index
    height: float
    lines: list[Line] = field(default_factory=list)


MARGIN_SHARE = 0.085  # top and bottom share of the page where headers and footers live
LINE_GAP = 1.3  # a baseline distance this many times the usual line pitch starts a new block
MAX_HEADING_CHARS = 160

_PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|s\.)\s*)?[-–]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–]?(?:\s*(?:av|of|/)\s*\d{1,4})?$", re.I
)
_BULLET = re.compile(r"^([•▪◦‣●○■□➢►✓·*])\s*")
_DASH = re.compile(r"^([-–—])\s+")
_NUMBER_MARK = re.compile(r"^(\d{1,2}|[a-z])[.)]\s+")
_HEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
_TOC_LEADER = re.compile(r"(?:(?:\.\s?){3,}|…+\.*|_{3,})\s*(?:\d{1,4}|[ivxlc]{1,7})$", re.I)
# "helse- og omsorg": a hyphen before a conjunction is part of the word pair, not a line break split.
_KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt", "til", "and", "or"})
_SOFT_HYPHENS = ("\xad", "\x02")  # PDFium reports a soft hyphen at a line end as \x02
_HYPHENS = ("-", "\u2010")  # WeasyPrint breaks words with U+2010 HYPHEN
_MARKER_ONLY = re.compile(r"^(?:[•▪◦‣●○■□➢►✓·*–-]|\d{1,2}[.)]|[a-z][.)])$")


def build_document(pages: list[PageLines]) -> Document:
    body = [_attach_markers(lines) for lines in _drop_margins(pages)]
    all_lines = [line for lines in body for line in lines]
    body_size = _body_size(all_lines)
    pitch = _line_pitch(body, body_size)
    right_margin = max((line.right for line in all_lines if abs(line.size - body_size) < 0.6), default=0.0)
    styles = {
        id(line): style
        for line in all_lines
        if (style := _heading_style(line, body_size)) and not _bold_full_line(line, body_size, right_margin)
    }
    levels = _heading_levels(set(styles.values()))
    builder = _BlockBuilder(levels, right_margin, pitch, body_size)
    for number, lines in enumerate(body, start=1):
        for line in lines:
            builder.add(number, line, styles.get(id(line)))
    return Document(format="pdf", blocks=builder.finish(), pages=[page.text for page in pages], paged=True)


def _in_margin(line: Line, height: float) -> bool:
    return line.y > height * (1 - MARGIN_SHARE) or line.y < height * MARGIN_SHARE


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_margins(pages: list[PageLines]) -> list[list[Line]]:
    """Each page's lines without page numbers and running headers/footers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_margin_key(line.text) for line in page.lines if _in_margin(line, page.height)})
    repeated = {key for key, n in seen.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    kept = []
    for page in pages:
        kept.append(
            [
                line
                for line in page.lines
                if not (
                    _in_margin(line, page.height)
                    and (_PAGE_NUMBER.match(line.text) or _margin_key(line.text) in repeated)
                )
            ]
        )
    return kept


def _attach_markers(lines: list[Line]) -> list[Line]:
    """Join list markers that were drawn on their own to the text on their baseline.

    Some generators (WeasyPrint) draw every bullet or "1." after the page's text,
    so PDFium returns them as separate lines at the end of the page.
    """
    markers = [line for line in lines if _MARKER_ONLY.match(line.text)]
    if not markers:
        return lines
    dropped: set[int] = set()
    owners: set[int] = set()
    for marker in markers:
        owner = next(
            (
                line
                for line in lines
                if id(line) not in owners and id(line) not in dropped and line is not marker
                and abs(line.y - marker.y) < 1 and line.x > marker.x
            ),
            None,
        )
        if owner is not None:
            owner.marker = marker.text
            owners.add(id(owner))
            dropped.add(id(marker))
    return [line for line in lines if id(line) not in dropped]


def _line_pitch(pages: list[list[Line]], body_size: float) -> float:
    """The usual distance between baselines of body text, whatever unit the font sizes are in."""
    gaps: Counter[float] = Counter()
    for lines in pages:
        for previous, line in zip(lines, lines[1:], strict=False):
            if previous.size == line.size == body_size and 0 < previous.y - line.y < 3 * body_size:
                gaps[round(previous.y - line.y, 0)] += 1
    return gaps.most_common(1)[0][0] if gaps else 1.2 * body_size


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _heading_style(line: Line, body_size: float) -> tuple[float, bool] | None:
    if not (line.size >= body_size + 1 or (line.bold and line.size >= body_size - 0.5)):
        return None
    text = line.text
    if len(text) > MAX_HEADING_CHARS or (text[-1].isalnum() and _TOC_LEADER.search(text)) or _BULLET.match(text):
        return None
    return (line.size, line.bold)


def _bold_full_line(line: Line, body_size: float, right_margin: float) -> bool:
    """A bold line at body size that runs to the right margin opens a bold paragraph; headings stop short."""
    return line.size < body_size + 1 and line.right > right_margin - line.size


def _heading_levels(styles: set[tuple[float, bool]]) -> dict[tuple[float, bool], int]:
    """Heading styles ranked: larger first, bold before regular at the same size."""
    ranked = sorted(styles, key=lambda s: (-s[0], not s[1]))
    return {style: min(rank + 1, 6) for rank, style in enumerate(ranked)}


class _BlockBuilder:
    """Walks lines in reading order and groups them into blocks."""

    def __init__(
        self, levels: dict[tuple[float, bool], int], right_margin: float, pitch: float, body_size: float
    ) -> None:
        self.levels = levels
        self.pitch = pitch
        self.body_size = body_size or 1.0
        self.right_margin = right_margin
        self.blocks: list[Block] = []
        self.lines: list[Line] = []
        self.kind: BlockKind | None = None
        self.page = 0  # where the block starts
        self.last_page = 0  # where its last line is (a paragraph may go on over a page break)
        self.style: tuple[float, bool] | None = None
        self.marker = ""  # the list marker stripped from the first line
        self.numbered = False

    def add(self, page: int, line: Line, style: tuple[float, bool] | None) -> None:
        if style:
            if not (self.kind is BlockKind.HEADING and self.style == style and self._follows(page, line)):
                self._start(BlockKind.HEADING, page, line, style=style)
            else:
                self.lines.append(line)
            return
        marker = self._list_marker(page, line)
        if marker is not None:
            self._start(BlockKind.LIST_ITEM, page, line, marker=marker)
            self.numbered = bool(_NUMBER_MARK.match((line.marker or marker) + " "))
        elif self._continues(page, line):
            self.lines.append(line)
            self.last_page = page
        else:
            self._start(BlockKind.PARAGRAPH, page, line)

    def finish(self) -> list[Block]:
        self._close()
        return self.blocks

    def _follows(self, page: int, line: Line) -> bool:
        """The line is the next one at line spacing on the same page."""
        if page != self.last_page or not self.lines:
            return False
        previous = self.lines[-1]
        gap = previous.y - line.y
        # The pitch is measured on body text; larger type has a proportionally larger one.
        return 0 < gap <= LINE_GAP * self.pitch * max(1.0, max(previous.size, line.size) / self.body_size)

    def _list_marker(self, page: int, line: Line) -> str | None:
        if line.marker:
            return ""  # drawn apart: nothing to strip from the text
        lead = line.text[0]
        if lead.isalpha() and line.text[1:2] not in (".", ")"):
            return None  # most lines: a word, no marker (saves three patterns per line)
        bullet = _BULLET.match(line.text)
        if bullet and len(line.text) > len(bullet.group(0)):
            return bullet.group(0)
        other = _DASH.match(line.text) or _NUMBER_MARK.match(line.text)
        if not other:
            return None
        # "12. mars" or "– som" may begin a wrapped line inside a paragraph: only an
        # indent or a gap different from the paragraph's makes it an item.
        if self.kind is BlockKind.PARAGRAPH and self._follows(page, line) and abs(line.x - self.lines[-1].x) < 2:
            return None
        return other.group(0)

    def _continues(self, page: int, line: Line) -> bool:
        if self.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) or not self.lines:
            return False
        first, previous = self.lines[0], self.lines[-1]
        if page == self.last_page:
            if not self._follows(page, line):
                return False
            if self.kind is BlockKind.LIST_ITEM:
                return line.x > first.x - 2  # wrapped lines hang under the item's text
            # same left edge as the lines before it (the first line may be indented)
            return abs(line.x - previous.x) < 3 or (len(self.lines) == 1 and line.x < first.x)
        # A new page: the block goes on at the same indent if its last line was full
        # (a paragraph's last line rarely is) or stopped mid-sentence before lower case.
        same_indent = line.x > first.x - 2 if self.kind is BlockKind.LIST_ITEM else abs(line.x - previous.x) < 3
        full = not _hard_break(previous, line.text, self.right_margin)
        mid_sentence = not previous.text.endswith((".", ":", "!", "?")) and line.text[:1].islower()
        return page == self.last_page + 1 and same_indent and (full or mid_sentence)

    def _start(
        self, kind: BlockKind, page: int, line: Line, *, style: tuple[float, bool] | None = None, marker: str = ""
    ) -> None:
        self._close()
        self.kind, self.page, self.lines, self.style, self.marker = kind, page, [line], style, marker
        self.last_page = page
        self.numbered = False  # a list item sets it from its marker

    def _close(self) -> None:
        if self.kind is None or not self.lines:
            return
        text = self._joined()
        if self.marker:
            text = text[len(self.marker) :].strip()
        first = self.lines[0]
        block = Block(
            kind=self.kind,
            text=text,
            page=self.page,
            start=first.start + len(self.marker),  # the item's text, not its bullet
            end=self._end_on_first_page(),
            font_size=first.size,
            bold=first.bold,
        )
        if self.kind is BlockKind.HEADING:
            block.level = self.levels.get(self.style) if self.style else None
            block.numbered = bool(_HEADING_NUMBER.match(text))
        elif self.kind is BlockKind.LIST_ITEM:
            block.numbered = self.numbered
        if text:
            self.blocks.append(block)
        self.kind, self.lines = None, []

    def _end_on_first_page(self) -> int:
        """Where the block ends; one continued on the next page keeps its source on its first page."""
        end = self.lines[0].end
        for a, b in zip(self.lines, self.lines[1:], strict=False):
            if b.start <= a.start:  # offsets restart: the next page
                break
            end = b.end
        return end

    def _joined(self) -> str:
        text = self.lines[0].text
        for previous, line in zip(self.lines, self.lines[1:], strict=False):
            text = _join(text, previous, line, self.right_margin)
        return text


def _join(text: str, previous: Line, line: Line, right_margin: float) -> str:
    """Append ``line`` to ``text`` the way the words were split across the line break."""
    nxt = line.text
    if text.endswith(_SOFT_HYPHENS):
        return text[:-1] + nxt
    if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha():
        word = nxt.partition(" ")[0].lower()
        if word.strip(",.;:") in _KEEP_HYPHEN_BEFORE:
            return text + " " + nxt  # "helse- og omsorgstjenester"
        if text[-2].isupper() or not nxt[:1].islower():
            return text + nxt  # "EØS-avtalen", "kommune-Norge": a real hyphen
        return text[:-1] + nxt  # a word the line break split
    if _hard_break(previous, nxt, right_margin):
        return text + "\n" + nxt
    return text + " " + nxt


def _hard_break(previous: Line, nxt: str, right_margin: float) -> bool:
    """The line ended early although the next word would have fitted: a forced line break."""
    if not right_margin:
        return False
    first_word = nxt.partition(" ")[0]
    room = right_margin - previous.right
    return room > (len(first_word) + 2) * previous.size * 0.6
