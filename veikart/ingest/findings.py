"""Warnings for the person who reviews an import: an empty or doubtful result is never silent.

Each warning has a stable ``code`` (tools and tests rely on it) and one sentence
that says what was found and what to do, from the core's catalogue (veikart/locale),
kept in bokmål and English as Strategy JSON's warnings are. The
thresholds are few, and each is explained where it is set.
"""

from __future__ import annotations

import re
from collections import Counter

from veikart.i18n import Message
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
    found = [
        *_missing_parts(sections, goals, commitments),
        *_few_items(items, strategy.source.pages or 0),
        *_crowded_section(sections),
        *_doubtful_items(items),
        *_missing_metadata(strategy),
    ]
    return found


def warning(code: str, msgid: str, **params: object) -> Warning:
    """A warning whose sentence comes from the core's catalogue: bokmål and English written out (Strategy JSON
    keeps both) and the message itself, for nynorsk."""
    message = Message(msgid, params)
    return Warning(code, message.text("nb"), message.text("en"), message)


def _missing_parts(sections: list, goals: list[Item], commitments: list[Item]) -> list[Warning]:
    found = []
    if not sections:
        found.append(warning(
            "no_sections",
            "Fant ingen kapitler eller satsingsområder: sjekk at dokumentet er selve planen, "
            "eller legg inn kapitlene for hånd.",
        ))
    if not goals:
        found.append(warning("no_goals", "Fant ingen mål i dokumentet: merk målene i kildeteksten."))
    if goals and not commitments:  # with no goals either, "no_goals" already says nothing was found
        found.append(warning(
            "no_commitments", "Fant ingen strategier eller tiltak (det planen vil gjøre): merk dem i kildeteksten."
        ))
    return found


def _few_items(items: list[Item], pages: int) -> list[Warning]:
    if items and pages >= FEW_ITEMS_MIN_PAGES and len(items) * PAGES_PER_ITEM < pages:
        return [warning(
            "few_items",
            "Bare %(items)s mål og strategier på %(pages)s sider: trolig mangler mange; sammenlign med dokumentet.",
            items=len(items),
            pages=pages,
        )]
    return []


def _crowded_section(sections: list) -> list[Warning]:
    crowded = [s for s in sections if max(len(s.goals), len(s.commitments)) > CROWDED_SECTION]
    if not crowded:
        return []
    s = max(crowded, key=lambda s: max(len(s.goals), len(s.commitments)))
    return [warning(
        "crowded_section",
        "«%(name)s» har %(n)s mål eller strategier: trolig er vanlig tekst tatt med; se over punktene i kapitlet.",
        name=s.title or s.number or "?",
        n=max(len(s.goals), len(s.commitments)),
    )]


def _doubtful_items(items: list[Item]) -> list[Warning]:
    """Items that are probably not items: whole paragraphs, headings' fragments, repeats."""
    found = []
    long_items = [i for i in items if len(i.text) > LONG_ITEM_CHARS]
    if long_items:
        found.append(warning(
            "long_items",
            "Mål eller strategier over %(limit)s tegn, trolig hele avsnitt: %(count)s "
            "(f.eks. «%(example)s»): del dem eller fjern dem.",
            limit=LONG_ITEM_CHARS,
            count=len(long_items),
            example=_short(long_items[0].text),
        ))
    fragments = [i for i in items if _heading_like(i)]
    if fragments:
        found.append(warning(
            "heading_like_items",
            "Mål eller strategier som ser ut som overskrifter: %(count)s "
            "(f.eks. «%(example)s»): fjern dem eller slå dem sammen med punktet de innleder.",
            count=len(fragments),
            example=_short(fragments[0].text),
        ))
    duplicates = _duplicates(items)
    if duplicates:
        found.append(warning(
            "duplicate_items",
            "Mål eller strategier som står mer enn én gang: %(count)s "
            "(f.eks. «%(example)s»): sjekk om de er tatt fra innholdsfortegnelse eller sammendrag.",
            count=len(duplicates),
            example=_short(duplicates[0]),
        ))
    return found


def _missing_metadata(strategy: Strategy) -> list[Warning]:
    found = []
    if strategy.period is None:
        found.append(warning(
            "no_period", "Fant ikke planperioden (f.eks. 2024–2027) i tittel eller forside: legg den inn for hånd."
        ))
    if not strategy.organisation:
        found.append(warning(
            "no_organisation", "Fant ikke hvilken kommune eller fylkeskommune som står bak planen: velg den for hånd."
        ))
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
