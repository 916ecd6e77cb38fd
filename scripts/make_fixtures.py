#!/usr/bin/env python3
"""Make the PDF and DOCX test fixtures of the importer with real converters.

Run from the repository root with the project's virtualenv:

    .venv/bin/python scripts/make_fixtures.py

It needs pandoc and LibreOffice (Debian: pandoc, libreoffice-writer-nogui) and
rewrites everything in tests/ingest/fixtures/, plus MANIFEST.txt there with the
tool versions and the commands that were run. Output is deterministic up to the
timestamps the converters embed, so a re-run shows as a binary change in git.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
import weasyprint
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "veikart" / "web" / "demo" / "samples"  # the committed copy of ../shared/samples
FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
STRATEGY_MD = SAMPLES / "ks-langtidsstrategi-2020-2023.md"
RUNNING_HEADER = "Langtidsstrategi for KS 2020–2023"

# The sample Markdown came from a PDF whose table of contents had one entry per
# line; +hard_line_breaks keeps those lines apart in Word as they were on paper
# (the rest of the sample has one paragraph per line, so nothing else changes).
# -smart keeps the text as written: no curly quotes, "....." stays five dots.
PANDOC_FROM = "markdown+hard_line_breaks-smart"

commands: list[str] = []


def run(*args: str, cwd: Path | None = None) -> None:
    commands.append(_shown(" ".join(args)))
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _shown(command: str) -> str:
    """The command as it can be read in the manifest: paths relative to the repository."""
    return command.replace(str(ROOT) + "/", "").replace(TMP_PREFIX, "$TMP/")


TMP_PREFIX = "/nonexistent/"  # set in main() to the temporary directory


def version(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.splitlines()[0].strip()


def make_reference_docx(path: Path, *, body_pt: int | None = None) -> None:
    """pandoc's own reference.docx with an A4 page, a running header and a page number footer.

    Real strategy PDFs carry both; the readers must drop them.
    """
    default = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    commands.append("pandoc --print-default-data-file reference.docx  (then python-docx: A4, header, PAGE footer)")
    document = docx.Document(io.BytesIO(default))
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    header = section.header.paragraphs[0]
    header.text = RUNNING_HEADER
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    if body_pt:
        for name in ("Normal", "Body Text", "First Paragraph", "Compact"):
            try:
                document.styles[name].font.size = Pt(body_pt)
            except KeyError:
                continue
    document.save(path)


def docx_from_markdown(md: Path, out: Path, reference: Path) -> None:
    run("pandoc", "-f", PANDOC_FROM, "-t", "docx", f"--reference-doc={reference}", "-o", str(out), str(md))


def pdf_from_docx(src: Path, outdir: Path, filter_options: str = "") -> Path:
    target = "pdf:writer_pdf_Export" + (f":{filter_options}" if filter_options else "")
    run("soffice", "--headless", "--convert-to", target, "--outdir", str(outdir), str(src))
    return outdir / (src.stem + ".pdf")


def scanned_pdf(pdf: Path, out: Path) -> None:
    """A PDF of page images only, as a scanner makes it: no text layer."""
    commands.append(f"pypdfium2 render {pdf.name} page 1 at 72 dpi, greyscale; Pillow save as PDF -> {out.name}")
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=1).to_pil().convert("L")
    image.save(out, "PDF", resolution=72.0)
    document.close()


def main() -> int:
    for tool in ("pandoc", "soffice"):
        if not shutil.which(tool):
            print(f"make_fixtures: {tool} is not installed (apt-get install pandoc libreoffice-writer-nogui)")
            return 1
    FIXTURES.mkdir(parents=True, exist_ok=True)
    global TMP_PREFIX
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        TMP_PREFIX = tmp_name + "/"
        reference = tmp / "reference.docx"
        make_reference_docx(reference)

        # 1. The 2020–2023 strategy as DOCX (pandoc) and as PDF (LibreOffice from that DOCX).
        strategy_docx = FIXTURES / "ks-langtidsstrategi-2020-2023.docx"
        docx_from_markdown(STRATEGY_MD, strategy_docx, reference)
        pdf_from_docx(strategy_docx, FIXTURES)

        # The same as HTML (pandoc), for the HTML reader's part in the agreement test.
        run(
            "pandoc", "-s", "-f", PANDOC_FROM, "-t", "html", f"--metadata=pagetitle:{RUNNING_HEADER}",
            "-o", str(FIXTURES / "ks-langtidsstrategi-2020-2023.html"), str(STRATEGY_MD),
        )

        # A fictional municipal plan, hand-written HTML, as a PDF from another generator:
        # WeasyPrint, A5, hyphenated justified text, list markers drawn apart from their text.
        example = FIXTURES / "eksempel-kommune.html"
        commands.append(f"weasyprint (Python API) {example.name} -> eksempel-kommune.pdf")
        weasyprint.HTML(filename=str(example)).write_pdf(str(FIXTURES / "eksempel-kommune.pdf"))

        # 2. Refused PDFs: a password to open it, and encryption that forbids copying text.
        locked = tmp / "locked"
        locked.mkdir()
        shutil.copy(strategy_docx, locked / "password-protected.docx")
        shutil.copy(strategy_docx, locked / "encrypted-no-copy.docx")
        pdf_from_docx(
            locked / "password-protected.docx", FIXTURES,
            '{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"hemmelig"}}',
        )
        pdf_from_docx(
            locked / "encrypted-no-copy.docx", FIXTURES,
            '{"RestrictPermissions":{"type":"boolean","value":"true"},'
            '"PermissionPassword":{"type":"string","value":"eier"},'
            '"EnableCopyingOfContent":{"type":"boolean","value":"false"}}',
        )

        # 3. A scanned document: page images, no text layer.
        scanned_pdf(FIXTURES / "ks-langtidsstrategi-2020-2023.pdf", FIXTURES / "scanned-no-text.pdf")

        # 4. A 30+ page PDF for benchmarks/extract.py: the strategy three times in a 14 pt body font.
        big_md = tmp / "benchmark-strategy-x3.md"
        big_md.write_text("\n\n".join([STRATEGY_MD.read_text(encoding="utf-8")] * 3), encoding="utf-8")
        commands.append(f"concatenate {STRATEGY_MD.name} three times -> {big_md.name}")
        big_reference = tmp / "reference-14pt.docx"
        make_reference_docx(big_reference, body_pt=14)
        big_docx = tmp / "benchmark-strategy-x3.docx"
        docx_from_markdown(big_md, big_docx, big_reference)
        pdf_from_docx(big_docx, FIXTURES)

    pages = {p.name: len(pdfium.PdfDocument(p)) for p in sorted(FIXTURES.glob("*.pdf")) if "password" not in p.name}
    manifest = [
        "Fixtures made by scripts/make_fixtures.py (re-run it to remake them).",
        f"pandoc: {version('pandoc', '--version')}",
        f"LibreOffice: {version('soffice', '--version')}",
        f"pypdfium2: {pdfium.PYPDFIUM_INFO}, python-docx: {docx.__version__ if hasattr(docx, '__version__') else '?'}",
        f"WeasyPrint: {weasyprint.__version__}",
        f"Python: {sys.version.split()[0]}",
        "",
        "Pages: " + ", ".join(f"{name} {n}" for name, n in pages.items()),
        "Passwords: password-protected.pdf opens with 'hemmelig'; encrypted-no-copy.pdf has owner password 'eier'.",
        "",
        "Commands:",
        *(f"  {c}" for c in commands),
    ]
    (FIXTURES / "MANIFEST.txt").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print("\n".join(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
