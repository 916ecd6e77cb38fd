"""The DOCX reader: headings from styles, list items from numbering, tables as paragraphs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from veikart.ingest.document import BlockKind
from veikart.ingest.errors import ExtractError
from veikart.ingest.readers import docx as docx_reader

FIXTURE = Path(__file__).parent / "fixtures" / "ks-langtidsstrategi-2020-2023.docx"


def saved(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def kinds(data: bytes) -> list[tuple]:
    return [(b.kind, b.level, b.numbered, b.text) for b in docx_reader.read(data).blocks]


def test_it_claims_a_zip_with_a_word_document_and_hesitates_on_other_zips() -> None:
    assert docx_reader.sniff(FIXTURE.read_bytes()) == 3
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert docx_reader.sniff(other.getvalue()) == 1
    assert docx_reader.sniff(b"%PDF-1.4") == 0


def test_headings_come_from_heading_title_and_norwegian_style_names() -> None:
    document = docx.Document()
    document.add_paragraph("Strategi for Eksempel kommune", style="Title")
    document.add_heading("1 Innledning", level=1)
    document.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("1.1 Bakgrunn", style="Overskrift 2")
    document.add_paragraph("Kommunen vil bli bedre.")
    assert kinds(saved(document)) == [
        (BlockKind.HEADING, 1, False, "Strategi for Eksempel kommune"),
        (BlockKind.HEADING, 1, True, "1 Innledning"),
        (BlockKind.HEADING, 2, True, "1.1 Bakgrunn"),
        (BlockKind.PARAGRAPH, None, False, "Kommunen vil bli bedre."),
    ]


def test_a_style_based_on_a_heading_is_a_heading_of_that_level() -> None:
    document = docx.Document()
    chapter = document.styles.add_style("Kapittel", WD_STYLE_TYPE.PARAGRAPH)
    chapter.base_style = document.styles["Heading 2"]
    document.add_paragraph("Mål", style="Kapittel")
    assert kinds(saved(document)) == [(BlockKind.HEADING, 2, False, "Mål")]


def test_bullet_and_numbered_list_styles_are_list_items() -> None:
    document = docx.Document()
    document.add_paragraph("Tilby kurs", style="List Bullet")
    document.add_paragraph("Lage en plan", style="List Number")
    assert kinds(saved(document)) == [
        (BlockKind.LIST_ITEM, None, False, "Tilby kurs"),
        (BlockKind.LIST_ITEM, None, True, "Lage en plan"),
    ]


def test_table_cells_are_read_as_paragraphs_in_reading_order() -> None:
    document = docx.Document()
    document.add_paragraph("Før tabellen")
    table = document.add_table(rows=2, cols=2)
    cells = {(0, 0): "Mål", (0, 1): "Indikator", (1, 0): "Flere lærlinger", (1, 1): "2 per 1000"}
    for (row, col), text in cells.items():
        table.cell(row, col).text = text
    document.add_paragraph("Etter tabellen")
    texts = [b.text for b in docx_reader.read(saved(document)).blocks]
    assert texts == ["Før tabellen", "Mål", "Indikator", "Flere lærlinger", "2 per 1000", "Etter tabellen"]


def test_offsets_point_into_the_whole_text() -> None:
    result = docx_reader.read(FIXTURE.read_bytes())
    assert not result.paged and len(result.pages) == 1
    for block in result.blocks:
        assert result.pages[0][block.start : block.end] == block.text


def test_the_pandoc_strategy_keeps_levels_lists_rules_and_line_breaks() -> None:
    blocks = docx_reader.read(FIXTURE.read_bytes()).blocks
    by_text = {b.text: b for b in blocks}
    assert by_text["2.1 Bærekraftige kommuner og fylkeskommuner"].level == 2
    assert by_text["3.1 God oppvekst og godt liv"].level == 3  # the sample's own "###"
    assert sum(b.kind is BlockKind.LIST_ITEM for b in blocks) == 60
    assert not any(b.numbered for b in blocks if b.kind is BlockKind.LIST_ITEM)  # bullets
    assert sum(b.kind is BlockKind.RULE for b in blocks) == 11  # "---" under each "Mål" but one
    assert "Bjørn Arild Gram\nStyreleder KS" in by_text


def test_an_old_word_document_is_refused_with_advice() -> None:
    with pytest.raises(ExtractError, match=r"old Office document \(\.doc\)"):
        docx_reader.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))


def test_a_bullet_typed_as_text_is_a_list_item_with_the_bullet_left_out() -> None:
    document = docx.Document()
    document.add_paragraph("• Tilby kurs i klart språk")
    result = docx_reader.read(saved(document))
    (item,) = result.blocks
    assert (item.kind, item.text) == (BlockKind.LIST_ITEM, "Tilby kurs i klart språk")
    assert result.pages[0][item.start : item.end] == item.text


def test_text_in_a_text_box_is_read_once_after_its_anchor_paragraph() -> None:
    document = docx.Document()
    anchor = document.add_paragraph("Innledning")
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        "<mc:Choice Requires=\"wps\"><wps:txbx><w:txbxContent><w:p><w:r><w:t>Fakta: 357 kommuner</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></mc:Choice>"
        "<mc:Fallback><v:textbox><w:txbxContent><w:p><w:r><w:t>Fakta: 357 kommuner</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(etree.fromstring(box))
    document.add_paragraph("Resten av teksten")
    assert [b.text for b in docx_reader.read(saved(document)).blocks] == [
        "Innledning",
        "Fakta: 357 kommuner",
        "Resten av teksten",
    ]
