"""DOCX reader: paragraphs with their styles and list numbering, via python-docx.

The ZIP is inspected first (``veikart.ingest.tools.safety``): zip bombs and XML
entity declarations are refused before python-docx parses a byte. Headings come
from the paragraph style ("Heading 2", "Overskrift 2", "Title", or a style's
outline level), list items from numbering (``w:numPr`` on the paragraph or its
style, or a list style); table cells are read as paragraphs in reading order.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.tools import safety

if TYPE_CHECKING:
    import docx
    from lxml import etree

# python-docx and lxml are imported where a DOCX is read, not at the top: they cost ~0.1 s and sniffing
# (which imports every reader) never needs them.

FORMAT = "docx"
EXTENSIONS = (".docx",)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt (Office 97–2003)
_HEADING_NAME = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "tittel"})
_LIST_NAME = re.compile(r"^(?:list|liste)", re.IGNORECASE)
_NUMBERED_LIST_NAME = re.compile(r"number|nummer", re.IGNORECASE)
_VML_RECT = "{urn:schemas-microsoft-com:vml}rect"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TYPED_BULLET = re.compile(r"^[•▪◦‣●○■□➢►✓·–-]\s+")  # a bullet typed as text, not Word numbering
_VML_HR = "{urn:schemas-microsoft-com:office:office}hr"


def sniff(data: bytes) -> int:
    if data.startswith(_ZIP_MAGIC):
        # Part names are stored in the local headers and the central directory.
        return 3 if b"word/document.xml" in data else 1
    return 1 if data.startswith(_OLE_MAGIC) else 0


def read(data: bytes) -> Document:
    if data.startswith(_OLE_MAGIC):
        raise ExtractError(
            "filen er et gammelt Office-dokument (.doc): lagre det "
            "som DOCX eller PDF og last opp på nytt"
        )
    archive = safety.open_zip(data)
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise ExtractError(
            "filen er et ZIP-arkiv, men ikke et Word-dokument "
            "(DOCX): last opp en DOCX- eller PDF-fil"
        )
    safety.refuse_xml_declarations(archive)
    content_types = safety.read_member(archive, "[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if b"macroEnabled" in content_types:  # python-docx refuses these with a confusing message
        raise ExtractError(
            "filen er et Word-dokument med makroer (.docm): "
            "lagre det som DOCX og last opp på nytt"
        )
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        return reader.read()
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, etree.LxmlError, zipfile.BadZipFile) as exc:
        raise ExtractError("DOCX-filen er skadet og kan ikke leses: lagre den på nytt fra Word") from exc


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None  # 0-based, as Word stores it
    num_id: str | None


class _Reader:
    def __init__(self, document: docx.document.Document) -> None:
        from docx.text.paragraph import Paragraph

        self._paragraph_class = Paragraph
        self.document = document
        self.styles = _styles(document)
        self.default_style = next(
            (
                s.get(qn("w:styleId"))
                for s in document.styles.element.iterchildren(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self.numbered_formats = _numbered_formats(document)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.offset = 0

    def read(self) -> Document:
        for p in _paragraphs(self.document.element.body):
            self._paragraph(p)
        if not any(block.text for block in self.blocks):
            raise ExtractError("DOCX-dokumentet inneholder ingen tekst")
        return Document(format=FORMAT, blocks=self.blocks, pages=["".join(self.parts)], paged=False)

    def _paragraph(self, p: etree._Element) -> None:
        text = self._paragraph_class(p, self.document).text.strip()
        if not text:
            if _is_rule(p):
                self._add(Block(kind=BlockKind.RULE, text=""), "")
            return
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle") or self.default_style
        level = self._heading_level(ppr, style_id)
        block = Block(kind=BlockKind.PARAGRAPH, text=text, bold=_all_bold(p))
        if level is not None:
            block.kind, block.level = BlockKind.HEADING, level
            block.numbered = bool(re.match(r"\d+(\.\d+)*\.?\s", text))
        else:
            numbering = self._numbering(ppr, style_id)
            typed = _TYPED_BULLET.match(text)
            if numbering is not None:
                block.kind = BlockKind.LIST_ITEM
                block.numbered = numbering
            elif typed:
                block.kind = BlockKind.LIST_ITEM
                block.text = text[typed.end() :]
                self._add(block, text, skip=typed.end())
                return
        self._add(block, text)

    def _add(self, block: Block, text: str, skip: int = 0) -> None:
        block.start, block.end = self.offset + skip, self.offset + len(text)
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        self.blocks.append(block)

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _heading_level(self, ppr: etree._Element | None, style_id: str | None) -> int | None:
        direct = _val(ppr, "w:outlineLvl")
        if direct is not None and direct.isdigit() and int(direct) < 9:
            return int(direct) + 1
        for style in self._chain(style_id):
            match = _HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1))
            if style.name.lower() in _TITLE_NAMES:
                return 1
            if style.outline_level is not None and style.outline_level < 9:
                return style.outline_level + 1
        return None

    def _numbering(self, ppr: etree._Element | None, style_id: str | None) -> bool | None:
        """None if not a list item, else whether its list is numbered (not bullets)."""
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "w:numId")
            if num_id and num_id != "0":  # numId 0 switches numbering off
                return self.numbered_formats.get((num_id, _val(num_pr, "w:ilvl") or "0"), False)
            return None
        for style in self._chain(style_id):
            if style.num_id and style.num_id != "0":
                return self.numbered_formats.get((style.num_id, "0"), False)
            if _LIST_NAME.match(style.name):
                return bool(_NUMBERED_LIST_NAME.search(style.name))
        return None


@functools.cache
def qn(tag: str) -> str:
    """python-docx's ``qn``: "w:p" -> "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"."""
    from docx.oxml.ns import qn as docx_qn

    return docx_qn(tag)


