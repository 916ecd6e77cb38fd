"""The plain-text reader: encodings Norwegian files come in, binary files refused, paragraphs with offsets."""

from __future__ import annotations

import codecs

import pytest

from veikart.ingest.document import BlockKind
from veikart.ingest.errors import ExtractError
from veikart.ingest.readers import detect_format, text

NORWEGIAN = "Kommunen skal være åpen og ærlig.\n\nØkonomi og miljø står sentralt i planen for Ås og Bø."


def test_it_reads_cp1252_text_with_norwegian_letters() -> None:
    document = text.read(NORWEGIAN.encode("cp1252"))
    assert document.pages[0] == NORWEGIAN


def test_it_reads_a_short_cp1252_text_a_guesser_would_get_wrong() -> None:
    # charset-normalizer alone reads these bytes as Urdu (cp1006).
    assert text.read("Ærlig og åpen".encode("cp1252")).pages[0] == "Ærlig og åpen"


def test_it_reads_a_long_latin1_text() -> None:
    long_text = ("Søknad om tilskudd til økt bærekraft i Tromsø og Ålesund. " * 30).strip()
    assert text.read(long_text.encode("latin-1")).pages[0] == long_text


def test_it_reads_utf16_with_a_byte_order_mark() -> None:
    assert text.read(NORWEGIAN.encode("utf-16")).pages[0] == NORWEGIAN


def test_it_reads_utf16_without_a_byte_order_mark() -> None:
    assert text.read(NORWEGIAN.encode("utf-16-le")).pages[0] == NORWEGIAN
    assert text.read(NORWEGIAN.encode("utf-16-be")).pages[0] == NORWEGIAN


def test_it_drops_the_utf8_byte_order_mark_and_windows_line_ends() -> None:
    data = codecs.BOM_UTF8 + NORWEGIAN.replace("\n", "\r\n").encode("utf-8")
    assert text.read(data).pages[0] == NORWEGIAN


def test_it_refuses_a_binary_file_renamed_txt() -> None:
    binary = bytes(range(256)) * 64
    with pytest.raises(ExtractError, match="^the file is not a text document: it contains binary data$"):
        text.read(binary)
    assert text.sniff(binary) == 0


def test_it_refuses_text_full_of_control_characters() -> None:
    with pytest.raises(ExtractError, match="binary data"):
        text.read(b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 100)


def test_a_binary_file_with_a_text_name_is_told_it_holds_binary_data() -> None:
    for name in ("notater.txt", "notater.md", "side.HTML", "side.htm"):
        with pytest.raises(ExtractError, match="^the file is not a text document: it contains binary data$") as info:
            detect_format(b"\x00\x01\x02\xff" * 500, name)
        assert info.value.message("nb") == "filen er ikke et tekstdokument: den inneholder binære data"


def test_a_binary_file_without_a_text_name_is_an_unsupported_type() -> None:
    for name in ("bilde.bin", "data", None):
        with pytest.raises(ExtractError, match="^unsupported file type"):
            detect_format(b"\x00\x01\x02\xff" * 500, name)


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(ExtractError, match="empty"):
        text.read(b"")
    with pytest.raises(ExtractError, match="empty"):
        text.read(b"  \n\n \t\n")
    assert text.sniff(b"") == 0


def test_it_claims_text_with_the_lowest_score() -> None:
    assert text.sniff(NORWEGIAN.encode("utf-8")) == 1


def test_paragraphs_are_separated_by_blank_lines_and_index_the_whole_text() -> None:
    source = "Første avsnitt\ngår over to linjer.\n\n   \nAndre avsnitt."
    document = text.read(source.encode("utf-8"))
    assert not document.paged
    assert [b.text for b in document.blocks] == ["Første avsnitt går over to linjer.", "Andre avsnitt."]
    first, second = document.blocks
    assert source[first.start : first.end] == "Første avsnitt\ngår over to linjer."
    assert source[second.start : second.end] == "Andre avsnitt."
    assert all(b.kind is BlockKind.PARAGRAPH and b.page is None for b in document.blocks)


def test_lines_that_start_with_a_bullet_become_list_items() -> None:
    document = text.read(b"Vi skal:\n- bygge skoler\n- fornye\n  vannverket\n\nSlutt.")
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "Vi skal:"),
        (BlockKind.LIST_ITEM, "bygge skoler"),
        (BlockKind.LIST_ITEM, "fornye vannverket"),
        (BlockKind.PARAGRAPH, "Slutt."),
    ]
