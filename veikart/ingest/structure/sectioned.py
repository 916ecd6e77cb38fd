"""Find the strategy in a document that kept its layout (PDF, DOCX, HTML, Markdown).

Steps: metadata -> clean -> table of contents -> walk the blocks once.

Sections come from numbering and the table of contents, not from heading
levels, which converters get wrong ("##" and "###" for the same kind of
section). A heading with a number ("2.1 …") or a title the TOC numbers is a
section; a bare number heading ("1") takes its title from the next heading or
the TOC; a chapter only the TOC names (a divider page with an image) is
recreated from the TOC when its first child appears. In a document that
numbers its sections, other headings ("Formål", "Forord", image captions) are
sub-headings, not sections; a document that numbers nothing nests its
headings by level.

Inside a section, position decides: paragraphs before the goals are the
introduction; after a goal heading ("Mål") paragraphs are goals, and a list
after a stated goal holds the commitments (a list with no goal paragraph
before it holds the goals); a commitment heading ("Strategier", "Slik gjør vi
det", "Vi vil:") starts the commitments. A list in the introduction belongs to
it unless a lead-in announces commitments: in the KS strategy 2020–2023 the
list "Hovedstyret vedtok … særlig vekt på:" weights KS's roles and is not a set
of commitments under a goal (its items are infinitive clauses: "å sette
dagsorden …"), while a list item in which the organisation commits itself
("KS skal …", "Vi vil …") is a commitment wherever it stands. Text under an unknown sub-heading after the goals
(an image caption such as "FNs BÆREKRAFTSMÅL") is no item.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.metadata import find_metadata
from veikart.ingest.model import DocumentSource, Item, Section, Source, Strategy
from veikart.ingest.structure import classify
from veikart.ingest.tools.clean import clean_document, normalise_text, title_key
from veikart.ingest.tools.toc import Toc, TocEntry, entry_span, find_toc

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+([^\d\s].*)$")
_NUMBER_ONLY = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?$")
_TERMINAL = re.compile(r"[.!?;,]$")
_SHORT_LABEL = 60  # a paragraph this short may be a heading a reader did not recognise


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


class Zone(enum.Enum):
    INTRO = "intro"
    GOALS = "goals"
    COMMITMENTS = "commitments"
    OTHER = "other"  # after an unknown sub-heading that follows the goals


class Role(enum.Enum):
    SECTION = "section"
    GOAL_HEADING = "goal_heading"
    COMMITMENT_HEADING = "commitment_heading"
    SUBHEADING = "subheading"
    TITLE = "title"
    TEXT = "text"


@dataclass
class _Open:
    """A section being filled, with where its text stands."""

    section: Section
    level: int
    zone: Zone = Zone.INTRO
    zone_from_heading: bool = False
    goal_stated: bool = False  # a goal paragraph was seen in the current goal zone
    intro: list[tuple[int, str]] = field(default_factory=list)  # (block index, text)
    opened_at: int = -1  # block index of its heading


def build_strategy(document: Document, source: DocumentSource) -> Strategy:
    meta = find_metadata(document)
    cleaned = clean_document(document, meta.title)
    toc = find_toc(cleaned.blocks)
    blocks = [b for i, b in enumerate(cleaned.blocks) if i not in toc.blocks]
    sections = _Builder(cleaned, toc, meta.title).run(blocks)
    return Strategy(
        title=meta.title or (source.filename or ""),
        organisation=meta.organisation,
        period=meta.period,
        source=source,
        sections=sections,
    )


class _Builder:
    def __init__(self, document: Document, toc: Toc, title: str | None) -> None:
        self.document = document
        self.toc = toc
        self.toc_numbers = toc.by_number()
        self.toc_titles = toc.by_title()
        self.title_key = title_key(title) if title else None
        self.top: list[Section] = []
        self.by_number: dict[str, Section] = {}
        self.stack: list[_Open] = []  # open sections, outermost first
        self.current: _Open | None = None
        self.last_break = -1
        self.any_goal_heading = False
        self.numbered_doc = toc.numbered
        self.counters: list[int] = []
        self.heading_index = -1  # block index of the heading being placed

    # -- the walk ---------------------------------------------------------

    def run(self, blocks: list[Block]) -> list[Section]:
        self.numbered_doc = self.numbered_doc or any(
            (b.kind is BlockKind.HEADING or b.bold) and _NUMBERED.match(b.text) for b in blocks
        )
        self.any_goal_heading = any(classify.is_goal_heading(b.text) for b in blocks if self._heading_like(b))
        numbered_levels = [b.level or 1 for b in blocks if b.kind is BlockKind.HEADING and b.numbered]
        self.base_level = min(numbered_levels, default=1)
        skip = -1
        for index, block in enumerate(blocks):
            if index <= skip:
                continue
            if block.kind is BlockKind.RULE or (index and block.page != blocks[index - 1].page):
                self.last_break = index
            if block.kind is BlockKind.RULE:
                continue
            role = self._role(block)
            if role is Role.SECTION:
                skip = self._open_section(blocks, index)
            elif role is Role.TITLE:
                continue
            elif role is Role.GOAL_HEADING:
                self._enter(Zone.GOALS, from_heading=True)
            elif role is Role.COMMITMENT_HEADING:
                self._enter(Zone.COMMITMENTS, from_heading=True)
            elif role is Role.SUBHEADING:
                if self.current and self.current.zone is not Zone.INTRO:
                    self.current.zone = Zone.OTHER
            elif block.kind is BlockKind.LIST_ITEM:
                self._list_item(block, index)
            else:
                self._paragraph(block, index)
        for open_ in self.stack:
            self._close(open_)
        return self.top

    def _heading_like(self, block: Block) -> bool:
        return block.kind is BlockKind.HEADING or (
            block.kind is BlockKind.PARAGRAPH and len(block.text) <= _SHORT_LABEL and "\n" not in block.text
        )

    def _role(self, block: Block) -> Role:
        if block.kind is BlockKind.LIST_ITEM:
            return Role.TEXT
        text = normalise_text(block.text)
        if self._heading_like(block):
            if classify.is_goal_heading(text):
                return Role.GOAL_HEADING
            if classify.is_commitment_heading(text):
                return Role.COMMITMENT_HEADING
        if block.kind is not BlockKind.HEADING:
            if self._toc_names(text) or (block.bold and len(text) <= _SHORT_LABEL and _NUMBERED.match(text)):
                return Role.SECTION
            return Role.SUBHEADING if self._looks_like_subheading(block, text) else Role.TEXT
        key = title_key(text)
        if self.title_key and key == self.title_key:
            return Role.TITLE
        if _NUMBERED.match(text) or _NUMBER_ONLY.match(text) or key in self.toc_titles:
            return Role.SECTION
        if not self.numbered_doc:
            return Role.SECTION
        return Role.SUBHEADING

    def _looks_like_subheading(self, block: Block, text: str) -> bool:
        """A short bold or capitalised line with no closing punctuation ("FNs BÆREKRAFTSMÅL").

        PDF readers leave such lines as paragraphs when their font is no
        larger than the body's; they are captions and sub-headings, not text.
        """
        if len(text) > _SHORT_LABEL or "\n" in block.text or _TERMINAL.search(text):
            return False
        letters = [c for c in text if c.isalpha()]
        return block.bold or (len(letters) >= 4 and all(c.isupper() for c in letters))

    def _toc_names(self, text: str) -> bool:
        """A paragraph that is exactly a TOC entry: a heading the reader missed."""
        if len(text) > 150 or "\n" in text:
            return False
        match = _NUMBERED.match(text)
        if match:
            entry = self.toc_numbers.get(match.group(1))
            return entry is not None and title_key(entry.title) == title_key(match.group(2))
        return False

    # -- sections ---------------------------------------------------------

    def _open_section(self, blocks: list[Block], index: int) -> int:
        """Open the section a heading starts; returns the last block index it used."""
        block = blocks[index]
        self.heading_index = index
        text = normalise_text(block.text)
        title_block = block
        used = index
        number: str | None = None
        match = _NUMBERED.match(text)
        only = _NUMBER_ONLY.match(text)
        if match:
            number, title = match.group(1), match.group(2).strip()
        elif only:
            number, title = only.group(1), ""
            nxt = blocks[index + 1] if index + 1 < len(blocks) else None
            entry = self.toc_numbers.get(number)
            if nxt is not None and self._is_title_for(nxt, entry):
                title, title_block, used = normalise_text(nxt.text), nxt, index + 1
            elif entry is not None:
                title = entry.title
        else:
            title = text
            entry = self.toc_titles.get(title_key(text))
            if entry is not None:
                number = entry.number
            elif block.numbered:
                number = self._count(block.level or self.base_level)
        source = self._source(title_block)
        section = Section(number=number, title=title, source=source)
        if number is not None and self.numbered_doc:
            self._place_numbered(section)
        else:
            self._place_by_level(section, block.level or 1)
        return used

    def _is_title_for(self, block: Block, entry: TocEntry | None) -> bool:
        text = normalise_text(block.text)
        if block.kind is BlockKind.HEADING:
            return not _NUMBERED.match(text) and not _NUMBER_ONLY.match(text) and not classify.is_goal_heading(text)
        return entry is not None and title_key(text) == title_key(entry.title)

    def _count(self, level: int) -> str:
        depth = max(1, level - self.base_level + 1)
        self.counters = (self.counters + [0] * depth)[:depth]
        self.counters[-1] += 1
        return ".".join(str(n) for n in self.counters)

    def _place_numbered(self, section: Section) -> None:
        number = section.number or ""
        self._forget_from(number)
        parent = self._parent_for(number)
        depth = number.count(".") + 1
        self._push(section, parent, depth)

    def _forget_from(self, number: str) -> None:
        """When numbering starts again (a second part, an appendix), older sections at or after it are closed."""
        here = _number_key(number)
        for stale in [n for n in self.by_number if _number_key(n) >= here]:
            del self.by_number[stale]

    def _parent_for(self, number: str) -> Section | None:
        """The section ``number`` belongs under, recreated from the TOC if the body lost it."""
        if "." not in number:
            return None
        parent_number = number.rsplit(".", 1)[0]
        if parent_number in self.by_number:
            return self.by_number[parent_number]
        entry = self.toc_numbers.get(parent_number)
        if entry is None:
            return self._parent_for(parent_number)
        span = entry_span(self.document, entry)
        parent = Section(number=parent_number, title=entry.title, source=Source(*span) if span else None)
        grandparent = self._parent_for(parent_number)
        moved = self._text_since_break()
        self._push(parent, grandparent, parent_number.count(".") + 1)
        self.current.intro.extend(moved)
        return parent

    def _text_since_break(self) -> list[tuple[int, str]]:
        """Introduction text of the open section written after the last page break.

        A chapter the body lost (its title was on a divider page) starts on a
        new page: text between that break and its first focus area is the
        chapter's own introduction, not the end of the chapter before.
        """
        if self.current is None or self.current.zone is not Zone.INTRO or self.last_break <= self.current.opened_at:
            return []
        intro = self.current.intro
        keep = [p for p in intro if p[0] <= self.last_break]
        moved = [p for p in intro if p[0] > self.last_break]
        self.current.intro = keep
        return moved

    def _place_by_level(self, section: Section, level: int) -> None:
        while self.stack and self.stack[-1].level >= level:
            self._close(self.stack.pop())
        parent = self.stack[-1].section if self.stack else None
        self._attach(section, parent)
        self.stack.append(_Open(section, level, opened_at=self.heading_index))
        self.current = self.stack[-1]

    def _push(self, section: Section, parent: Section | None, depth: int) -> None:
        while self.stack and self.stack[-1].section is not parent:
            self._close(self.stack.pop())
        self._attach(section, parent)
        if section.number:
            self.by_number[section.number] = section
        self.stack.append(_Open(section, depth, opened_at=self.heading_index))
        self.current = self.stack[-1]

    def _attach(self, section: Section, parent: Section | None) -> None:
        (parent.sections if parent is not None else self.top).append(section)

    def _close(self, open_: _Open) -> None:
        open_.section.intro = "\n\n".join(text for _, text in open_.intro)

    # -- content ----------------------------------------------------------

    def _enter(self, zone: Zone, *, from_heading: bool) -> None:
        if self.current is None:
            # Goals before any section heading: a document with no sections gets one.
            self._place_by_level(Section(number=None, title=""), 1)
        self.current.zone = zone
        self.current.zone_from_heading = from_heading
        self.current.goal_stated = False

    def _paragraph(self, block: Block, index: int) -> None:
        open_ = self.current
        if open_ is None:
            return  # front matter: title page, foreword
        text = normalise_text(block.text)
        label = classify.goal_label_length(text)
        if label:
            self._add_goal(block, skip_label=True)
            return
        lead = classify.lead_in_kind(text)
        if lead is not None:
            self._enter(Zone.GOALS if lead == "goal" else Zone.COMMITMENTS, from_heading=False)
            return
        if open_.zone is Zone.INTRO:
            if not self.any_goal_heading and classify.is_goal_statement(text):
                self._add_goal(block)
                return
            open_.intro.append((index, text))
        elif open_.zone is Zone.GOALS:
            if classify.is_lead_in(text):
                return
            self._add_goal(block)
        elif open_.zone is Zone.COMMITMENTS and open_.zone_from_heading and not classify.is_lead_in(text):
            open_.section.commitments.append(self._item(block))

    def _list_item(self, block: Block, index: int) -> None:
        open_ = self.current
        if open_ is None:
            return
        if open_.zone is Zone.INTRO:
            if classify.is_commitment_statement(block.text):
                # "KS skal …" in a list with no goal or lead-in before it still commits KS.
                open_.section.commitments.append(self._item(block))
            else:
                open_.intro.append((index, normalise_text(block.text)))
        elif open_.zone is Zone.GOALS:
            if open_.goal_stated:
                open_.zone = Zone.COMMITMENTS
                open_.zone_from_heading = False
                open_.section.commitments.append(self._item(block))
            else:
                open_.section.goals.append(self._item(block))
        elif open_.zone is Zone.COMMITMENTS:
            open_.section.commitments.append(self._item(block))

    def _add_goal(self, block: Block, *, skip_label: bool = False) -> None:
        if self.current is None:
            return
        self.current.zone = Zone.GOALS
        self.current.goal_stated = True
        self.current.section.goals.append(self._item(block, skip_label=skip_label))

    def _item(self, block: Block, *, skip_label: bool = False) -> Item:
        text = normalise_text(block.text)
        source = self._source(block)
        if skip_label:
            text = text[classify.goal_label_length(text) :]
            if source is not None:
                raw = self._page_text(block)[source.start : source.end]
                source.start += classify.goal_label_length(raw)
        return Item(text=text, source=source)

    def _source(self, block: Block) -> Source:
        return Source(page=self.document.page_of(block), start=block.start, end=block.end)

    def _page_text(self, block: Block) -> str:
        pages = self.document.pages
        index = (block.page - 1) if (self.document.paged and block.page) else 0
        return pages[index] if 0 <= index < len(pages) else ""
