"""The 2020–2023 strategy comes out the same read as Markdown, DOCX, PDF and HTML.

The DOCX, PDF and HTML were made from the Markdown sample with real converters
(pandoc, then LibreOffice for the PDF): scripts/make_fixtures.py shows how, and
tests/ingest/fixtures/MANIFEST.txt records the commands and tool versions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from veikart.ingest import Section, extract
from veikart.ingest.readers import pdf as pdf_reader

FIXTURES = Path(__file__).parent / "fixtures"
# The sample as committed with the demo data (a copy of ../shared/samples/).
SAMPLES = Path(__file__).resolve().parents[2] / "veikart" / "web" / "demo" / "samples"
MARKDOWN = SAMPLES / "ks-langtidsstrategi-2020-2023.md"


def outline(sections: list[Section]) -> list[tuple]:
    """What must agree: per section its number, title, introduction, goals and commitments."""
    rows = []
    for section in sections:
        rows.append(
            (
                section.number,
                section.title,
                section.intro,
                tuple(goal.text for goal in section.goals),
                tuple(commitment.text for commitment in section.commitments),
            )
        )
        rows.extend(outline(section.sections))
    return rows


@pytest.fixture(scope="module")
def from_markdown() -> list[tuple]:
    if not MARKDOWN.exists():
        pytest.skip(f"the sample {MARKDOWN} is not here")
    return outline(extract(MARKDOWN).sections)


def test_the_markdown_reading_is_worth_comparing(from_markdown: list[tuple]) -> None:
    numbers = [row[0] for row in from_markdown if row[0]]
    assert numbers[:3] == ["1", "2", "2.1"]
    assert "3.6" in numbers
    assert sum(len(row[3]) for row in from_markdown) == 12  # one goal per focus area
    assert sum(len(row[4]) for row in from_markdown) == 57


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_the_strategy_reads_the_same_as_markdown(from_markdown: list[tuple], suffix: str) -> None:
    other = outline(extract(FIXTURES / f"ks-langtidsstrategi-2020-2023{suffix}").sections)
    # Every section, goal and commitment as the Markdown gives them, each under the same number; a PDF
    # may show an unnumbered sub-heading more or less (Forord, Formål: the
    # line model judges them by their type size, which the formats set differently).
    with_items = [row[:2] + row[3:] for row in other if row[3] or row[4]]
    assert with_items == [row[:2] + row[3:] for row in from_markdown if row[3] or row[4]]
    assert {row[:2] for row in from_markdown if row[0]} == {row[:2] for row in other if row[0]}
    assert abs(len(other) - len(from_markdown)) <= 2  # an unnumbered sub-heading more or less


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_title_and_period_read_the_same(suffix: str) -> None:
    strategy = extract(FIXTURES / f"ks-langtidsstrategi-2020-2023{suffix}")
    assert strategy.title == "Langtidsstrategi for KS 2020–2023"
    assert (strategy.period.start, strategy.period.end) == (2020, 2023)


def test_pdf_goals_point_at_their_text_on_their_page() -> None:
    pdf = FIXTURES / "ks-langtidsstrategi-2020-2023.pdf"
    strategy = extract(pdf)
    pages = pdf_reader.read(pdf.read_bytes()).pages
    goals = [goal for section in _all(strategy.sections) for goal in section.goals]
    assert goals
    for goal in goals:
        page_text = pages[goal.source.page - 1]
        assert page_text[goal.source.start : goal.source.end].split()[:4] == goal.text.split()[:4]


def _all(sections: list[Section]) -> list[Section]:
    out = []
    for section in sections:
        out.append(section)
        out.extend(_all(section.sections))
    return out
