"""One extraction gives both the strategy and the page texts its source offsets point into."""

from __future__ import annotations

from pathlib import Path

import pytest

from veikart.ingest import Strategy, extract_bytes, extract_bytes_with_pages
from veikart.ingest.model import Section

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    ROOT / "veikart" / "web" / "demo" / "samples" / "ks-langtidsplan-2016-2019.txt",  # flattened: re-paged
    ROOT / "veikart" / "web" / "demo" / "samples" / "ks-langtidsstrategi-2020-2023.md",
    ROOT / "tests" / "ingest" / "fixtures" / "eksempel-kommune.pdf",
]


def _items(sections: list[Section]):
    for section in sections:
        yield from section.goals
        yield from section.commitments
        yield from _items(section.sections)


def _words(text: str) -> list[str]:
    return text.replace("-", " ").split()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_items_offsets_point_at_its_text_in_the_returned_pages(path):
    strategy, pages = extract_bytes_with_pages(path.read_bytes(), filename=path.name)
    assert isinstance(strategy, Strategy) and pages
    items = [item for item in _items(strategy.sections) if item.source is not None]
    assert items
    for item in items:
        page = pages[(item.source.page or 1) - 1]
        marked = page[item.source.start : item.source.end]
        assert _words(marked)[:2] == _words(item.text)[:2], item.text


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_strategy_is_the_one_extract_bytes_gives(path):
    strategy, _pages = extract_bytes_with_pages(path.read_bytes(), filename=path.name)
    assert strategy.to_dict() == extract_bytes(path.read_bytes(), filename=path.name).to_dict()


def test_an_unpaged_format_gives_one_page_with_the_whole_text():
    strategy, pages = extract_bytes_with_pages(DOCUMENTS[1].read_bytes(), filename=DOCUMENTS[1].name)
    assert strategy.source.pages is None and len(pages) == 1


def test_it_refuses_what_extract_bytes_refuses():
    from veikart.ingest import ExtractError

    with pytest.raises(ExtractError, match="too large"):
        extract_bytes_with_pages(b"KS skal bidra. " * 10, filename="plan.txt", max_bytes=20)
