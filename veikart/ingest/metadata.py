"""Title, organisation and period of a strategy, read from its text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from veikart.ingest.document import BlockKind, Document
from veikart.ingest.model import Period, Strategy
from veikart.ingest.tools.clean import normalise_text

# "2020–2023", "2016-2019", "2016 2019", "2016 til 2019", "2016/2019", "2020-23"
_PERIOD = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*(?:[-‐‑‒–—−/]|\s+til\s+|\s)\s*((?:19|20)\d{2}|\d{2})(?![\d.])")
_MAX_PERIOD_YEARS = 12
_KS = re.compile(r"\bKS\b|\bkommunesektorens organisasjon\b", re.I)
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][\wæøå-]+(?:[- ][A-ZÆØÅ][\wæøå-]+)? (?:fylkes)?kommune)\b")
_NOT_A_TITLE = re.compile(r"^(?:innhold|innholdsfortegnelse|contents|table of contents|forord|\d+(?:\.\d+)*\.?)$", re.I)
_HEAD_CHARS = 4000


@dataclass
class Metadata:
    title: str | None
    organisation: str | None
    period: Period | None


def find_metadata(document: Document) -> Metadata:
    title = find_title(document)
    head = _head_text(document)
    return Metadata(
        title=title,
        organisation=find_organisation(title or "") or find_organisation(head),
        period=find_period(title or "") or find_period(head),
    )


def find_title(document: Document) -> str | None:
    """The first heading of the document (the highest level among the first few), else its first line."""
    headings = [b for b in document.blocks[:40] if b.kind is BlockKind.HEADING and b.text.strip()]
    headings = [b for b in headings if not _NOT_A_TITLE.match(normalise_text(b.text))]
    if headings:
        top = min(b.level or 9 for b in headings)
        first = next(b for b in headings if (b.level or 9) == top)
        return normalise_text(first.text)
    for block in document.blocks:
        line = normalise_text(block.text.split("\n", 1)[0])
        if line and len(line) <= 150:
            return line
    return None


def find_period(text: str) -> Period | None:
    """The first plausible span of years: start before end, at most 12 years."""
    for match in _PERIOD.finditer(text):
        start = int(match.group(1))
        end_text = match.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if start < end <= start + _MAX_PERIOD_YEARS:
            return Period(start, end)
    return None


def find_organisation(text: str) -> str | None:
    """KS, or the municipality or county authority most often named ("Eksempel kommune")."""
    if _KS.search(text):
        return "KS"
    names = Counter(m.group(1) for m in _MUNICIPALITY.finditer(text))
    if names:
        return names.most_common(1)[0][0]
    return None


def _head_text(document: Document) -> str:
    parts: list[str] = []
    size = 0
    for block in document.blocks:
        parts.append(block.text)
        size += len(block.text)
        if size > _HEAD_CHARS:
            break
    return "\n".join(parts)


def describe(strategy: Strategy, document: Document) -> None:
    """Fill in what the structure finder could not know: organisation, period and language."""
    # The finders set title, organisation and period from the text they walk;
    # the language is the document's, whatever finder ran.
    return None
