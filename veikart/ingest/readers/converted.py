"""Text converted from a PDF or web pages: pages marked, one text line per line.

Councils' plans often reach us as the output of ``pdftotext`` or a web
scraper: the page breaks kept as markers (``<!-- side 12 -->``,
``<!-- page 12 -->``, ``<!-- seksjon 3 -->``) or as form feeds, each line of
the page a line of text, bullets run together on one line ("• Sikrer god
infrastruktur • Har høyhastighetsbredbånd") and tables flattened into runs of
cells. Markdown would join the lines of a page into one paragraph and lose
all of that, so this reader keeps the lines: one block per line, one list item
per bullet, the page from the markers.

Offsets index the page's own text (``Document.pages[page - 1]``); what stands
before the first marker (a converter's header) belongs to page 1.
"""

from __future__ import annotations

import re

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.readers.text import decode, empty_error, line_count
from veikart.ingest.tools import safety

FORMAT = "converted"
EXTENSIONS = (".md", ".markdown", ".txt", ".text")

_SNIFF_BYTES = 64 * 1024
_MARKER = re.compile(r"^[ \t]*<!--\s*(?:side|page|seksjon|section|sida)\s+(\d{1,5})\s*-->[ \t]*$", re.I | re.M)
# A bullet glyph that starts an item, at the start of a line or inside it
# (U+F0B7 and U+F0A7 are the Symbol-font bullets PDF extraction produces).
_GLYPHS = "•●▪■◦‣∙\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
_BULLET_AT_START = re.compile(rf"^(?:[{_GLYPHS}]|[-–*](?=\s)|o(?=\s+\S))\s*")
_BULLET_INSIDE = re.compile(rf"\s+[{_GLYPHS}]\s*")
# "o" as a sub-bullet inside a line of bullets: " o Har en aktiv oppfølging".
_SUB_BULLET_INSIDE = re.compile(r"\s+o\s+(?=[A-ZÆØÅa-zæøå])")
_DASH_INSIDE = re.compile(r"\s+[-–]\s+(?=[A-ZÆØÅ])")
_HEADING = re.compile(r"^(#{1,6})\s+")


def sniff(data: bytes) -> int:
    """4 for text with page markers or form feeds between pages (above Markdown and text), else 0."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or head.lstrip()[:1] == b"<" and (
        b"<html" in head[:2048].lower() or b"<!doctype" in head[:2048].lower()
    ):
        return 0
    try:
        text = decode(head, sample=True)
    except ExtractError:
        return 0
    if _MARKER.search(text) or text.strip("\f").count("\f") >= 1:
        return 4
    return 0


def read(data: bytes) -> Document:
    text = decode(data)
    safety.refuse_too_many_lines(line_count(text))
    pages = split_pages(text)
    blocks: list[Block] = []
    for number, page in enumerate(pages, start=1):
        blocks.extend(page_blocks(page, number))
    if not blocks:
        raise empty_error()
    return Document(format=FORMAT, blocks=blocks, pages=pages, paged=True)


def split_pages(text: str) -> list[str]:
    """The text of each page: between markers, else between form feeds."""
    markers = list(_MARKER.finditer(text))
    if markers:
        cuts = [0] + [m.start() for m in markers[1:]] + [len(text)]
        return [_without_marker(text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    return text.split("\f")


def _without_marker(page: str) -> str:
    """The page with its marker line blanked (same length, so offsets stay simple)."""
    return _MARKER.sub(lambda m: " " * len(m.group(0)), page, count=1)


def page_blocks(page: str, number: int) -> list[Block]:
    """One block per line; a line of bullets gives one list item per bullet."""
    blocks: list[Block] = []
    offset = 0
    blank_before = True
    for line in page.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            blank_before = True
            continue
        pieces = list(_pieces(line, start))
        for i, (kind, text, a, b, level) in enumerate(pieces):
            block = Block(kind=kind, text=text, page=number, start=a, end=b, level=level)
            block.gap_before = blank_before and i == 0
            block.line_start = i == 0
            blocks.append(block)
        blank_before = False
    return blocks


def _pieces(line: str, start: int):
    """(kind, text, start, end, level) for the parts of one line."""
    heading = _HEADING.match(line)
    if heading:
        text = line[heading.end() :].strip()
        a = start + heading.end()
        yield BlockKind.HEADING, text, a, a + len(text), len(heading.group(1))
        return
    cuts = _bullet_cuts(line)
    # A numbered line ("1. INNLEDNING", "2) Øke …") may be a chapter or an item: it keeps its number
    # (the structure finder decides), while a bullet glyph is dropped.
    first_is_bullet = bool(_BULLET_AT_START.match(line.lstrip()))
    bounds = [0] + [c for c, _ in cuts] + [len(line)]
    for index, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        piece = line[a:b]
        if index > 0:
            piece = line[cuts[index - 1][1] : b]
            a = cuts[index - 1][1]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        bullet = index > 0 or first_is_bullet
        if index == 0 and first_is_bullet:
            marker = _BULLET_AT_START.match(body)
            lead += marker.end()
            body = body[marker.end() :].strip()
        if not body:
            continue
        kind = BlockKind.LIST_ITEM if bullet else BlockKind.PARAGRAPH
        yield kind, body, start + a + lead, start + a + lead + len(body), None



def _bullet_cuts(line: str) -> list[tuple[int, int]]:
    """(where the separator starts, where the item after it starts) for bullets inside a line.

    A sub-bullet "o" counts only on a line that has other bullets: "o" is a
    word in no Norwegian or English sentence, but a lone one may be a typo.
    A dash inside a line is a bullet only on a line that starts with one.
    """
    cuts = [(m.start(), m.end()) for m in _BULLET_INSIDE.finditer(line) if m.start() > 0]
    has_bullets = cuts or _BULLET_AT_START.match(line.lstrip())
    if has_bullets:
        cuts += [(m.start(), m.end()) for m in _SUB_BULLET_INSIDE.finditer(line)]
    if line.lstrip().startswith(("- ", "– ")):
        # A dash-bulleted line with more " - Capital…" in it is several dash bullets run together.
        cuts += [(m.start(), m.end()) for m in _DASH_INSIDE.finditer(line)]
    return sorted(set(cuts))
