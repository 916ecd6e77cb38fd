"""Units: a list number that the sentence splitter cut off goes back to the sentence it numbers."""

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.structure.units import units_of


def _document(lines: list[str]) -> Document:
    text = ""
    blocks = []
    for line in lines:
        blocks.append(Block(kind=BlockKind.PARAGRAPH, text=line, page=1, start=len(text), end=len(text) + len(line)))
        text += line + "\n"
    return Document(format="converted", blocks=blocks, pages=[text], paged=True)


def _unit_texts(lines: list[str]) -> list[str]:
    """The units' texts of a one-page converted document, after checking each unit's offsets give its text."""
    document = _document(lines)
    _, units, _ = units_of(document)
    assert [document.pages[0][u.start : u.end] for u in units] == [u.text for u in units]
    return [u.text for u in units]


def test_a_list_number_stays_with_its_sentence_and_the_label_before_it_stays_apart():
    texts = _unit_texts(
        [
            "SÅNN VIL VI HA DET 1.1.1. Ringerike er et åpent samfunn.",
            "1.1.2. Vi har en kultur for læring. 1.1.3. Vi har en aktiv frivillig sektor.",
        ]
    )
    assert texts == [
        "SÅNN VIL VI HA DET",
        "1.1.1. Ringerike er et åpent samfunn.",
        "1.1.2. Vi har en kultur for læring.",
        "1.1.3. Vi har en aktiv frivillig sektor.",
    ]


def test_a_reference_to_a_number_at_a_sentence_end_is_not_moved():
    _, units, _ = units_of(_document(["Se delmål 3.5.3 og 3.7.1. Barnehagene er trygge."]))
    assert [u.text for u in units] == ["Se delmål 3.5.3 og 3.7.1.", "Barnehagene er trygge."]


def test_a_numbered_list_run_over_wrapped_lines_gives_each_number_to_its_item():
    # Text converted from a PDF table: "Mål 1. … 2. … 3. …" wrapped where the column ended.
    texts = _unit_texts(
        [
            "Mål 1. Gol skal vere regionens vekstsenter med",
            "5000 innbyggjarar i 2030 2. Gol skal vere det viktigaste knutepunktet",
        ]
    )
    assert texts == [
        "Mål",
        "1. Gol skal vere regionens vekstsenter med",
        "5000 innbyggjarar i 2030",
        "2. Gol skal vere det viktigaste knutepunktet",
    ]


def test_a_number_ending_a_sentence_out_of_sequence_stays_with_it():
    _, units, _ = units_of(_document(["Tallene står i tabell 4. Kommunen har vokst."]))
    assert [u.text for u in units] == ["Tallene står i tabell 4.", "Kommunen har vokst."]
