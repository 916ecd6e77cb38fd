"""A catalogue of documents the importer refuses, one per kind of refusal.

Each case writes its bad file into a folder (and may lower a limit through
``monkeypatch``) and names a fragment of the English refusal it must get, so a
test that walks the catalogue knows it reached that refusal and not another.
The PDFs that need a real converter are fixtures (scripts/make_fixtures.py);
everything else is made here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from veikart.ingest.tools import safety

FIXTURES = Path(__file__).parent / "fixtures"
STRATEGY_PDF = FIXTURES / "ks-langtidsstrategi-2020-2023.pdf"
BINARY = bytes(range(256)) * 64  # control bytes and NULs: no text encoding fits


@dataclass(frozen=True)
class BadInput:
    name: str
    english: str  # a fragment of the English refusal this case must get
    make: Callable[[Path, pytest.MonkeyPatch], Path]

    def __str__(self) -> str:  # the parametrize id
        return self.name


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Strategi for Eksempel kommune", level=1)
    document.add_paragraph("KS skal bidra til at kommunen lykkes.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(
    data: bytes,
    transform: Callable[[str, bytes], bytes] = lambda name, content: content,
    compression: int = zipfile.ZIP_DEFLATED,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A copy of a ZIP whose members went through ``transform(name, content)``, plus ``extra`` members."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, transform(item.filename, source.read(item.filename)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def in_document_xml(change: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, content: change(content) if name == "word/document.xml" else content


def _xxe(xml: bytes) -> bytes:
    header, body = xml.split(b"?>", 1)
    return header + b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + body


def _half_of_strategy_pdf() -> bytes:
    data = STRATEGY_PDF.read_bytes()
    return data[: len(data) // 2]


def _unclosed_body(xml: bytes) -> bytes:
    return xml.replace(b"</w:body>", b"</w:b>")  # not well-formed: lxml fails inside python-docx


def _corrupt_member() -> bytes:
    """A stored (uncompressed) DOCX with one byte of word/document.xml changed: its CRC no longer matches."""
    data = rezip(docx_bytes(), compression=zipfile.ZIP_STORED)
    at = data.index(b"KS skal bidra")
    return data[:at] + b"X" + data[at + 1 :]


def _zip_without_word() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _empty_docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def _file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path, pytest.MonkeyPatch], Path]:
    def make(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def _fixture(name: str) -> Callable[[Path, pytest.MonkeyPatch], Path]:
    return lambda folder, monkeypatch: FIXTURES / name


def _with(setting: Callable[[pytest.MonkeyPatch], None], make: Callable[[Path, pytest.MonkeyPatch], Path]):
    def made(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        setting(monkeypatch)
        return make(folder, monkeypatch)

    return made


def _missing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return folder / "finnes-ikke.pdf"


def _directory(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (folder / "mappe.pdf").mkdir()
    return folder / "mappe.pdf"


BAD_INPUTS = [
    BadInput("empty", "the file is empty", _file("tom.pdf", b"")),
    BadInput("unknown-binary", "unsupported file type", _file("bilde.bin", b"\x89PNG\r\n\x1a\n" + bytes(2000))),
    BadInput("binary-named-txt", "not a text document: it contains binary data", _file("notater.txt", BINARY)),
    BadInput("binary-named-md", "not a text document: it contains binary data", _file("notater.md", BINARY)),
    BadInput("binary-named-html", "not a text document: it contains binary data", _file("side.html", BINARY)),
    BadInput("corrupt-pdf", "the PDF is damaged", _file("korrupt.pdf", b"%PDF-1.7\n" + BINARY + b"\n%%EOF\n")),
    BadInput(
        "truncated-pdf", "the PDF is truncated", _file("avkuttet.pdf", _half_of_strategy_pdf)
    ),
    BadInput("password-pdf", "password-protected", _fixture("password-protected.pdf")),
    BadInput("no-copy-pdf", "forbids copying its text", _fixture("encrypted-no-copy.pdf")),
    BadInput("scanned-pdf", "no text layer", _fixture("scanned-no-text.pdf")),
    BadInput("old-doc", "old Office document", _file("gammel.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))),
    BadInput("zip-not-word", "not a Word document", _file("regneark.docx", _zip_without_word)),
    BadInput(
        "docm",
        "with macros",
        _file(
            "makro.docx",
            lambda: rezip(
                docx_bytes(),
                lambda name, content: content.replace(b"document.main+xml", b"document.macroEnabled.main+xml"),
            ),
        ),
    ),
    BadInput(
        "docx-bad-xml",
        "damaged and cannot be read",
        _file("skadet.docx", lambda: rezip(docx_bytes(), in_document_xml(_unclosed_body))),
    ),
    BadInput("docx-without-text", "the DOCX document has no text", _file("tom.docx", _empty_docx)),
    BadInput("truncated-docx", "damaged or truncated", _file("avkuttet.docx", lambda: docx_bytes()[:5000])),
    BadInput("docx-corrupt-part", "cannot be unpacked", _file("crc.docx", _corrupt_member)),
    BadInput(
        "zip-bomb",
        "zip bomb",
        _file("bombe.docx", lambda: rezip(docx_bytes(), in_document_xml(lambda x: x + b" " * (5 * 1024 * 1024)))),
    ),
    BadInput(
        "too-many-parts",
        "parts, more than a document has",
        _with(lambda mp: mp.setattr(safety, "MAX_MEMBERS", 3), _file("deler.docx", docx_bytes)),
    ),
    BadInput(
        "unpacks-too-much",
        "more than a document needs",
        _with(lambda mp: mp.setattr(safety, "MAX_UNPACKED_BYTES", 1024), _file("stor.docx", docx_bytes)),
    ),
    BadInput("xxe", "declares XML entities", _file("xxe.docx", lambda: rezip(docx_bytes(), in_document_xml(_xxe)))),
    BadInput(
        "html-too-deep",
        "nests its elements too deeply",
        _file("dyp.html", b"<html><body>" + b"<div>" * 5000 + b"tekst" + b"</div>" * 5000 + b"</body></html>"),
    ),
    BadInput(
        "html-only-furniture",
        "the HTML page has no text",
        _file("tom.html", b"<!DOCTYPE html><html><body><nav>Meny</nav><script>x()</script></body></html>"),
    ),
    BadInput("transcript-without-text", "no text to find a strategy in", _file("t.txt", b"Tittel\n\nTranskript:\n")),
    BadInput(
        "too-large",
        "the file is too large",
        _with(lambda mp: mp.setenv("VEIKART_MAX_UPLOAD_BYTES", "1000"), _fixture("ks-langtidsstrategi-2020-2023.pdf")),
    ),
    BadInput(
        "limit-not-a-number",
        "must be a whole number of bytes",
        _with(lambda mp: mp.setenv("VEIKART_MAX_UPLOAD_BYTES", "femti"), _fixture("ks-langtidsstrategi-2020-2023.pdf")),
    ),
    BadInput("missing-file", "cannot read finnes-ikke.pdf", _missing),
    BadInput("directory", "cannot read mappe.pdf", _directory),
]
