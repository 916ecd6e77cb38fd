"""Bad input through ``veikart extract``: a non-zero exit and one clear line, never a traceback.

The encrypted, password-protected and scanned PDFs are fixtures made by
scripts/make_fixtures.py (LibreOffice's PDF export with encryption options, and
a page image saved as PDF by Pillow); everything else is made here.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from tests.ingest.bad_inputs import docx_bytes
from veikart import cli
from veikart.ingest.errors import ExtractError
from veikart.ingest.tools import safety

FIXTURES = Path(__file__).parent / "fixtures"
STRATEGY_PDF = FIXTURES / "ks-langtidsstrategi-2020-2023.pdf"


def refusal(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``veikart extract`` in-process; return its one line of error after checking the rules."""
    code = cli.main(["extract", str(path), *args])
    captured = capsys.readouterr()
    assert code != 0
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.endswith("\n") and captured.err.count("\n") == 1, captured.err
    return captured.err


def with_document_xml(data: bytes, transform) -> bytes:
    """A copy of a DOCX whose word/document.xml went through ``transform``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = transform(content)
            target.writestr(item.filename, content)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_it_refuses_an_empty_file(tmp_path: Path, capsys) -> None:
    assert "the file is empty" in refusal(write(tmp_path, "tom.pdf", b""), capsys)


def test_it_refuses_a_corrupt_pdf(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, "korrupt.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    assert "the PDF is damaged" in refusal(path, capsys)


def test_it_refuses_a_truncated_pdf(tmp_path: Path, capsys) -> None:
    data = STRATEGY_PDF.read_bytes()
    path = write(tmp_path, "avkuttet.pdf", data[: len(data) // 2])
    assert "the PDF is truncated" in refusal(path, capsys)


def test_it_refuses_a_password_protected_pdf(capsys) -> None:
    message = refusal(FIXTURES / "password-protected.pdf", capsys)
    assert "password-protected: remove the password and upload again" in message


def test_it_refuses_an_encrypted_pdf_that_forbids_copying_text(capsys) -> None:
    assert "encrypted and forbids copying its text" in refusal(FIXTURES / "encrypted-no-copy.pdf", capsys)


def test_it_refuses_a_scanned_pdf_without_text(capsys) -> None:
    assert "no text layer (scanned?): OCR is not supported" in refusal(FIXTURES / "scanned-no-text.pdf", capsys)


def test_it_refuses_a_docx_zip_bomb(tmp_path: Path, capsys) -> None:
    # 5 MB of one repeated byte packs to ~5 KB: a member 1000x its packed size.
    bomb = with_document_xml(docx_bytes(), lambda xml: xml + b" " * (5 * 1024 * 1024))
    assert len(bomb) < 100_000
    assert "zip bomb" in refusal(write(tmp_path, "bombe.docx", bomb), capsys)


def test_it_refuses_a_docx_with_an_external_entity(tmp_path: Path, capsys) -> None:
    def xxe(xml: bytes) -> bytes:
        header, body = xml.split(b"?>", 1)
        doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        return header + b"?>" + doctype + body.replace(b"KS skal bidra", b"&xxe; KS skal bidra")

    message = refusal(write(tmp_path, "xxe.docx", with_document_xml(docx_bytes(), xxe)), capsys)
    assert "declares XML entities or a DOCTYPE in word/document.xml" in message


def test_it_refuses_a_docx_with_a_billion_laughs(tmp_path: Path, capsys) -> None:
    laughs = b"".join(
        b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10 if n else b"ha") for n in range(10)
    )

    def billion(xml: bytes) -> bytes:
        header, body = xml.split(b"?>", 1)
        return header + b"?><!DOCTYPE w:document [" + laughs + b"]>" + body

    path = write(tmp_path, "ler.docx", with_document_xml(docx_bytes(), billion))
    assert "declares XML entities" in refusal(path, capsys)


def test_it_refuses_a_truncated_docx(tmp_path: Path, capsys) -> None:
    data = docx_bytes()
    assert "damaged or truncated" in refusal(write(tmp_path, "avkuttet.docx", data[: len(data) // 2]), capsys)


def test_it_refuses_a_zip_that_is_not_a_word_document(tmp_path: Path, capsys) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document" in refusal(write(tmp_path, "regneark.docx", out.getvalue()), capsys)


def test_it_refuses_a_binary_file_named_txt(tmp_path: Path, capsys) -> None:
    binary = bytes(range(256)) * 64  # control bytes and NULs: no text encoding fits
    message = refusal(write(tmp_path, "notater.txt", binary), capsys)
    assert message.endswith(": the file is not a text document: it contains binary data\n")


def test_it_refuses_an_unknown_binary_type(tmp_path: Path, capsys) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000)
    assert "unsupported file type" in refusal(write(tmp_path, "bilde.bin", png), capsys)


def test_it_refuses_a_500_mb_file_from_its_size_before_reading_it(tmp_path: Path, capsys) -> None:
    path = tmp_path / "stor.pdf"
    with path.open("wb") as sparse:
        sparse.truncate(500 * 1024 * 1024)  # a sparse file: no 500 MB written to disk
    assert "the file is too large: 500.0 MB, the limit is 50.0 MB" in refusal(path, capsys)


def test_the_size_limit_can_be_set_on_the_command_line_and_in_the_environment(capsys, monkeypatch) -> None:
    assert "the limit is 1000 bytes" in refusal(STRATEGY_PDF, capsys, "--max-bytes", "1000")
    monkeypatch.setenv("VEIKART_MAX_UPLOAD_BYTES", "2000")
    assert "the limit is 2000 bytes" in refusal(STRATEGY_PDF, capsys)


def test_a_zip_that_unpacks_beyond_the_total_limit_is_refused(monkeypatch) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(3):
            archive.writestr(f"word/part{n}.xml", b"x" * 600)
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 1024)
    with pytest.raises(ExtractError, match="unpacks to 0 MB, more than a document needs"):
        safety.open_zip(out.getvalue())


def test_content_decides_the_format_not_the_name(tmp_path: Path, capsys) -> None:
    """A PDF named .txt is read as the PDF it is (and then refused only if it is bad)."""
    path = write(tmp_path, "egentlig-pdf.txt", (FIXTURES / "password-protected.pdf").read_bytes())
    assert "password-protected" in refusal(path, capsys)


@pytest.mark.parametrize("name", ["korrupt.pdf", "stor.pdf"])
def test_a_real_process_exits_non_zero_with_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name == "stor.pdf":
        with path.open("wb") as sparse:
            sparse.truncate(500 * 1024 * 1024)
    else:
        path.write_bytes(b"%PDF-1.4\n garbage \n%%EOF")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", "veikart", "extract", str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"veikart: {path}: ")


def test_it_refuses_a_docx_without_text(tmp_path: Path, capsys) -> None:
    out = io.BytesIO()
    docx.Document().save(out)
    assert "the DOCX document has no text" in refusal(write(tmp_path, "tom.docx", out.getvalue()), capsys)


def test_it_refuses_a_macro_enabled_word_document(tmp_path: Path, capsys) -> None:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            target.writestr(item.filename, content)
    assert "with macros (.docm)" in refusal(write(tmp_path, "makro.docx", out.getvalue()), capsys)


def test_it_refuses_an_html_page_with_nothing_but_furniture(tmp_path: Path, capsys) -> None:
    page = b"<!DOCTYPE html><html><body><nav>Meny</nav><script>x()</script></body></html>"
    assert "the HTML page has no text" in refusal(write(tmp_path, "tom.html", page), capsys)


def test_a_file_that_does_not_end_where_stat_says_is_cut_at_the_limit(capsys) -> None:
    """/dev/zero has size 0 to stat() and never ends: reading stops at the limit."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    assert "the file is too large" in refusal(Path("/dev/zero"), capsys, "--max-bytes", "100000")


def test_it_refuses_a_directory(tmp_path: Path, capsys) -> None:
    assert "cannot read" in refusal(tmp_path, capsys)


def test_an_entity_declaration_in_a_part_not_named_xml_is_refused_too(tmp_path: Path, capsys) -> None:
    data = docx_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("word/media/notat.dat", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "ha">]><x>&e;</x>')
    assert "declares XML entities or a DOCTYPE in word/media/notat.dat" in refusal(
        write(tmp_path, "skjult.docx", out.getvalue()), capsys
    )


def test_an_utf16_part_with_a_doctype_is_refused(tmp_path: Path, capsys) -> None:
    def utf16(xml: bytes) -> bytes:
        header, body = xml.split(b"?>", 1)
        text = (b'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY a "b">]>' + body).decode()
        return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")

    path = write(tmp_path, "utf16.docx", with_document_xml(docx_bytes(), utf16))
    assert "declares XML entities" in refusal(path, capsys)