def _paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs in reading order, inside tables, content controls and text boxes too."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield child
            for box in child.iter(qn("w:txbxContent")):
                # Word writes each text box twice: as DrawingML and as a VML fallback.
                if not any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
                    yield from _paragraphs(box)
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
                    yield from _paragraphs(cell)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _paragraphs(content)


def _val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    element = parent.find(qn(tag))
    return element.get(qn("w:val")) if element is not None else None


def _styles(document: docx.document.Document) -> dict[str, _Style]:
    styles = {}
    for element in document.styles.element.iterchildren(qn("w:style")):
        style_id = element.get(qn("w:styleId"))
        if not style_id or element.get(qn("w:type")) != "paragraph":
            continue
        ppr = element.find(qn("w:pPr"))
        outline = _val(ppr, "w:outlineLvl")
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        styles[style_id] = _Style(
            name=_val(element, "w:name") or style_id,
            based_on=_val(element, "w:basedOn"),
            outline_level=int(outline) if outline and outline.isdigit() else None,
            num_id=_val(num_pr, "w:numId"),
        )
    return styles


def _numbered_formats(document: docx.document.Document) -> dict[tuple[str, str], bool]:
    """(numId, ilvl) -> True where the level counts (1., a), i.) rather than bullets."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, dict[str, bool]] = {}
    for element in numbering.iterchildren(qn("w:abstractNum")):
        levels = {}
        for lvl in element.iterchildren(qn("w:lvl")):
            fmt = _val(lvl, "w:numFmt") or "decimal"
            levels[lvl.get(qn("w:ilvl")) or "0"] = fmt not in ("bullet", "none")
        abstract[element.get(qn("w:abstractNumId")) or ""] = levels
    formats = {}
    for num in numbering.iterchildren(qn("w:num")):
        for ilvl, numbered in abstract.get(_val(num, "w:abstractNumId") or "", {}).items():
            formats[(num.get(qn("w:numId")) or "", ilvl)] = numbered
    return formats


def _is_rule(p: etree._Element) -> bool:
    """An empty paragraph drawn as a horizontal line (Word's and pandoc's "---")."""
    if any(rect.get(_VML_HR) == "t" for rect in p.iter(_VML_RECT)):
        return True
    ppr = p.find(qn("w:pPr"))
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    return borders is not None and borders.find(qn("w:bottom")) is not None


def _all_bold(p: etree._Element) -> bool:
    """Every run with text is bold by direct formatting (bold by style is the style's business)."""
    runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    return bool(runs) and all(_run_bold(r) for r in runs)


def _run_bold(run: etree._Element) -> bool:
    properties = run.find(qn("w:rPr"))
    bold = properties.find(qn("w:b")) if properties is not None else None
    return bold is not None and bold.get(qn("w:val")) not in ("0", "false")
