"""PDF reader: text lines with font size and weight from PDFium, then blocks.

PDFium (the library pypdfium2, Apache-2.0/BSD, ships; called through the few
bindings in ``pdfium``) gives each page's text in reading order with line
breaks, and per character its font, size and position. Asking for those per
character from Python would cost more than the text extraction itself, so the
reader takes the page text in one call and queries the font and position only
at the start and end of each line (``pdf_layout`` turns the lines into blocks).
"""

from __future__ import annotations

import _thread
import ctypes
import re

from veikart.ingest.document import Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.readers import pdfium
from veikart.ingest.readers.pdf_layout import Line, PageLines, build_document
from veikart.ingest.tools import safety

FORMAT = "pdf"
EXTENSIONS = (".pdf",)

# The PDF standard puts "%PDF-1.x" at the start, but readers accept it within the
# first KB (some generators write a preamble first); found later it is less sure,
# so a Markdown file that merely mentions "%PDF-1.4" stays Markdown.
_MAGIC = re.compile(rb"%PDF-\d\.\d")
_EXTRACT_TEXT_PERMISSION = 0x10  # PDF permission bit 5: copy or extract text and graphics
_BOLD_NAME = re.compile(rb"bold|black|heavy|semibold|demi", re.IGNORECASE)
_PDFIUM_LOCK = _thread.allocate_lock()  # threading.Lock without importing threading
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag 19
_MIN_TEXT_CHARS = 20  # fewer letters than this in the whole document: a scan


def sniff(data: bytes) -> int:
    found = _MAGIC.search(data[:1024])
    if not found:
        return 0
    return 2 if found.start() and _looks_like_text(data[: found.start()]) else 3


def _looks_like_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(char.isprintable() or char in "\t\n\r" for char in text)


def read(data: bytes) -> Document:
    # PDFium is not thread-safe; the web server may extract two uploads at once.
    with _PDFIUM_LOCK:
        lib = pdfium.library()
        pdf = _open(data)
        try:
            _refuse_locked(lib, pdf)
            page_count = lib.FPDF_GetPageCount(pdf)
            safety.refuse_too_many_pages(page_count)  # before any page is read
            pages = [_page_lines(lib, pdf, index) for index in range(page_count)]
        finally:
            lib.FPDF_CloseDocument(pdf)
    safety.refuse_too_many_lines(sum(len(page.lines) for page in pages))
    if sum(len(page.text) - page.text.count(" ") - page.text.count("\n") for page in pages) < _MIN_TEXT_CHARS:
        raise ExtractError(
            "PDF-en har ikke noe tekstlag (skannet?): tekstgjenkjenning (OCR) støttes ikke, last opp en PDF med tekst"
        )
    return build_document(pages)


def _open(data: bytes) -> int:
    try:
        return pdfium.open_document(data)
    except pdfium.PdfiumError as exc:
        code = exc.code
        if code == pdfium.ERR_PASSWORD:
            raise ExtractError("PDF-en er passordbeskyttet: fjern passordet og last opp på nytt") from exc
        if code == pdfium.ERR_SECURITY:
            raise ExtractError("PDF-en bruker en kryptering som ikke kan åpnes: lagre den uten kryptering") from exc
        if b"%%EOF" not in data[-2048:]:
            raise ExtractError("PDF-en er avkortet (slutten mangler): last opp hele filen") from exc
        raise ExtractError("PDF-en er skadet og kan ikke leses: eksporter den på nytt fra originalen") from exc


def _refuse_locked(lib: ctypes.CDLL, pdf: int) -> None:
    """Refuse an encrypted PDF whose author forbade copying its text.

    PDFium would extract it anyway; the permission is the author's word.
    """
    encrypted = lib.FPDF_GetSecurityHandlerRevision(pdf) != -1
    if encrypted and not lib.FPDF_GetDocPermissions(pdf) & _EXTRACT_TEXT_PERMISSION:
        raise ExtractError("PDF-en er kryptert og forbyr kopiering av teksten: be om en kopi uten begrensninger")


def _page_lines(lib: ctypes.CDLL, pdf: int, index: int) -> PageLines:
    page = lib.FPDF_LoadPage(pdf, index)
    textpage = lib.FPDFText_LoadPage(page) if page else None
    if not textpage:
        if page:
            lib.FPDF_ClosePage(page)
        raise ExtractError("PDF-en er skadet: side %(page)s kan ikke leses", page=index + 1)
    try:
        return _lines(lib, textpage, lib.FPDF_GetPageHeightF(page))
    finally:
        lib.FPDFText_ClosePage(textpage)
        lib.FPDF_ClosePage(page)


def _lines(lib: ctypes.CDLL, tp: int, height: float) -> PageLines:
    """The page's lines with position, size and weight, asking PDFium about two characters per line.

    Written as one tight loop with local names: it runs for every line of every page.
    """
    count = lib.FPDFText_CountChars(tp)
    pdfium_text = pdfium.page_text(tp, count) if count > 0 else ""
    # Characters outside the BMP are two PDFium indices but one Python character.
    wide = len(pdfium_text) != count
    text = pdfium_text.replace("\r\n", "\n")
    get_origin, get_box = lib.FPDFText_GetCharOrigin, lib.FPDFText_GetCharBox
    get_size, get_font, get_weight = lib.FPDFText_GetFontSize, lib.FPDFText_GetFontInfo, lib.FPDFText_GetFontWeight
    x, y, left, right, bottom, top = (ctypes.c_double() for _ in range(6))
    flags, name = ctypes.c_int(), ctypes.create_string_buffer(128)
    bold_name = _BOLD_NAME.search

    def is_bold(at: int) -> bool:
        # Embedded subset fonts often report weight 400 whatever they are; the name and flags tell.
        get_font(tp, at, name, 128, flags)
        return bool(flags.value & _FORCE_BOLD or bold_name(name.value)) or get_weight(tp, at) >= 600

    lines: list[Line] = []
    offset = 0  # into ``text`` (the page text blocks point into)
    index = 0  # PDFium character index
    # Split where PDFium broke lines ("\r\n"); a lone "\n" from the PDF's own text stays inside
    # its line (as a space in the line's text) so the character indices keep step.
    for line_text in pdfium_text.split("\r\n"):
        width = len(line_text.encode("utf-16-le")) // 2 if wide else len(line_text)
        stripped = line_text.strip()
        if "\n" in stripped or "\r" in stripped:
            stripped = stripped.replace("\r", " ").replace("\n", " ")
        if stripped:
            lead = line_text.find(stripped[0])
            tail = len(line_text) - lead - len(stripped)
            word = index + _first_word_char(stripped) + lead
            last = index + width - 1 - tail
            get_origin(tp, index + lead, x, y)
            get_box(tp, last, left, right, bottom, top)
            lines.append(
                Line(
                    stripped,
                    offset + lead,
                    offset + lead + len(stripped),
                    x.value,
                    y.value,
                    right.value,
                    round(get_size(tp, word), 1),
                    is_bold(word) and is_bold(last),
                )
            )
        offset += len(line_text) + 1
        index += width + 2  # PDFium's "\r\n" between lines
    return PageLines(text=text, height=height, lines=lines)


def _first_word_char(line: str) -> int:
    """Index of the first letter or digit: a bullet glyph may be in another font and size."""
    for i, char in enumerate(line[:6]):
        if char.isalnum():
            return i
    return 0
