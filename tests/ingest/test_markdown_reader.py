"""The Markdown reader: blocks with offsets into the text, and format sniffing."""

from __future__ import annotations

import codecs

from veikart.ingest import readers
from veikart.ingest.document import BlockKind
from veikart.ingest.readers import markdown

SAMPLE = b"""# Strategi for Eksempel kommune 2024\xe2\x80\x932027

Innledning med <b>fet</b> og *kursiv* tekst
over to linjer.

## 1.1 Oppvekst

- Alle barn skal ha en trygg oppvekst.
- Flere skal fullf\xc3\xb8re videreg\xc3\xa5ende
  oppl\xc3\xa6ring.

1. F\xc3\xb8rste tiltak
2. Andre tiltak

---

| Kolonne | Verdi |
| --- | --- |
| a | 1 |
"""


def _blocks(data: bytes = SAMPLE):
    return markdown.read(data).blocks


def test_it_reads_headings_with_their_level():
    headings = [(b.text, b.level) for b in _blocks() if b.kind is BlockKind.HEADING]
    assert headings == [("Strategi for Eksempel kommune 2024–2027", 1), ("1.1 Oppvekst", 2)]


def test_it_strips_inline_html_and_emphasis_from_paragraphs():
    paragraph = _blocks()[1]
    assert paragraph.kind is BlockKind.PARAGRAPH
    assert paragraph.text == "Innledning med fet og kursiv tekst\nover to linjer."


def test_it_reads_list_items_and_marks_ordered_ones_numbered():
    items = [(b.text, b.numbered) for b in _blocks() if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        ("Alle barn skal ha en trygg oppvekst.", False),
        ("Flere skal fullføre videregående\nopplæring.", False),
        ("Første tiltak", True),
        ("Andre tiltak", True),
    ]


def test_a_thematic_break_becomes_a_rule():
    assert BlockKind.RULE in [b.kind for b in _blocks()]


def test_a_table_stays_a_paragraph_with_a_line_per_row():
    table = _blocks()[-1]
    assert table.kind is BlockKind.PARAGRAPH
    assert table.text.split("\n")[0] == "| Kolonne | Verdi |"


def test_offsets_point_at_the_block_text_after_its_markers():
    document = markdown.read(SAMPLE)
    text = document.pages[0]
    assert document.paged is False
    for block in document.blocks:
        assert block.page is None
        if block.kind is BlockKind.HEADING:
            assert text[block.start : block.end] == block.text
    item = next(b for b in document.blocks if b.text.startswith("Flere"))
    assert text[item.start : item.end] == "Flere skal fullføre videregående\n  opplæring."


def test_it_reads_utf16_with_a_byte_order_mark():
    data = codecs.BOM_UTF16_LE + "# Mål\n\nBærekraft\n".encode("utf-16-le")
    assert [b.text for b in markdown.read(data).blocks] == ["Mål", "Bærekraft"]


def test_it_reads_cp1252_text():
    data = "# Mål for Åsnes kommune\n\nGrønn økonomi\n".encode("cp1252")
    assert markdown.read(data).blocks[0].text == "Mål for Åsnes kommune"


def test_sniff_gives_two_for_text_with_markdown_headings():
    assert markdown.sniff("Tittel\n\n## Mål\n\nTekst\n".encode()) == 2


def test_sniff_gives_one_for_text_with_only_list_lines():
    assert markdown.sniff(b"Tiltak\n- en\n- to\n") == 1


def test_sniff_leaves_plain_text_pdf_and_html_to_other_readers():
    assert markdown.sniff(b"Bare vanlig tekst.\nOg en linje til.\n") == 0
    assert markdown.sniff(b"%PDF-1.7\n# not markdown") == 0
    assert markdown.sniff(b"<!DOCTYPE html><html><body><h1>x</h1></body></html>") == 0
    assert markdown.sniff(b"\x00\x01\x02# binary") == 0


def test_markdown_wins_over_plain_text_for_md_files_and_clear_headings():
    assert readers.detect_format(b"Tiltak\n- en\n- to\n", "plan.md") == "markdown"
    assert readers.detect_format(b"# Plan\n\nTekst.\n", None) == "markdown"
    assert readers.detect_format(b"Tiltak\n- en\n- to\n", "plan.txt") == "text"
