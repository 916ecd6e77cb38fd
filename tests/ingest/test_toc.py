"""Reading a table of contents in the shapes readers give it."""

from __future__ import annotations

from veikart.ingest.document import Block, BlockKind
from veikart.ingest.tools.toc import find_toc


def _p(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def _h(text: str) -> Block:
    return Block(BlockKind.HEADING, text, level=1)


def _entries(*blocks: Block):
    return [(e.number, e.title, e.page) for e in find_toc(list(blocks)).entries]


def test_it_reads_one_paragraph_with_a_line_per_entry_and_dot_leaders():
    toc = "1 Formål og roller for KS ..... 4\n2.1 Bærekraftige kommuner og fylkeskommuner.....\t6"
    assert _entries(_h("Innhold"), _p(toc)) == [
        ("1", "Formål og roller for KS", 4),
        ("2.1", "Bærekraftige kommuner og fylkeskommuner", 6),
    ]


def test_it_reads_a_block_per_line_with_ellipsis_leaders_and_a_wrapped_title():
    assert _entries(
        _h("Innholdsfortegnelse"),
        _p("1 Innledning ….. 3"),
        _p("2.3 Effektive, digitale og innovative kommuner og\nfylkeskommuner ….. 10"),
        _h("Forord"),
    ) == [
        ("1", "Innledning", 3),
        ("2.3", "Effektive, digitale og innovative kommuner og fylkeskommuner", 10),
    ]


def test_a_toc_without_page_numbers_stops_where_the_numbering_starts_again():
    toc = find_toc([_h("Innhold"), _p("1 Innledning"), _p("2 Mål"), _h("1 Innledning"), _p("Tekst.")])
    assert [(e.number, e.title) for e in toc.entries] == [("1", "Innledning"), ("2", "Mål")]
    assert toc.blocks == {0, 1, 2}


def test_dot_leader_lines_are_a_toc_even_without_a_heading():
    toc = find_toc([_p("Forord ........ 2\n1 Innledning ........ 3\n2 Satsinger ........ 5")])
    assert [(e.number, e.title) for e in toc.entries] == [(None, "Forord"), ("1", "Innledning"), ("2", "Satsinger")]


def test_a_sentence_with_an_ellipsis_before_a_year_is_no_toc():
    assert find_toc([_p("Vi skal nå målene … 2030")]).entries == []
