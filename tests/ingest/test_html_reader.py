"""The HTML reader: h1–h6, paragraphs, list items and rules; page furniture dropped."""

from __future__ import annotations

from veikart.ingest.document import BlockKind
from veikart.ingest.readers import html

PAGE = b"""<!DOCTYPE html>
<html lang="nb"><head><title>Plan</title><style>p { color: red }</style><script>var x = "<p>nei</p>";</script></head>
<body>
<header><a href="/">Eksempel kommune</a></header>
<nav><ul><li>Hjem</li><li>Politikk</li></ul></nav>
<main>
  <h1>Kommuneplan 2024&ndash;2035</h1>
  <h2>2.1 Gode
      tjenester</h2>
  <p>Kommunen skal levere <b>gode</b> tjenester<br>til alle.</p>
  <hr>
  <ol><li>Lage en plan<ul><li>med m&aring;l</li></ul></li><li>F&oslash;lge den opp</li></ol>
  <div>Tekst rett i en div <!-- en kommentar --></div>
</main>
<footer>Postadresse: Postboks 1, 0001 Oslo</footer>
</body></html>
"""


def test_it_claims_documents_that_start_as_html() -> None:
    assert html.sniff(PAGE) == 2
    assert html.sniff(b"\xef\xbb\xbf  <!-- laget av CMS -->\n<html><body>x</body></html>") == 2
    assert html.sniff(b"# Overskrift\n\nTekst med <b>fet</b> skrift.") == 0


def test_it_reads_headings_paragraphs_lists_and_rules_in_order() -> None:
    blocks = html.read(PAGE).blocks
    assert [(b.kind, b.level, b.numbered, b.text) for b in blocks] == [
        (BlockKind.HEADING, 1, False, "Kommuneplan 2024–2035"),
        (BlockKind.HEADING, 2, True, "2.1 Gode tjenester"),
        (BlockKind.PARAGRAPH, None, False, "Kommunen skal levere gode tjenester\ntil alle."),
        (BlockKind.RULE, None, False, ""),
        (BlockKind.LIST_ITEM, None, True, "Lage en plan"),
        (BlockKind.LIST_ITEM, None, False, "med mål"),
        (BlockKind.LIST_ITEM, None, True, "Følge den opp"),
        (BlockKind.PARAGRAPH, None, False, "Tekst rett i en div"),
    ]


def test_it_drops_scripts_styles_navigation_headers_and_footers() -> None:
    text = html.read(PAGE).pages[0]
    for furniture in ("nei", "color", "Hjem", "Eksempel kommune", "Postboks"):
        assert furniture not in text


def test_offsets_point_into_the_extracted_text() -> None:
    document = html.read(PAGE)
    assert not document.paged
    for block in document.blocks:
        assert document.pages[0][block.start : block.end] == block.text


def test_it_reads_the_charset_the_page_declares() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Bærekraft</p></body></html>'
    assert html.read(page.encode("cp1252")).blocks[0].text == "Bærekraft"
