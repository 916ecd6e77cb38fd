"""Warnings for the person who reviews an import: an empty or doubtful result is never silent.

Each warning has a stable ``code`` (tools and tests rely on it) and one sentence
in bokmål and in English that says what was found and what to do. The
thresholds are few, and each is explained where it is set.
"""

from __future__ import annotations

import re
from collections import Counter

from veikart.ingest.model import Item, Strategy, Warning

# A plan names goals or commitments on most of its pages; fewer than one item per
# four pages of a document of eight pages or more means most were missed.
FEW_ITEMS_MIN_PAGES = 8
PAGES_PER_ITEM = 4
# KS's strategies have at most 15 goals and 20 commitments in one focus area;
# past 40 the finder has most likely taken a whole chapter's lines as items.
CROWDED_SECTION = 40
# A goal or commitment is a sentence or two; past 400 characters it is a paragraph
# (KS's longest commitment is about 250).
LONG_ITEM_CHARS = 400
# An item of one or two words, or one ending in a colon or written in capitals, is a heading's fragment.
HEADING_LIKE_WORDS = 2

_WORD = re.compile(r"\w+")


def warnings_for(strategy: Strategy) -> list[Warning]:
    """What the reviewer should know about ``strategy`` before trusting it, most serious first."""
    sections = list(strategy.walk())
    goals = [item for s in sections for item in s.goals]
    commitments = [item for s in sections for item in s.commitments]
    items = goals + commitments
    found: list[Warning] = []
    if not sections:
        found.append(
            Warning(
                "no_sections",
                "Fant ingen kapitler eller satsingsområder: sjekk at dokumentet er selve planen, "
                "eller legg inn kapitlene for hånd.",
                "No chapters or focus areas were found: check that the document is the plan itself, "
                "or add the chapters by hand.",
            )
        )
    if not goals:
        found.append(
            Warning(
                "no_goals",
                "Fant ingen mål i dokumentet: merk målene i kildeteksten.",
                "No goals were found in the document: mark the goals in the source text.",
            )
        )
    if goals and not commitments:  # with no goals either, "no_goals" already says nothing was found
        found.append(
            Warning(
                "no_commitments",
                "Fant ingen strategier eller tiltak (det planen vil gjøre): merk dem i kildeteksten.",
                "No commitments (what the plan will do) were found: mark them in the source text.",
            )
        )
    pages = strategy.source.pages or 0
    if items and pages >= FEW_ITEMS_MIN_PAGES and len(items) * PAGES_PER_ITEM < pages:
        found.append(
            Warning(
                "few_items",
                f"Bare {len(items)} mål og strategier på {pages} sider: trolig mangler mange; "
                "sammenlign med dokumentet.",
                f"Only {len(items)} goals and commitments in {pages} pages: many are probably missing; "
                "compare with the document.",
            )
        )
    crowded = [s for s in sections if max(len(s.goals), len(s.commitments)) > CROWDED_SECTION]
    if crowded:
        s = max(crowded, key=lambda s: max(len(s.goals), len(s.commitments)))
        n = max(len(s.goals), len(s.commitments))
        name = s.title or s.number or "?"
        found.append(
            Warning(
                "crowded_section",
                f"«{name}» har {n} mål eller strategier: trolig er vanlig tekst tatt med; "
                "se over punktene i kapitlet.",
                f"“{name}” holds {n} goals or commitments: ordinary text was probably taken as items; "
                "review the chapter's items.",
            )
        )
    long_items = [i for i in items if len(i.text) > LONG_ITEM_CHARS]
    if long_items:
        found.append(
            Warning(
                "long_items",
                f"Mål eller strategier over {LONG_ITEM_CHARS} tegn, trolig hele avsnitt: {len(long_items)} "
                f"(f.eks. «{_short(long_items[0].text)}»): del dem eller fjern dem.",
                f"Goals or commitments longer than {LONG_ITEM_CHARS} characters, probably whole paragraphs: "
                f"{len(long_items)} (e.g. “{_short(long_items[0].text)}”): split or remove them.",
            )
        )
    fragments = [i for i in items if _heading_like(i)]
    if fragments:
        found.append(
            Warning(
                "heading_like_items",
                f"Mål eller strategier som ser ut som overskrifter: {len(fragments)} "
                f"(f.eks. «{_short(fragments[0].text)}»): fjern dem eller slå dem sammen med punktet de innleder.",
                f"Goals or commitments that look like headings: {len(fragments)} "
                f"(e.g. “{_short(fragments[0].text)}”): remove them or join them to the item they introduce.",
            )
        )
    duplicates = _duplicates(items)
    if duplicates:
        found.append(
            Warning(
                "duplicate_items",
                f"Mål eller strategier som står mer enn én gang: {len(duplicates)} "
                f"(f.eks. «{_short(duplicates[0])}»): sjekk om de er tatt fra innholdsfortegnelse eller sammendrag.",
                f"Goals or commitments that appear more than once: {len(duplicates)} "
                f"(e.g. “{_short(duplicates[0])}”): check whether they came from a table of contents or a summary.",
            )
        )
    if strategy.period is None:
        found.append(
            Warning(
                "no_period",
                "Fant ikke planperioden (f.eks. 2024–2027) i tittel eller forside: legg den inn for hånd.",
                "The plan period (e.g. 2024–2027) was not found in the title or on the cover: enter it by hand.",
            )
        )
    if not strategy.organisation:
        found.append(
            Warning(
                "no_organisation",
                "Fant ikke hvilken kommune eller fylkeskommune som står bak planen: velg den for hånd.",
                "The municipality or county authority behind the plan was not found: choose it by hand.",
            )
        )
    return found


def _heading_like(item: Item) -> bool:
    text = item.text.strip()
    letters = [c for c in text if c.isalpha()]
    return (
        len(_WORD.findall(text)) <= HEADING_LIKE_WORDS
        or text.endswith(":")
        or (len(letters) >= 2 and all(c.isupper() for c in letters))
    )


def _duplicates(items: list[Item]) -> list[str]:
    counts = Counter(" ".join(_WORD.findall(i.text.lower())) for i in items)
    seen: set[str] = set()
    repeated: list[str] = []
    for item in items:
        key = " ".join(_WORD.findall(item.text.lower()))
        if key and counts[key] > 1 and key not in seen:
            seen.add(key)
            repeated.append(item.text)
    return repeated


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
