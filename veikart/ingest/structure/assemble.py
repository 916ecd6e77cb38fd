"""Labelled units into sections: a heading opens a section, items go to the open one.

Rules only for what is principled: a heading's printed number ("2.3",
"6.1.2") says where it nests; without numbers the reader's heading level does;
a label's words ("Mål:", "Tiltak") are cut from the front of an item; a
``cont`` unit continues the item or heading before it. Text labelled
``other`` before a section's first item is its introduction.
"""

from __future__ import annotations

import re

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.model import Item, Section, Source
from veikart.ingest.tools.clean import strip_bullet, title_key
from veikart.ingest.tools.toc import Toc, entry_span

_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\S.*)$")
_BARE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?$")
_LETTER = re.compile(r"^([A-Z])[.)]\s+(\S.*)$")
# "1)", "2.", "a)", the measure numbers of action plans ("1.1 Stimulere …", "4.1.2 Lage …") and the codes
# of a goal table ("A2 Utvikler …", "C Drammen skal …": a capital, with or without digits, before a
# capitalised word; not "I", a word, nor a road, "E18 skal …").
_ITEM_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[a-z][.)]|[A-HJ-Z]\d{0,2}(?=\s+[A-ZÆØÅ]))\s+(?=\S)"
)
_ITEM_LABEL = re.compile(r"^(?:(?:hoved|del|effekt|resultat)?mål|målsetj?ing|tiltak|strategi)\s*\d*\s*:\s*", re.I)
_MAX_TITLE = 200


class _Assembler:
    def __init__(self, document: Document, toc: Toc | None, title: str | None) -> None:
        self.document = document
        self.title_key = title_key(title) if title else None
        self.pending_number: str | None = None
        self.counters: list[int] = []
        self.toc_numbers = toc.by_number() if toc else {}
        self.toc_titles = toc.by_title() if toc else {}
        self.top: list[Section] = []
        self.stack: list[tuple[tuple[int, ...] | int, Section]] = []  # (number key or level, section)
        self.last: Item | Section | None = None
        self.last_block: Block | None = None
        self.intro: dict[int, list[str]] = {}

    def heading(self, unit: Block) -> None:
        text = unit.text.strip().rstrip(":").strip()
        if self.title_key and title_key(text) == self.title_key:
            return  # the document's own title, repeated on a page: not a part of it
        if _BARE_NUMBER.match(text):
            self.pending_number = text.rstrip(".")  # "3" on a line of its own, its title on the next
            return
        if self.pending_number and not _NUMBER.match(text):
            text = f"{self.pending_number} {text}"
        self.pending_number = None
        number, title = _split_number(text)
        entry = self.toc_titles.get(title_key(title)) if number is None else None
        if entry is not None and entry.number:
            number = entry.number  # the TOC prints the number the heading's page left out
        elif number is None and unit.numbered and unit.kind is BlockKind.HEADING:
            number = self._count(unit.level or 1)  # DOCX list numbering on headings: the number is not in the text
        if len(title) > _MAX_TITLE:
            title = title[:_MAX_TITLE]
        section = Section(number=number, title=title, source=self._source(unit))
        if number and number[0].isdigit():
            key: tuple[int, ...] | int = tuple(int(p) for p in number.split("."))
            self._open_parents(key, unit)
            self._place(section, lambda k: isinstance(k, tuple) and len(k) < len(key) and key[: len(k)] == k, key)
        else:
            level = unit.level or 1
            self._place(section, lambda k: isinstance(k, int) and k < level or isinstance(k, tuple), level)
        self.last, self.last_block = section, unit

    def _count(self, level: int) -> str:
        depth = max(1, level)
        self.counters = (self.counters + [0] * depth)[:depth]
        self.counters[-1] += 1
        return ".".join(str(n) for n in self.counters)

    def _open_parents(self, key: tuple[int, ...], unit: Block) -> None:
        """A chapter only the TOC names (its title was on a divider page) opens before its first child."""
        for depth in range(1, len(key)):
            parent = key[:depth]
            if any(k == parent for k, _ in self.stack):
                continue
            entry = self.toc_numbers.get(".".join(map(str, parent)))
            if entry is None:
                continue
            span = entry_span(self.document, entry)
            source = Source(*span) if span else self._source(unit)
            section = Section(number=entry.number, title=entry.title, source=source)
            self._place(
                section, lambda k, p=parent: isinstance(k, tuple) and len(k) < len(p) and p[: len(k)] == k, parent
            )

    def _place(self, section: Section, is_parent, key) -> None:
        while self.stack and not is_parent(self.stack[-1][0]):
            self.stack.pop()
        (self.stack[-1][1].sections if self.stack else self.top).append(section)
        self.stack.append((key, section))

    def item(self, unit: Block, label: str) -> None:
        section = self._current()
        text, skip = item_text(unit.text)
        source = self._source(unit)
        source.start += skip
        item = Item(text=text, source=source)
        (section.goals if label == "goal" else section.commitments).append(item)
        self.last, self.last_block = item, unit

    def cont(self, unit: Block) -> None:
        if isinstance(self.last, Item):
            self.last.text = f"{self.last.text} {unit.text}".strip()
            if self.last.source and self.last_block and unit.page == self.last_block.page:
                self.last.source.end = max(self.last.source.end, unit.end)
        elif isinstance(self.last, Section):
            self.last.title = f"{self.last.title} {unit.text.strip().rstrip(':')}".strip()
        else:
            self.other(unit)

    def other(self, unit: Block) -> None:
        if not self.stack:
            return  # front matter before the first heading: title page, foreword
        section = self.stack[-1][1]
        if not section.goals and not section.commitments:
            self.intro.setdefault(id(section), []).append(unit.text)
        self.last = None

    def _current(self) -> Section:
        if not self.stack:
            section = Section(number=None, title="")
            self.top.append(section)
            self.stack.append((0, section))
        return self.stack[-1][1]

    def _source(self, unit: Block) -> Source:
        return Source(page=self.document.page_of(unit), start=unit.start, end=unit.end)

    def finish(self) -> list[Section]:
        for section in _walk(self.top):
            section.intro = "\n\n".join(self.intro.get(id(section), []))
        return self.top


def assemble(
    units: list[Block], labels: list[str], document: Document, toc: Toc | None = None, title: str | None = None
) -> list[Section]:
    builder = _Assembler(document, toc, title)
    for unit, label in zip(units, labels, strict=True):
        if label == "heading":
            builder.heading(unit)
        elif label in ("goal", "commitment"):
            builder.item(unit, label)
        elif label == "cont":
            builder.cont(unit)
        else:
            builder.other(unit)
    return builder.finish()


def _split_number(text: str) -> tuple[str | None, str]:
    for pattern in (_NUMBER, _LETTER):
        match = pattern.match(text)
        if match:
            return match.group(1), match.group(2).strip()
    return None, text


def item_text(text: str) -> tuple[str, int]:
    """The item without a bullet, a list number or a leading label, and how many characters were cut."""
    stripped, removed = strip_bullet(text.strip())
    number = _ITEM_NUMBER.match(stripped)
    if number:
        stripped = stripped[number.end() :]
        removed += number.end()
    label = _ITEM_LABEL.match(stripped)
    if label:
        stripped = stripped[label.end() :]
        removed += label.end()
    return stripped.strip(), removed


def _walk(sections: list[Section]):
    for section in sections:
        yield section
        yield from _walk(section.sections)
