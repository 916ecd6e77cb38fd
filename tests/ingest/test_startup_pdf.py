"""``veikart extract FILE.pdf`` loads only what reading a PDF needs (a structural test of start-up, not a timing).

test_startup.py keeps other commands, Django and other readers' libraries out; this keeps out what issue 9's
speed work took out of the PDF path: pypdfium2's Python layer (readers/pdfium.py binds PDFium directly), the
text readers' modules (a file that starts with %PDF is not sniffed by them), zipfile (only a DOCX needs it) and
standard modules nothing on the path uses.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from veikart.ingest import extract
from veikart.ingest.readers import READERS, detect_format

FIXTURES = Path(__file__).parent / "fixtures"
NOT_FOR_A_PDF = (
    "pypdfium2",
    "pypdfium2_raw",
    "zipfile",
    "veikart.ingest.readers.docx",
    "veikart.ingest.readers.html",
    "veikart.ingest.readers.converted",
    "veikart.ingest.readers.markdown",
    "veikart.ingest.readers.text",
    # Standard modules nothing on the path needs, each 1-3 ms of start-up: shutil (with bz2 and lzma; argparse
    # looks the terminal width up with it), statistics (with fractions, decimal, random), typing, threading.
    "shutil",
    "bz2",
    "lzma",
    "statistics",
    "fractions",
    "typing",
    "threading",
)


def _modules_after_extracting(path: Path) -> set[str]:
    script = (
        "import json, sys\n"
        "from veikart.cli import main\n"
        f"code = main(['extract', {str(path)!r}])\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize("name", ["ks-langtidsstrategi-2020-2023.pdf", "eksempel-kommune.pdf"])
def test_extracting_a_pdf_loads_neither_pypdfium2_nor_the_text_readers_nor_zipfile(name):
    loaded = _modules_after_extracting(FIXTURES / name)
    assert "veikart.ingest.readers.pdfium" in loaded  # the PDF was read, through the direct bindings
    assert sorted(loaded & set(NOT_FOR_A_PDF)) == []


def _every_reader_asked(data: bytes, filename: str | None) -> str | None:
    """The format the sniff gives when every reader is asked (as before the PDF shortcut)."""
    best, best_score = None, 0
    for name in READERS:
        module = importlib.import_module(f"veikart.ingest.readers.{name}")
        score = module.sniff(data)
        if filename and score and filename.lower().endswith(module.EXTENSIONS):
            score += 1
        if score > best_score:
            best, best_score = name, score
    return best


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.*")), ids=lambda path: path.name)
def test_the_pdf_shortcut_finds_the_format_every_reader_would(path):
    data = path.read_bytes()
    for filename in (path.name, "plan.pdf", "plan.txt", "plan.md", "plan.html", None):
        expected = _every_reader_asked(data, filename)
        if expected is not None:
            assert detect_format(data, filename) == expected, filename


def test_a_docx_still_opens_its_archive():
    strategy = extract(FIXTURES / "ks-langtidsstrategi-2020-2023.docx")
    assert strategy.sections and strategy.source.format == "docx"
