"""The units the line model labels: headings, and the sentences of lines and bullets.

The readers give blocks (a heading, a paragraph or line, one bullet);
cleaning removed running headers, page numbers and the table of contents;
here paragraphs and bullets are cut into sentences, so that a goal stated in
the middle of a paragraph, or after a label on the same line, is a unit of
its own. A sentence that goes on over a page break is labelled ``cont``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.tools.clean import clean_document, normalise_text, title_key
from veikart.ingest.tools.sentences import split
from veikart.ingest.tools.toc import Toc, find_toc

_RUN_IN = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?)\s+(\S.*)$")
_SPACE_RUN = re.compile(r"\s{2,}")
_SPACES = re.compile(r"\s+")
_MAX_TITLE_WORDS = 8
_MIN_TEXT_WORDS = 6
# A list number the sentence splitter took for a sentence end: "1.1.2." alone, after a label in capitals
# ("SÅNN VIL VI HA DET 1.1.1.", "HOVEDMÅL 2.1.") or after the sentence before it ("… læring. 1.1.3.").
# It numbers the sentence after it.
_TRAILING_NUMBER = re.compile(
    r"^(?P<label>.*?[.!?:]\s+|(?:[A-ZÆØÅ]+\s+)*?)(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}\.)$"
)
# The same after words with no closing punctuation, in a numbered list run together over wrapped lines
# ("Mål 1. Gol skal vere … med" / "5000 innbyggjarar i 2030 2. Gol skal …"): taken only as the list's first
# number after a short label, or as the number that follows the one carried last.
_RUN_ON_NUMBER = re.compile(r"^(?P<label>.*\S)\s+(?P<number>\d{1,2}\.)$")
_MAX_LIST_LABEL_WORDS = 2


class _ListNumbers:
    """The last list number given back to its sentence, so the next one is known across wrapped lines."""

    def __init__(self) -> None:
        self.last = 0

    def follows(self, label: str, number: int) -> bool:
        if number == 1:
            return len(label.split()) <= _MAX_LIST_LABEL_WORDS
        return number == self.last + 1


def units_of(document: Document, title: str | None = None) -> tuple[Document, list[Block], Toc]:
    """The cleaned document (its pages index the units' offsets), its units in reading order, its TOC."""
    cleaned = clean_document(document, title)
    toc = find_toc(cleaned.blocks)
    units: list[Block] = []
    numbers = _ListNumbers()
    titles = {(entry.number or "").rstrip("."): title_key(entry.title) for entry in toc.entries}
    for index, block in enumerate(cleaned.blocks):
        if index in toc.blocks or block.kind is BlockKind.RULE or not block.text.strip():
            continue
        # The heading first: a sentence split would cut "1.3 Begreper Flyktning: Person som …" at the colon.
        if block.kind is BlockKind.HEADING:
            numbers.last = 0  # a numbered list does not run on past a heading
        for piece in _run_in_heading(replace(block, text=normalise_text(block.text)), titles):
            units.extend(_sentences(piece, cleaned, numbers))
    return cleaned, units, toc


def _sentences(block: Block, document: Document, numbers: _ListNumbers) -> list[Block]:
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
    return _carry_numbers(out, numbers)


def _carry_numbers(pieces: list[Block], numbers: _ListNumbers) -> list[Block]:
    """Give a list number cut off at the end of a sentence back to the sentence it numbers.

    "SÅNN VIL VI HA DET 1.1.1. Ringerike er …" is split after "1.1.1." (a
    number's dot looks like a sentence end), which left a unit "1.1.2." that
    the line model took for a heading and a goal without its number. The
    label in capitals or the sentence before the number stays a unit of its own.
    """
    out: list[Block] = []
    carried: Block | None = None
    for n, piece in enumerate(pieces):
        if carried is not None:
            piece = replace(piece, text=f"{carried.text} {piece.text}", start=carried.start,
                            gap_before=carried.gap_before, line_start=carried.line_start)
            carried = None
        if n + 1 == len(pieces):
            out.append(piece)
            continue
        match = _TRAILING_NUMBER.match(piece.text)
        if match is None:
            match = _RUN_ON_NUMBER.match(piece.text)
            if match is None or not numbers.follows(match.group("label"), int(match.group("number")[:-1])):
                out.append(piece)
                continue
            numbers.last = int(match.group("number")[:-1])
        label = match.group("label").strip()
        if label:
            number_start = piece.start + len(piece.text) - len(match.group("number"))
            out.append(replace(piece, text=label, end=min(piece.end, piece.start + len(label))))
            carried = replace(piece, text=match.group("number"), start=number_start, gap_before=False, line_start=False)
        else:
            carried = piece
    return out


def _run_in_heading(unit: Block, titles: dict[str, str]) -> list[Block]:
    """A numbered heading run into its first paragraph ("2.1 Mål for en demensplan Målsettingen er …").

    PDF conversion often puts a heading and the text after it on one line.
    The table of contents names the title where there is one; otherwise the
    title ends before the first capitalised word that follows a lower-case
    one (Norwegian capitalises only a title's first word and names).
    """
    if unit.kind is BlockKind.HEADING or not unit.line_start:
        return [unit]
    match = _RUN_IN.match(unit.text)
    if not match:
        return [unit]
    number, rest = match.group(1).rstrip("."), match.group(2)
    words = rest.split()
    cut = _toc_title_length(words, titles.get(number))
    if cut is None:
        cut = next(
            (k for k in range(1, min(len(words), _MAX_TITLE_WORDS + 1))
             if words[k][:1].isupper() and words[k - 1][-1:].islower() and len(words) - k >= _MIN_TEXT_WORDS),
            None,
        )
    if cut is None:
        return [unit]
    title = f"{match.group(1)} {' '.join(words[:cut])}"
    body = " ".join(words[cut:])
    split_at = unit.start + len(unit.text) - len(body)
    head = replace(unit, text=title, end=min(unit.end, unit.start + len(title)))
    tail = replace(unit, text=body, start=max(unit.start, split_at), gap_before=False, line_start=False)
    return [head, tail]


def _toc_title_length(words: list[str], toc_title: str | None) -> int | None:
    if not toc_title:
        return None
    for k in range(1, min(len(words), _MAX_TITLE_WORDS + 4)):
        if title_key(" ".join(words[:k])) == toc_title:
            return k if k < len(words) else None
    return None


def _find(page: str, needle: str, lo: int, hi: int) -> int:
    """Where ``needle`` (normalised) stands in page[lo:hi], tolerant of line breaks and runs of spaces."""
    if not page or not needle:
        return -1
    at = page.find(needle, lo, hi)
    if at >= 0:
        return at
    squeezed, where = _squeezed(page)
    # The same search in the page with every run of whitespace made one space, mapped back.
    k = bisect_left(where, lo)
    found = squeezed.find(" ".join(needle.split()), k)
    return where[found] if found >= 0 and where[found] < hi else -1


@lru_cache(maxsize=4)
def _squeezed(page: str) -> tuple[str, list[int]]:
    """The page with whitespace runs as one space, and each character's offset in the page."""
    # Every character keeps its offset but the second and later ones of a run of whitespace; only those
    # runs are visited (a loop per word cost ~4 % of ``veikart extract``).
    where: list[int] = []
    kept = 0  # page[kept:] is not mapped yet
    for run in _SPACE_RUN.finditer(page):
        where.extend(range(kept, run.start() + 1))
        kept = run.end()
    where.extend(range(kept, len(page)))
    return _SPACES.sub(" ", page), where


def _page_text(document: Document, block: Block) -> str:
    if not document.pages:
        return ""
    index = (block.page - 1) if (document.paged and block.page) else 0
    return document.pages[index] if 0 <= index < len(document.pages) else ""
