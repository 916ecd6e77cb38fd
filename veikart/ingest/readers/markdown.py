"""Markdown reader: headings, paragraphs, list items and rules from CommonMark.

Block offsets index the whole decoded text (``Document.pages[0]``, page None)
and point at the block's own text, after the ``#`` or ``-`` markers, so a
reviewer sees exactly the lines an item came from. Tables and tables of
contents are not parsed as such: they stay paragraphs with one line per row.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.readers.text import decode, line_count
from veikart.ingest.tools import safety

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FORMAT = "markdown"
EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

_SNIFF_BYTES = 64 * 1024
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_SETEXT_UNDERLINE = re.compile(r"^\S[^\n]*\n {0,3}(=+|-+)[ \t]*$", re.M)
_LIST_LINE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.M)
_HTML_DOCUMENT = re.compile(rb"<(?:!doctype\s+html|html[\s>]|body[\s>]|head[\s>])", re.I)
_TAG = re.compile(r"<[^>\n]{1,200}>")


@functools.cache
def _parser() -> MarkdownIt:
    """CommonMark without tables: a table stays a paragraph (one line per row), which is what the
    structure finder expects of tables and TOC lines. Made on first use: sniffing never needs markdown_it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def sniff(data: bytes) -> int:
    """2 for text with Markdown headings, 1 for text with only list lines, else 0.

    Plain text gets 1 from the text reader, so a ``.md`` file with lists
    (1 + 1 for the suffix) or any text with ``#`` headings reads as Markdown,
    while a ``.txt`` file with a few dashes stays plain text.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or _HTML_DOCUMENT.search(head):
        return 0
    try:
        text = decode(head, sample=True)
    except ExtractError:
        return 0
    if _ATX_HEADING.search(text) or _SETEXT_UNDERLINE.search(text):
        return 2
    if len(_LIST_LINE.findall(text)) >= 2:
        return 1
    return 0


def read(data: bytes) -> Document:
    text = decode(data)  # the text reader's decoding: BOMs, UTF-16, UTF-8, then cp1252 over guesses
    safety.refuse_too_many_lines(line_count(text))  # before the parser's tokens, ~30x the text
    return Document(format=FORMAT, blocks=parse_blocks(text), pages=[text], paged=False)


def parse_blocks(text: str) -> list[Block]:
    """Blocks in reading order, with offsets into ``text``."""
    tokens = _parser().parse(text)
    lines = _LineIndex(text)
    blocks: list[Block] = []
    # One entry per open list item: (numbered, its paragraphs' inline tokens)
    items: list[tuple[bool, list[Token]]] = []
    ordered: list[bool] = []
    heading_level: int | None = None
    in_item_paragraph = False
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            _flush_item(items, blocks, lines)  # a nested list ends its parent's own text
            ordered.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordered.pop()
        elif kind == "list_item_open":
            items.append((ordered[-1] if ordered else False, []))
        elif kind == "list_item_close":
            _flush_item(items, blocks, lines)
            items.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "paragraph_open":
            in_item_paragraph = bool(items)
        elif kind == "inline":
            if heading_level is not None:
                blocks.append(_block(BlockKind.HEADING, token, lines, level=heading_level))
                heading_level = None
            elif in_item_paragraph and items:
                items[-1][1].append(token)
            else:
                blocks.append(_block(BlockKind.PARAGRAPH, token, lines))
        elif kind == "hr" and token.map:
            start, end = lines.span(token.map[0], token.map[1])
            blocks.append(Block(kind=BlockKind.RULE, text="", start=start, end=end))
        elif kind in ("fence", "code_block", "html_block") and token.map:
            block = _raw_block(token, lines)
            if block.text:
                blocks.append(block)
    return blocks


def _flush_item(items: list[tuple[bool, list[Token]]], blocks: list[Block], lines: _LineIndex) -> None:
    """Emit the innermost open list item's own paragraphs as one block."""
    if not items or not items[-1][1]:
        return
    numbered, paragraphs = items[-1]
    start, _ = _content_span(paragraphs[0], lines)
    _, end = _content_span(paragraphs[-1], lines)
    text = "\n".join(_inline_text(t) for t in paragraphs)
    blocks.append(Block(kind=BlockKind.LIST_ITEM, text=text, start=start, end=end, numbered=numbered))
    paragraphs.clear()


def _block(kind: BlockKind, token: Token, lines: _LineIndex, level: int | None = None) -> Block:
    start, end = _content_span(token, lines)
    return Block(kind=kind, text=_inline_text(token), start=start, end=end, level=level, bold=_all_bold(token))


def _all_bold(token: Token) -> bool:
    """``**2.1 Oppvekst**``: a paragraph that is bold throughout, as converters write unstyled headings."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return len(children) >= 3 and children[0].type == "strong_open" and children[-1].type == "strong_close"


def _raw_block(token: Token, lines: _LineIndex) -> Block:
    start, end = lines.span(token.map[0], token.map[1])
    raw = _TAG.sub("", token.content) if token.type == "html_block" else token.content
    text = "\n".join(line.strip() for line in raw.strip().splitlines())
    return Block(kind=BlockKind.PARAGRAPH, text=text, start=start, end=end)


def _content_span(token: Token, lines: _LineIndex) -> tuple[int, int]:
    """Offsets of an inline token's source: from its first character to its last."""
    region_start, region_end = lines.span(token.map[0], token.map[1])
    content = token.content
    if not content:
        return region_start, region_start
    source = lines.text
    first_line = content.split("\n", 1)[0]
    start = source.find(first_line, region_start, region_end)
    if start < 0:
        start = region_start
    last_line = content.rsplit("\n", 1)[-1]
    end = source.rfind(last_line, start, region_end)
    end = end + len(last_line) if end >= 0 else region_end
    return start, end


def _inline_text(token: Token) -> str:
    """Plain text of an inline token: markup and inline HTML (``<b>``) dropped."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            continue
    return "".join(parts).strip()


class _LineIndex:
    """Character offset of every line start, to turn token line maps into offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def span(self, first_line: int, end_line: int) -> tuple[int, int]:
        start = self.starts[min(first_line, len(self.starts) - 1)]
        end = self.starts[end_line] if end_line < len(self.starts) else len(self.text)
        return start, end
