"""The KS long-term strategy 2020–2023 (Markdown) against the structure read by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veikart.ingest.model import DocumentSource, Strategy
from veikart.ingest.readers import markdown
from veikart.ingest.structure import lines
from veikart.ingest.tools.clean import normalise_text
from veikart.ingest.tools.evaluate import evaluate

# The sample as committed with the demo data (a copy of ../shared/samples/).
SAMPLES = Path(__file__).resolve().parents[2] / "veikart" / "web" / "demo" / "samples"
SAMPLE = SAMPLES / "ks-langtidsstrategi-2020-2023.md"
EXPECTED = Path(__file__).parent / "expected" / "ks-2020-2023.json"


@pytest.fixture(scope="module")
def document():
    return markdown.read(SAMPLE.read_bytes())


@pytest.fixture(scope="module")
def strategy(document):
    return lines.build_strategy(document, DocumentSource(SAMPLE.name, "", None, "markdown"))


@pytest.fixture(scope="module")
def expected():
    return Strategy.from_dict(json.loads(EXPECTED.read_text(encoding="utf-8")))


def _section(strategy, number):
    return next(s for s in strategy.walk() if s.number == number)


@pytest.mark.parametrize("kind", ["goals", "commitments"])
def test_it_finds_every_item_of_the_hand_read_structure_and_nothing_else(strategy, expected, kind):
    score = evaluate(strategy, expected).scores[kind]
    assert (score.missing, score.unexpected) == ([], [])
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_it_finds_every_section_and_at_most_one_more(strategy, expected):
    # The line model takes the image caption "FNs BÆREKRAFTSMÅL" for a heading (issue 9: F1 >= 0.95 holds).
    score = evaluate(strategy, expected).scores["sections"]
    assert score.missing == [] and len(score.unexpected) <= 1


def test_the_expected_structure_holds_what_a_reader_counts(expected):
    sections = list(expected.walk())
    assert len(sections) == 15
    assert sum(len(s.goals) for s in sections) == 12
    assert sum(len(s.commitments) for s in sections) == 57


def test_goals_and_commitments_sit_in_their_own_focus_area(strategy, expected):
    assert evaluate(strategy, expected).misplaced == []


def test_every_expected_item_is_a_line_of_the_document_as_written(expected):
    """Guards the hand-written file against typing errors: the document's own typos stay."""
    lines = {line.strip().removeprefix("- ") for line in SAMPLE.read_text(encoding="utf-8").splitlines()}
    for section in expected.walk():
        for item in (*section.goals, *section.commitments):
            assert item.text in lines


def test_it_reads_title_organisation_and_period(strategy):
    assert strategy.title == "Langtidsstrategi for KS 2020–2023"
    assert strategy.organisation == "KS"
    assert (strategy.period.start, strategy.period.end) == (2020, 2023)


def test_chapters_nest_by_numbering_not_by_heading_level(strategy):
    assert [s.number for s in strategy.sections] == ["1", "2", "3"]
    assert [s.number for s in _section(strategy, "3").sections] == [f"3.{i}" for i in range(1, 7)]


def test_chapter_two_gets_the_title_only_the_table_of_contents_gives(strategy, document):
    chapter = _section(strategy, "2")
    assert chapter.title == "Med evne og kraft til å bære"
    assert [s.number for s in chapter.sections] == [f"2.{i}" for i in range(1, 7)]
    # Its source is the TOC line that named it.
    text = document.pages[0]
    assert text[chapter.source.start : chapter.source.end] == "Med evne og kraft til å bære"


def test_a_bare_chapter_number_heading_takes_the_title_of_the_heading_after_it(strategy):
    assert (_section(strategy, "1").title, _section(strategy, "3").title) == (
        "Formål og roller for KS",
        "Særlige politikkområder",
    )


def test_the_running_header_is_neither_a_section_nor_text(strategy):
    titles = [s.title for s in strategy.walk()]
    assert "Langtidsstrategi for KS 2020–2023" not in titles
    assert all("Langtidsstrategi for KS 2020" not in s.intro for s in strategy.walk())


def test_chapter_one_keeps_its_role_emphases_as_introduction_not_commitments(strategy):
    chapter = _section(strategy, "1")
    assert all((s.goals, s.commitments) == ([], []) for s in chapter.walk())
    # The text may sit under the sub-heading "Formål" when the model takes it for one.
    assert "fortsatt å være en spisskompetent arbeidsgiverorganisasjon" in " ".join(s.intro for s in chapter.walk())


def test_focus_area_2_1_has_a_goal_and_no_commitments(strategy):
    area = _section(strategy, "2.1")
    assert [g.text[:40] for g in area.goals] == ["KS skal bidra til at kommuner og fylkesk"]
    assert area.commitments == []


def test_an_image_caption_is_no_item(strategy):
    items = [i.text for s in strategy.walk() for i in (*s.goals, *s.commitments)]
    assert not any("BÆREKRAFTSMÅL" in t or "De tre dimensjonene" in t for t in items)


def test_the_foreword_and_footer_address_are_not_part_of_any_section(strategy):
    text = json.dumps(strategy.to_dict(), ensure_ascii=False)
    assert "Postadresse" not in text and "Bjørn Arild Gram" not in text
    assert "Mange bekker små" not in text


def test_every_item_source_slice_gives_back_the_item_text(strategy, document):
    text = document.pages[0]
    items = [i for s in strategy.walk() for i in (*s.goals, *s.commitments)]
    assert len(items) == 69
    for item in items:
        assert item.source.page is None
        assert normalise_text(text[item.source.start : item.source.end]) == item.text


def test_every_section_source_points_at_its_title(strategy, document):
    text = document.pages[0]
    for section in strategy.walk():
        assert normalise_text(text[section.source.start : section.source.end]).endswith(section.title)


def test_three_copies_in_a_pdf_with_larger_type_give_every_item_three_times(expected):
    """The benchmark PDF: the strategy three times at 14 pt, where sub-headings stay bold paragraphs.

    Numbering starting again must open new chapters, not add to the first copy's.
    """
    from veikart.ingest import extract

    data = expected.to_dict()
    data["sections"] = data["sections"] * 3
    found = extract(Path(__file__).parent / "fixtures" / "benchmark-strategy-x3.pdf")
    evaluation = evaluate(found, Strategy.from_dict(data))
    assert all(s.recall == 1.0 for s in evaluation.scores.values())
    # At 14 pt the bold sub-headings of the copies are read as more items and sections than the
    # hand-read structure has; precision is what the learned model gives, not a rule's 1.0.
    assert all(s.precision >= 0.8 for s in evaluation.scores.values())
