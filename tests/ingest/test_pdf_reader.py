"""The PDF reader: blocks that follow the layout of a real LibreOffice PDF.

The fixture is the 2020–2023 strategy made with pandoc and LibreOffice
(scripts/make_fixtures.py): A4, a running header on every page and a page
number in the footer. The rules themselves are tested on hand-made lines.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from veikart.ingest.document import BlockKind
from veikart.ingest.readers import pdf
from veikart.ingest.readers.pdf_layout import Line, PageLines, build_document

FIXTURE = Path(__file__).parent / "fixtures" / "ks-langtidsstrategi-2020-2023.pdf"
RUNNING_HEADER = "Langtidsstrategi for KS 2020–2023"


@pytest.fixture(scope="module")
def document():
    return pdf.read(FIXTURE.read_bytes())


def block(document, text: str):
    return next(b for b in document.blocks if b.text.startswith(text))


def test_it_claims_pdf_by_its_magic_bytes() -> None:
    assert pdf.sniff(b"%PDF-1.7\n...") == 3
    assert pdf.sniff(b"\x00\x1b\xffbinary preamble %PDF-1.4") == 3
    assert pdf.sniff(b"# %PDF in a text file, far in" + b" " * 2000 + b"%PDF-1.4") == 0


def test_it_keeps_the_pages_and_points_blocks_into_them(document) -> None:
    assert document.paged and document.page_count == 12
    for b in document.blocks:
        if b.kind is BlockKind.RULE:
            continue
        source = document.pages[b.page - 1][b.start : b.end]
        assert source.split()[0] == b.text.split()[0]


def test_heading_levels_follow_font_size_and_weight(document) -> None:
    assert (block(document, "Forord").kind, block(document, "Forord").level) == (BlockKind.HEADING, 1)
    section = block(document, "2.1 Bærekraftige")
    assert (section.kind, section.level, section.numbered) == (BlockKind.HEADING, 2, True)
    assert block(document, "Hvordan KS arbeider").level == 3  # bold at body size
    assert block(document, "KS skal bidra til at innbyggerne lever").kind is BlockKind.PARAGRAPH


def test_bullets_become_list_items_with_their_wrapped_lines(document) -> None:
    item = block(document, "KS setter dagsorden")
    assert item.kind is BlockKind.LIST_ITEM
    assert item.text == (
        "KS setter dagsorden i en diskusjon om det offentlige ansvar og hvilke forventninger "
        "som kan og ikke kan innfris innenfor tilgjengelige ressursrammer."
    )
    assert sum(b.kind is BlockKind.LIST_ITEM for b in document.blocks) == 60


def test_it_drops_page_numbers_and_the_running_header(document) -> None:
    assert not [b for b in document.blocks if b.text.isdigit() and b.kind is not BlockKind.HEADING]
    # The title page heading and the heading in the text stay; the header on 12 pages goes.
    assert sum(b.text == RUNNING_HEADER for b in document.blocks) == 2


def test_a_paragraph_broken_by_a_page_goes_on(document) -> None:
    paragraph = block(document, "Utvikling av næringslivet")
    assert paragraph.text.endswith("gjennom anskaffelser og investeringsprosjekter.")
    assert paragraph.page == 9


def test_forced_line_breaks_stay_line_breaks(document) -> None:
    assert block(document, "Bjørn Arild Gram").text == "Bjørn Arild Gram\nStyreleder KS"
    toc = block(document, "1 Formål og roller")
    assert toc.text.split("\n")[:2] == ["1 Formål og roller for KS ..... 4", "2 Med evne og kraft til å bære ..... 6"]


# -- the layout rules, on hand-made lines --------------------------------------------------


def line(text: str, y: float, x: float = 72, size: float = 11, bold: bool = False, right: float = 520) -> Line:
    return Line(text=text, start=0, end=len(text), x=x, y=y, right=right, size=size, bold=bold)


def read_lines(*lines: Line, height: float = 842) -> list:
    text = ""
    placed = []
    for item in lines:
        placed.append(replace(item, start=len(text), end=len(text) + len(item.text)))
        text += item.text + "\n"
    return build_document([PageLines(text=text, height=height, lines=placed)]).blocks


def test_a_word_split_at_the_line_end_is_joined() -> None:
    (paragraph,) = read_lines(line("Dette gjelder hele kommune-", 700), line("sektoren i Norge.", 686))
    assert paragraph.text == "Dette gjelder hele kommunesektoren i Norge."


def test_a_hyphen_before_og_is_kept() -> None:
    (paragraph,) = read_lines(line("Tjenester innen helse-", 700), line("og omsorg er viktige.", 686))
    assert paragraph.text == "Tjenester innen helse- og omsorg er viktige."


def test_a_hyphen_after_an_abbreviation_is_kept() -> None:
    (paragraph,) = read_lines(line("handlingsrommet i EØS-", 700), line("avtalen er stort.", 686))
    assert paragraph.text == "handlingsrommet i EØS-avtalen er stort."


def test_numbered_items_with_hanging_indent_are_numbered_list_items() -> None:
    blocks = read_lines(
        line("Vi skal:", 700),
        line("1. Lage en plan for hele", 676, x=90),
        line("kommunen.", 662, x=104),
        line("2. Følge den opp.", 648, x=90),
    )
    assert [(b.kind, b.numbered, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, False, "Vi skal:"),
        (BlockKind.LIST_ITEM, True, "Lage en plan for hele kommunen."),
        (BlockKind.LIST_ITEM, True, "Følge den opp."),
    ]


def test_a_date_at_the_start_of_a_wrapped_line_is_not_a_list_item() -> None:
    (paragraph,) = read_lines(line("Landstinget vedtok planen den", 700), line("12. mars 2020 i Oslo.", 686))
    assert paragraph.kind is BlockKind.PARAGRAPH
    assert paragraph.text == "Landstinget vedtok planen den 12. mars 2020 i Oslo."


def test_page_numbers_in_the_footer_are_dropped_but_numbers_in_the_text_kept() -> None:
    blocks = read_lines(line("Kapittel", 760, size=16), line("2023", 700), line("Side 3 av 12", 40))
    assert [b.text for b in blocks] == ["Kapittel", "2023"]


def test_a_bold_line_at_body_size_is_a_lower_heading_than_a_larger_one() -> None:
    blocks = read_lines(
        line("1 Innledning", 760, size=16, bold=True),
        line("Bakgrunn", 730, bold=True, right=130),
        line("Tekst i avsnittet.", 716),
    )
    assert [(b.kind, b.level) for b in blocks] == [
        (BlockKind.HEADING, 1),
        (BlockKind.HEADING, 2),
        (BlockKind.PARAGRAPH, None),
    ]


def test_a_text_that_mentions_the_pdf_magic_is_less_surely_a_pdf() -> None:
    assert pdf.sniff("# Om PDF-filer\n\nEn PDF begynner med «%PDF-1.4».".encode()) == 2


def test_a_weasyprint_pdf_with_hyphenation_reads_like_its_html_source() -> None:
    """Another generator: A5, justified and hyphenated text, list markers drawn apart, "Side N av M"."""
    from veikart.ingest.readers import html

    made = pdf.read((FIXTURE.parent / "eksempel-kommune.pdf").read_bytes())
    source = html.read((FIXTURE.parent / "eksempel-kommune.html").read_bytes())
    assert any(line.endswith("\u2010") for page in made.pages for line in page.splitlines())  # it did hyphenate

    def shape(blocks):
        return [(b.kind, b.numbered if b.kind is BlockKind.LIST_ITEM else None, b.text) for b in blocks]

    assert shape(made.blocks) == shape(b for b in source.blocks if b.kind is not BlockKind.RULE)
    assert [b.level for b in made.blocks if b.kind is BlockKind.HEADING] == [1, 2, 2, 3, 3, 3, 3]


def test_a_bold_line_that_fills_the_measure_opens_a_paragraph_not_a_heading() -> None:
    blocks = read_lines(
        line("Kommunestyret har vedtatt at alle tjenester skal være digitale", 700, bold=True, right=520),
        line("innen 2030, og at innbyggerne skal kunne velge.", 686, right=400),
        line("Et vanlig avsnitt som fyller hele bredden av spalten her", 660, right=520),
    )
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert blocks[0].text.endswith("innen 2030, og at innbyggerne skal kunne velge.")


def test_table_of_contents_lines_with_spaced_leaders_are_not_headings() -> None:
    blocks = read_lines(
        line("Innhold", 760, size=16),
        line("1 Innledning . . . . . . . . . . . . 3", 730, size=13, right=300),
        line("Tekst i avsnittet som er vanlig brødtekst og lang nok.", 700),
        line("iv", 30),
    )
    assert [(b.kind, b.text[:12]) for b in blocks] == [
        (BlockKind.HEADING, "Innhold"),
        (BlockKind.PARAGRAPH, "1 Innledning"),
        (BlockKind.PARAGRAPH, "Tekst i avsn"),
    ]
