"""Title, organisation and period from a strategy's text."""

from __future__ import annotations

import pytest

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.metadata import find_metadata, find_organisation, find_period


@pytest.mark.parametrize(
    "text",
    [
        "Langtidsstrategi for KS 2020–2023",
        "Langtidsplan 2020-2023",
        "Plan 2020 2023",
        "Plan 2020 til 2023",
        "Plan 2020-23",
    ],
)
def test_it_reads_the_period_in_its_usual_forms(text):
    period = find_period(text)
    assert (period.start, period.end) == (2020, 2023)


def test_it_ignores_year_pairs_that_are_no_period():
    assert find_period("Vedtatt 12. februar 2020, 2019 var et år") is None
    assert find_period("Fra 2020 til 2050") is None  # longer than any strategy period
    assert find_period("side 2020 1990") is None


def test_it_names_ks_or_the_municipality():
    assert find_organisation("Langtidsplan for KS") == "KS"
    assert find_organisation("Kommuneplan for Eksempel kommune") == "Eksempel kommune"
    assert find_organisation("Regional plan for Nordland fylkeskommune") == "Nordland fylkeskommune"
    assert find_organisation("Et notat") is None


def test_the_title_is_the_top_heading_not_the_table_of_contents():
    document = Document(
        format="docx",
        blocks=[
            Block(BlockKind.HEADING, "Innhold", level=1),
            Block(BlockKind.HEADING, "Eksempel kommune", level=2),
            Block(BlockKind.HEADING, "Handlingsplan for Eksempel kommune 2024–2027", level=1),
        ],
    )
    meta = find_metadata(document)
    assert meta.title == "Handlingsplan for Eksempel kommune 2024–2027"
    assert (meta.organisation, meta.period.start, meta.period.end) == ("Eksempel kommune", 2024, 2027)
