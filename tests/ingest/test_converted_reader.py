"""Text converted from PDF: pages from markers, one unit per line, bullets cut out of lines."""

from pathlib import Path

from veikart.ingest import extract_bytes
from veikart.ingest.document import BlockKind
from veikart.ingest.readers import converted, detect_format, read

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "buskerud"

SAMPLE = (
    "# Eksempel: Plan\n\n<!-- side 1 -->\n\nForside\n1\n\n<!-- side 2 -->\n\n"
    "6.1 Å BO I EKSEMPEL\nSLIK VIL VI HA DET:\nEksempel er et trygt sted å bo\n"
    "SLIK VIL VI GJØRE DET: • Sikrer god infrastruktur • Har bredbånd o Til alle\n2\n"
)


def test_it_claims_text_with_page_markers_over_markdown():
    assert detect_format(SAMPLE.encode(), "plan.md") == "converted"
    assert detect_format(b"# Plan\n\nTekst uten sidemarkering.\n", "plan.md") == "markdown"


def test_it_takes_pages_from_form_feeds_too():
    document = read(b"Side en\n\x0cSide to\n", "converted")
    assert document.paged and [b.page for b in document.blocks] == [1, 2]


def test_each_bullet_in_a_line_is_a_list_item_with_its_own_offsets():
    document = read(SAMPLE.encode(), "converted")
    items = [b for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items] == ["Sikrer god infrastruktur", "Har bredbånd", "Til alle"]
    for block in document.blocks:
        assert document.pages[block.page - 1][block.start : block.end] == block.text


def test_page_numbers_follow_the_markers():
    document = read(SAMPLE.encode(), "converted")
    goal = next(b for b in document.blocks if b.text.startswith("Eksempel er"))
    assert goal.page == 2


def test_a_numbered_line_keeps_its_number_for_the_structure_finder():
    blocks = converted.page_blocks("1. INNLEDNING\n2) Øke antall lærlinger\n", 1)
    assert [b.text for b in blocks] == ["1. INNLEDNING", "2) Øke antall lærlinger"]


def test_items_of_a_real_plan_point_at_their_page():
    data = (CORPUS / "3318_krodsherad_samfunnsdel_2019-2032.md").read_bytes()
    strategy = extract_bytes(data, filename="krodsherad.md")
    items = [i for s in strategy.walk() for i in (*s.goals, *s.commitments)]
    assert len(items) > 100
    assert all(i.source is not None and i.source.page for i in items)
    first_goal = next(i for s in strategy.walk() for i in s.goals if i.text.startswith("Krødsherad er et innovativt"))
    assert first_goal.source.page == 9


def test_converted_text_over_the_line_limit_is_refused(monkeypatch):
    import pytest

    from veikart.ingest import ExtractError

    monkeypatch.setenv("VEIKART_MAX_LINES", "100")
    data = ("<!-- side 1 -->\n" + "Linje\n" * 200).encode()
    with pytest.raises(ExtractError) as refused:
        read(data, "converted")
    assert "100" in refused.value.message("en") and "100" in refused.value.message("nb")
