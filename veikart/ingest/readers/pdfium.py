"""The dozen PDFium functions the PDF reader calls, bound with ctypes to the library pypdfium2 ships.

Why not pypdfium2's own API: importing it costs about 45 ms (ctypes bindings for all
of PDFium's ~450 functions, its helper classes, logging), more than reading a 12-page
PDF, and ``veikart extract`` is a short process that pays it on every run. The
library itself loads in about 2 ms. pypdfium2 stays the dependency that ships and
pins ``libpdfium``; PDFium's C API (``fpdfview.h``, ``fpdf_text.h``) is stable.

The library is loaded and initialised on first use, not at import: sniffing a DOCX
imports the PDF reader too. Callers hold the reader's lock (PDFium is not thread-safe).
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# FPDF_GetLastError() codes (fpdfview.h) the reader tells apart.
ERR_PASSWORD = 4
ERR_SECURITY = 5

_HANDLE = ctypes.c_void_p  # FPDF_DOCUMENT, FPDF_PAGE, FPDF_TEXTPAGE: opaque pointers
_DOUBLE_P = ctypes.POINTER(ctypes.c_double)
# name: (result type, argument types), as declared in PDFium's headers.
_FUNCTIONS = {
    "FPDF_InitLibraryWithConfig": (None, [ctypes.c_void_p]),
    "FPDF_LoadMemDocument64": (_HANDLE, [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]),
    "FPDF_GetLastError": (ctypes.c_ulong, []),
    "FPDF_CloseDocument": (None, [_HANDLE]),
    "FPDF_GetPageCount": (ctypes.c_int, [_HANDLE]),
    "FPDF_GetSecurityHandlerRevision": (ctypes.c_int, [_HANDLE]),
    "FPDF_GetDocPermissions": (ctypes.c_ulong, [_HANDLE]),
    "FPDF_LoadPage": (_HANDLE, [_HANDLE, ctypes.c_int]),
    "FPDF_ClosePage": (None, [_HANDLE]),
    "FPDF_GetPageHeightF": (ctypes.c_float, [_HANDLE]),
    "FPDFText_LoadPage": (_HANDLE, [_HANDLE]),
    "FPDFText_ClosePage": (None, [_HANDLE]),
    "FPDFText_CountChars": (ctypes.c_int, [_HANDLE]),
    "FPDFText_GetTextIndexFromCharIndex": (ctypes.c_int, [_HANDLE, ctypes.c_int]),
    "FPDFText_GetText": (ctypes.c_int, [_HANDLE, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]),
    "FPDFText_GetCharOrigin": (ctypes.c_int, [_HANDLE, ctypes.c_int, _DOUBLE_P, _DOUBLE_P]),
    "FPDFText_GetCharBox": (ctypes.c_int, [_HANDLE, ctypes.c_int, _DOUBLE_P, _DOUBLE_P, _DOUBLE_P, _DOUBLE_P]),
    "FPDFText_GetFontSize": (ctypes.c_double, [_HANDLE, ctypes.c_int]),
    "FPDFText_GetFontInfo": (
        ctypes.c_ulong,
        [_HANDLE, ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_int)],
    ),
    "FPDFText_GetFontWeight": (ctypes.c_int, [_HANDLE, ctypes.c_int]),
}


class _LibraryConfig(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2 (as pypdfium2 initialises PDFium)."""

    _fields_ = [
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.c_void_p),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
    ]


class PdfiumError(Exception):
    """PDFium could not open the document; ``code`` is its FPDF_GetLastError()."""

    def __init__(self, code: int) -> None:
        super().__init__(f"PDFium error {code}")
        self.code = code


def _library_path() -> str:
    """``libpdfium`` inside the pypdfium2_raw package (found without importing it), else the system's."""
    name = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")
    spec = find_spec("pypdfium2_raw")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    import ctypes.util  # here, not at the top: it imports subprocess and shutil (~5 ms), and is rarely needed

    found = ctypes.util.find_library("pdfium")
    if found is None:
        raise OSError("libpdfium not found: install pypdfium2")
    return found


@cache
def library() -> ctypes.CDLL:
    """PDFium, loaded and initialised once per process (a second initialisation, by pypdfium2, is a no-op)."""
    lib = ctypes.CDLL(_library_path())
    for name, (result, arguments) in _FUNCTIONS.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = result, arguments
    lib.FPDF_InitLibraryWithConfig(ctypes.byref(_LibraryConfig(version=2)))
    return lib


def open_document(data: bytes) -> int:
    """A document handle for ``data`` (which must outlive it); PdfiumError if PDFium cannot open it."""
    lib = library()
    document = lib.FPDF_LoadMemDocument64(data, len(data), None)
    if document and lib.FPDF_GetPageCount(document) >= 1:
        return document
    code = lib.FPDF_GetLastError()
    if document:
        lib.FPDF_CloseDocument(document)
    raise PdfiumError(code)


def page_text(textpage: int, count: int) -> str:
    """The text of a text page's ``count`` characters, with PDFium's line breaks ("\\r\\n").

    As pypdfium2's ``get_text_range()``: characters PDFium leaves out of its text at
    either end are not asked for (https://crbug.com/pdfium/2079).
    """
    lib = library()
    index_of = lib.FPDFText_GetTextIndexFromCharIndex
    first, last = 0, count - 1
    while first <= last and index_of(textpage, first) == -1:
        first += 1
    while first <= last and index_of(textpage, last) == -1:
        last -= 1
    if first > last:
        return ""
    size = index_of(textpage, last) + 2 - index_of(textpage, first)  # with the NUL terminator
    buffer = (ctypes.c_ushort * size)()
    written = lib.FPDFText_GetText(textpage, first, last - first + 1, buffer)
    return bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="ignore")
