"""Documents long beyond reason are refused early, in both languages, without using much memory.

A PDF of 10,000 pages and a text or Markdown document of 100,000 lines are
made here at run time (never committed). Memory is measured in a child
process: its peak (``ru_maxrss``) after the import minus its peak before, set
against the size of the text the document holds; the aim is at most 10 times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from veikart.ingest import ExtractError, extract_bytes
from veikart.ingest.tools import safety

LINE = "Kommunen skal arbeide for bedre tjenester og et godt liv for alle innbyggere."
MAX_GROWTH = 10  # peak memory above the baseline, in multiples of the document's text


def many_page_pdf(pages: int, line: str = LINE) -> bytes:
    """A valid PDF of ``pages`` pages, each with one line of text (all pages share one content stream)."""
    content = f"BT /F1 11 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    resources = b"/Resources << /Font << /F1 3 0 R >> >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Contents 4 0 R >>" % resources
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def many_line_markdown(lines: int) -> bytes:
    """Headings, paragraphs and lists, ten lines to a section."""
    pattern = ["## Kapittel {n}", "", LINE, LINE, "", "- Tiltak {n}: styrke", "- Tiltak {n}: måle", "", LINE, LINE]
    return "\n".join(pattern[i % 10].format(n=i // 10) for i in range(lines)).encode()


def _refusal_and_peak_in_a_child(path: Path) -> dict:
    """Extract ``path`` in a fresh process: the refusal, and how far the peak memory rose above the baseline.

    The baseline is a process that has read a small document of the same format
    (libraries loaded, PDFium started, as in a server) and holds the file's bytes.
    """
    warm_up = "many_page_pdf(2)" if path.suffix == ".pdf" else "many_line_markdown(20)"
    script = f"""
import json, resource
from pathlib import Path
from tests.ingest.test_limits import many_line_markdown, many_page_pdf
from veikart.ingest import ExtractError, extract_bytes, readers
small = {warm_up}
readers.read(small, readers.detect_format(small, {path.name!r}))
data = Path({str(path)!r}).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    extract_bytes(data, filename={path.name!r})
    refusal = None
except ExtractError as exc:
    refusal = {{"en": exc.message("en"), "nb": exc.message("nb")}}
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"refusal": refusal, "growth_bytes": (after - before) * 1024}}))
"""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_pdf_of_10000_pages_is_refused_before_its_pages_are_read(tmp_path):
    path = tmp_path / "lang.pdf"
    path.write_bytes(many_page_pdf(10_000))
    result = _refusal_and_peak_in_a_child(path)
    assert result["refusal"] == {
        "en": "the PDF has 10,000 pages; the limit is 2,000 pages, far more than a plan has: "
        "upload the part that holds the plan",
        "nb": "PDF-en har 10\u00a0000 sider; grensen er 2\u00a0000 sider, langt flere enn en plan har: "
        "last opp delen som inneholder planen",
    }
    text_bytes = 10_000 * len(LINE)
    assert result["growth_bytes"] <= MAX_GROWTH * text_bytes


def test_a_markdown_document_of_100000_lines_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "lang.md"
    path.write_bytes(many_line_markdown(100_000))
    result = _refusal_and_peak_in_a_child(path)
    assert result["refusal"]["en"] == (
        "the document has 100,000 lines of text; the limit is 50,000 lines, far more than a plan has: "
        "upload the part that holds the plan"
    )
    assert result["refusal"]["nb"].startswith("dokumentet har 100\u00a0000 tekstlinjer; grensen er 50\u00a0000 linjer")
    assert result["growth_bytes"] <= MAX_GROWTH * path.stat().st_size


def test_a_text_file_of_100000_lines_is_refused_too():
    with pytest.raises(ExtractError, match="the document has 100,000 lines of text; the limit is 50,000 lines"):
        extract_bytes(many_line_markdown(100_000).replace(b"## ", b""), filename="lang.txt")


def test_a_pdf_with_more_lines_than_the_limit_is_refused_after_reading(monkeypatch):
    monkeypatch.setenv("VEIKART_MAX_LINES", "20")
    with pytest.raises(ExtractError, match="the document has 30 lines of text; the limit is 20 lines"):
        extract_bytes(many_page_pdf(30), filename="tretti.pdf")


def test_the_limits_are_settings(monkeypatch):
    monkeypatch.setenv("VEIKART_MAX_PAGES", "5")
    with pytest.raises(ExtractError, match="the PDF has 6 pages; the limit is 5 pages"):
        extract_bytes(many_page_pdf(6), filename="seks.pdf")
    monkeypatch.setenv("VEIKART_MAX_LINES", "9")
    with pytest.raises(ExtractError, match="the document has 10 lines of text; the limit is 9 lines"):
        extract_bytes(many_line_markdown(10), filename="ti.md")


def test_a_document_at_the_limits_is_read(monkeypatch):
    monkeypatch.setenv("VEIKART_MAX_PAGES", "3")
    monkeypatch.setenv("VEIKART_MAX_LINES", "3")
    assert extract_bytes(many_page_pdf(3), filename="tre.pdf").source.pages == 3


@pytest.mark.parametrize("raw", ["mange", "0", "-1", "2.5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused_in_both_languages(monkeypatch, raw):
    monkeypatch.setenv("VEIKART_MAX_PAGES", raw)
    with pytest.raises(ExtractError) as refused:
        safety.max_pages()
    assert refused.value.message("en") == f"VEIKART_MAX_PAGES must be a whole number above 0, not {raw!r}"
    assert refused.value.message("nb") == f"VEIKART_MAX_PAGES må være et helt tall over 0, ikke {raw!r}"
