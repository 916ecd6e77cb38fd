"""HTML reader: h1–h6, paragraphs, list items and rules, via BeautifulSoup.

Uses the standard library's parser (``html.parser``): no native code, and it
never fetches anything. Page furniture (script, style, nav, header, footer) is
dropped; text that sits loose in a div or section becomes a paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.errors import ExtractError

if TYPE_CHECKING:
    from bs4 import Tag

FORMAT = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")

_DROPPED = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg", "iframe"})
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl"),
        *("dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li"),
        *("main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LEADING_NOISE = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_SPACES = re.compile(r"\s+")  # line ends in the source are spaces; only <br> breaks a line


def sniff(data: bytes) -> int:
    head = data[:4096]
    rest = head[_LEADING_NOISE.match(head).end() :]
    return 2 if _HTML_START.match(rest) else 0


def read(data: bytes) -> Document:
    # Here, not at the top: bs4 (with soupsieve and charset_normalizer) costs ~0.1 s, and sniffing never needs it.
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(data, "html.parser")
    except (ValueError, AssertionError, RecursionError) as exc:  # html.parser's own failures
        raise ExtractError("HTML-filen kan ikke tolkes: lagre den på nytt som HTML eller PDF") from exc
    walker = _Walker()
    try:
        walker.block(soup, BlockKind.PARAGRAPH)
    except RecursionError as exc:
        raise ExtractError("HTML-filen har elementer nøstet for dypt i hverandre til å kunne leses") from exc
    if not any(block.text for block in walker.blocks):
        raise ExtractError("HTML-siden har ingen tekst utenom skript, menyer, topptekster og bunntekster")
    return Document(format=FORMAT, blocks=walker.blocks, pages=["".join(walker.parts)], paged=False)


class _Walker:
    def __init__(self) -> None:
        from bs4 import NavigableString, Tag
        from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

        self._string, self._tag = NavigableString, Tag
        self._skipped = (Comment, Declaration, Doctype, ProcessingInstruction)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.offset = 0

    def block(self, element: Tag, kind: BlockKind, level: int | None = None, numbered: bool = False) -> None:
        """Emit ``element``'s own text as one block of ``kind``; child blocks become their own."""
        buffer: list[str] = []
        for child in element.children:
            if isinstance(child, self._string):
                if not isinstance(child, self._skipped):
                    buffer.append(_SPACES.sub(" ", child))
                continue
            if not isinstance(child, self._tag) or child.name in _DROPPED:
                continue
            if child.name == "br":
                buffer.append("\n")
            elif child.name == "hr":
                self._flush(buffer, kind, level, numbered)
                self._emit(Block(kind=BlockKind.RULE, text=""))
            elif child.name in _BLOCKS:
                self._flush(buffer, kind, level, numbered)
                if child.name in _HEADINGS:
                    self.block(child, BlockKind.HEADING, _HEADINGS[child.name])
                elif child.name == "li":
                    self.block(child, BlockKind.LIST_ITEM, numbered=element.name == "ol")
                else:
                    # Loose text in a container is a paragraph; inside a list item it stays that item's.
                    inner = kind if child.name not in ("ul", "ol") else BlockKind.PARAGRAPH
                    self.block(child, inner if kind is BlockKind.LIST_ITEM else BlockKind.PARAGRAPH)
            else:
                self._inline(child, buffer)
        self._flush(buffer, kind, level, numbered)

    def _inline(self, element: Tag, buffer: list[str]) -> None:
        for child in element.children:
            if isinstance(child, self._string):
                if not isinstance(child, self._skipped):
                    buffer.append(_SPACES.sub(" ", child))
            elif isinstance(child, self._tag) and child.name not in _DROPPED:
                if child.name == "br":
                    buffer.append("\n")
                else:
                    self._inline(child, buffer)

    def _flush(self, buffer: list[str], kind: BlockKind, level: int | None, numbered: bool) -> None:
        lines = (" ".join(line.split()) for line in "".join(buffer).split("\n"))
        text = "\n".join(line for line in lines if line)
        buffer.clear()
        if text:
            block = Block(kind=kind, text=text, level=level, numbered=numbered)
            if kind is BlockKind.HEADING:
                block.numbered = bool(re.match(r"\d+(\.\d+)*\.?\s", text))
            self._emit(block)

    def _emit(self, block: Block) -> None:
        block.start, block.end = self.offset, self.offset + len(block.text)
        self.parts.append(block.text + "\n")
        self.offset += len(block.text) + 1
        self.blocks.append(block)
