"""Title, organisation and period of a flattened transcript, from its cover line.

The cover of a strategy names it and its period: "Langtidsplan for KS 2016
2019 KOMMUNESEKTORENS ORGANISASJON …". Flattening lost the dash between the
years; the title gets it back as an en dash ("Langtidsplan for KS
2016–2019"), and the organisation is what the plan is "for" ("KS",
"Eksempel kommune").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from veikart.ingest.model import Period

_TITLE_WITH_YEARS = re.compile(
    r"(?P<name>[A-ZÆØÅ][^.!?:\n]{2,80}?)\s+(?P<start>(?:19|20)\d\d)\s*(?:[-–—]\s*|\s|til\s+)(?P<end>(?:19|20)\d\d)\b"
)
_MAX_TITLE_WORDS = 15  # without a period to find it by, only a short text can be a title
_FOR_WHOM = re.compile(r"\b(?:for|i)\s+(?P<org>[A-ZÆØÅ][\w\- ]*)$")


@dataclass(frozen=True)
class TitleInfo:
    title: str
    organisation: str | None
    period: Period | None
    phrase: str | None  # the title as it stands in the text ("Langtidsplan for KS 2016 2019"), a running header


def find_title(*candidates: str | None) -> TitleInfo:
    """From the first candidate text (cover, the site's heading, the first sentence) that names a period."""
    texts = [c for c in candidates if c and c.strip()]
    for text in texts:
        match = _TITLE_WITH_YEARS.search(text[:300])
        if not match:
            continue
        start, end = int(match["start"]), int(match["end"])
        if not start <= end <= start + 20:
            continue
        name = " ".join(match["name"].split())
        org = _FOR_WHOM.search(name)
        return TitleInfo(
            title=f"{name} {start}–{end}",
            organisation=org["org"].strip() if org else None,
            period=Period(start, end),
            phrase=match.group(0),
        )
    short = [
        " ".join(t.split()) for t in texts if len(t.split()) <= _MAX_TITLE_WORDS and not t.rstrip().endswith(".")
    ]
    title = short[0] if short else "Uten tittel"
    org = _FOR_WHOM.search(title)
    return TitleInfo(title=title, organisation=org["org"].strip() if org else None, period=None, phrase=None)
