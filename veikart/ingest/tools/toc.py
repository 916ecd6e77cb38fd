"""The table of contents: section numbers and titles the body may have lost.

Accepts what the readers give: one paragraph with a line per entry
(Markdown), a block per line (PDF, DOCX), dot leaders ("....", "…..") or tabs
before page numbers, bold lines, titles wrapped over two lines, and tables of
contents without page numbers (DOCX fields that were never updated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.tools.clean import title_key

_TOC_HEADING = re.compile(r"^(?:innhold|innholdsfortegnelse|innholdsliste|contents|table of contents)$")
_LEADER = r"(?:\s*(?:\.{2,}|(?:\. ){2,}\.?|…[.…]*|_{3,}|·{2,})\s*|\t+|\s{2,})"
_WITH_PAGE = re.compile(rf"^(?:(?P<num>\d{{1,2}}(?:\.\d{{1,2}})*)\.?\s+)?(?P<title>\S.*?){_LEADER}(?P<page>\d{{1,3}})$")
_PLAIN_PAGE = re.compile(r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+)?(?P<title>\S.*?[^\d\s.])\s+(?P<page>\d{1,3})$")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>[^\d\s].*?)[\s.…]*$")
# Two leader characters at least: a lone "…" before a year is an ellipsis, not a leader.
_HAS_LEADER = re.compile(r"(?:\.{3,}|(?:\. ){3,}|…[.…]+|\.+…|_{3,}|·{3,})\s*\d{1,3}$")
_STARTS_WITH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s")
_MIN_LEADER_LINES = 3


@dataclass
class TocEntry:
    number: str | None
    title: str
    page: int | None
    block: Block | None = None  # where the entry was read, for its source


@dataclass
class Toc:
    entries: list[TocEntry] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)  # indices of the blocks the TOC occupied

    def by_number(self) -> dict[str, TocEntry]:
        return {e.number: e for e in self.entries if e.number}

    def by_title(self) -> dict[str, TocEntry]:
        return {title_key(e.title): e for e in self.entries}

    @property
    def numbered(self) -> bool:
        return any(e.number for e in self.entries)


def find_toc(blocks: list[Block]) -> Toc:
    """Entries after an "Innhold" heading, and any block made of dot-leader lines."""
    toc = Toc()
    numbers: set[str] = set()
    in_zone = False
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.RULE:
            continue
        if _TOC_HEADING.match(title_key(block.text)):
            in_zone = True
            numbers = set()  # a new table of contents (a document in several parts)
            toc.blocks.add(index)
            continue
        entries = _entries(block, strict=not in_zone, known=numbers)
        if entries:
            toc.entries.extend(entries)
            numbers.update(e.number for e in entries if e.number)
            toc.blocks.add(index)
        else:
            in_zone = False
    return toc


def _entries(block: Block, *, strict: bool, known: set[str]) -> list[TocEntry]:
    """The TOC entries of a block if its lines read as entries, else []."""
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if not lines:
        return []
    if strict:
        # Only a line ending in a page number can have a leader; skip the regex scan of body paragraphs.
        with_leader = sum(bool(line[-1].isdigit() and _HAS_LEADER.search(line)) for line in lines)
        if with_leader < min(_MIN_LEADER_LINES, len(lines)) or with_leader < 0.6 * len(lines):
            return []
    found: list[TocEntry] = []
    numbers = set(known)
    unread = 0
    i = 0
    while i < len(lines):
        entry = _entry(lines[i], strict=strict)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (entry is None or entry.page is None) and nxt is not None and not _STARTS_WITH_NUMBER.match(nxt):
            # A title wrapped onto the next line, which carries the page number.
            joined = _entry(f"{lines[i]} {nxt}", strict=strict)
            if joined is not None and (entry is None or joined.page is not None):
                entry, i = joined, i + 1
        i += 1
        if entry is None:
            unread += 1
            continue
        if entry.number and entry.number in numbers:
            return []  # the numbering starts again: this is the body, not the TOC
        if entry.number:
            numbers.add(entry.number)
        entry.block = block
        found.append(entry)
    return found if found and unread * 2 <= len(found) else []


def _entry(line: str, *, strict: bool) -> TocEntry | None:
    for pattern in (_WITH_PAGE, _PLAIN_PAGE, _NUMBERED):
        if strict and pattern is not _WITH_PAGE:
            break
        match = pattern.match(line.strip())
        if not match:
            continue
        title = re.sub(r"[\s.…_·]+$", "", match.group("title")).strip()
        if not title or title[0].isdigit():
            continue
        page = match.groupdict().get("page")
        if pattern is _PLAIN_PAGE and not match.group("num"):
            continue  # "Title 6" with no number and no leader is too like a sentence
        return TocEntry(number=match.group("num"), title=title, page=int(page) if page else None)
    return None


def entry_span(document: Document, entry: TocEntry) -> tuple[int | None, int, int] | None:
    """Page and offsets of an entry's title in the page text, when it can be found."""
    block = entry.block
    if block is None or not document.pages:
        return None
    index = (block.page - 1) if (document.paged and block.page) else 0
    text = document.pages[index] if 0 <= index < len(document.pages) else ""
    start = text.find(entry.title, block.start, max(block.end, block.start))
    if start < 0:
        return None
    return document.page_of(block), start, start + len(entry.title)
