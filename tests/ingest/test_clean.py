"""Cleaning shared by every layout format: headers, footers, hyphenation, bullets."""

from __future__ import annotations

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.tools.clean import clean_document, normalise_text, repair_hyphenation, strip_bullet


def test_a_word_split_across_a_line_break_is_joined():
    assert repair_hyphenation("hele kommune-\nsektoren") == "hele kommunesektoren"


def test_a_norwegian_shared_compound_hyphen_stays():
    assert repair_hyphenation("helse-\nog omsorg") == "helse- og omsorg"
    assert normalise_text("helse- og omsorgstjenester") == "helse- og omsorgstjenester"
    assert repair_hyphenation("areal-\neller transport") == "areal- eller transport"


def test_a_hyphen_after_a_capital_stays_in_the_joined_word():
    assert repair_hyphenation("EØS-\navtalen") == "EØS-avtalen"


def test_bullet_glyphs_are_stripped_and_counted():
    for glyph in "•–▪-":
        assert strip_bullet(f"{glyph} Vi skal lytte.") == ("Vi skal lytte.", 2)
    assert strip_bullet("-5 grader") == ("-5 grader", 0)


def test_normalise_text_removes_markup_and_extra_whitespace():
    assert normalise_text("  <b>2 Med evne</b>\t og   **kraft**\n") == "2 Med evne og kraft"


def _doc(*blocks: Block, paged: bool = False) -> Document:
    return Document(format="markdown", blocks=list(blocks), pages=[""], paged=paged)


def test_a_heading_that_repeats_the_title_becomes_a_page_break():
    title = "Langtidsstrategi for KS 2020–2023"
    cleaned = clean_document(
        _doc(
            Block(BlockKind.HEADING, title, level=1),
            Block(BlockKind.PARAGRAPH, "Tekst."),
            Block(BlockKind.HEADING, title, level=2),
            Block(BlockKind.PARAGRAPH, "Mer tekst."),
        ),
        title,
    )
    assert [(b.kind, b.text) for b in cleaned.blocks] == [
        (BlockKind.HEADING, title),
        (BlockKind.PARAGRAPH, "Tekst."),
        (BlockKind.RULE, ""),
        (BlockKind.PARAGRAPH, "Mer tekst."),
    ]


def test_page_numbers_addresses_and_signatures_go():
    cleaned = clean_document(
        _doc(
            Block(BlockKind.PARAGRAPH, "Innhold i planen."),
            Block(BlockKind.PARAGRAPH, "12"),
            Block(BlockKind.PARAGRAPH, "Side 3 av 30"),
            Block(BlockKind.PARAGRAPH, "Oslo, november 2020"),
            Block(BlockKind.PARAGRAPH, "Bjørn Arild Gram\nStyreleder KS"),
            Block(BlockKind.PARAGRAPH, "Postadresse: Postboks 1378 Vika, 0114 Oslo\nBesøksadresse: Haakon VII's gt. 9"),
            Block(BlockKind.PARAGRAPH, "Telefon: 24 13 26 00\nks@ks.no\nwww.ks.no"),
        )
    )
    assert [b.text for b in cleaned.blocks] == ["Innhold i planen."]


def test_a_chapter_number_heading_is_not_taken_for_a_page_number():
    cleaned = clean_document(_doc(Block(BlockKind.HEADING, "1", level=1), Block(BlockKind.PARAGRAPH, "Tekst.")))
    assert [b.text for b in cleaned.blocks] == ["1", "Tekst."]


def test_a_paragraph_cut_by_a_page_break_is_joined_and_spans_both_parts():
    text = "Denne situasjonen var\n\ndet ikke tatt høyde for."
    document = Document(
        format="markdown",
        blocks=[
            Block(BlockKind.PARAGRAPH, "Denne situasjonen var", start=0, end=21),
            Block(BlockKind.PARAGRAPH, "det ikke tatt høyde for.", start=23, end=len(text)),
        ],
        pages=[text],
    )
    [block] = clean_document(document).blocks
    assert block.text == "Denne situasjonen var\ndet ikke tatt høyde for."
    assert normalise_text(text[block.start : block.end]) == normalise_text(block.text)


def _paragraphs_of_four_pages(top: str, body: str) -> list[str]:
    """The paragraphs left after cleaning four PDF pages, each opening with ``top`` and then ``body`` (with
    ``{page}`` filled in)."""
    blocks = []
    for page in range(1, 5):
        blocks += [
            Block(BlockKind.PARAGRAPH, top, page=page),
            Block(BlockKind.PARAGRAPH, body.format(page=page), page=page),
        ]
    cleaned = clean_document(Document(format="pdf", blocks=blocks, pages=[""] * 4, paged=True))
    return [b.text for b in cleaned.blocks if b.kind is BlockKind.PARAGRAPH]


def test_lines_repeated_at_the_top_of_most_pages_are_running_headers():
    paragraphs = _paragraphs_of_four_pages("Eksempel kommune – Handlingsplan", "Tekst på side {page}.")
    assert paragraphs == [f"Tekst på side {page}." for page in range(1, 5)]


def test_a_label_that_opens_every_chapter_page_is_kept_as_text():
    paragraphs = _paragraphs_of_four_pages("Hovedmål:", "Innbyggerne i kapittel {page} trives.")
    assert paragraphs[:2] == ["Hovedmål:", "Innbyggerne i kapittel 1 trives."]


def test_a_paragraph_of_bullet_lines_becomes_one_list_item_per_bullet():
    text = "• Vi skal kutte utslipp fra\nkommunens bygg.\n• Vi skal sykle."
    block = Block(BlockKind.PARAGRAPH, text, page=1, start=0, end=len(text))
    document = Document(format="pdf", blocks=[block], pages=[text], paged=True)
    items = clean_document(document).blocks
    assert [(b.kind, normalise_text(b.text)) for b in items] == [
        (BlockKind.LIST_ITEM, "Vi skal kutte utslipp fra kommunens bygg."),
        (BlockKind.LIST_ITEM, "Vi skal sykle."),
    ]
    assert [normalise_text(text[b.start : b.end]) for b in items] == [normalise_text(b.text) for b in items]
