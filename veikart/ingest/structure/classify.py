"""Phrase rules: which headings and lead-ins announce goals or commitments.

The structure finder decides by position first (what follows a "Mål"
heading); these rules name the headings and the few phrasings it relies on.
"""

from __future__ import annotations

import re

from veikart.ingest.tools.clean import normalise_text

# "Mål", "Mål:", "Hovedmål", "Mål for perioden", "Mål i langtidsperioden", "Våre mål"
_GOAL_HEADING = re.compile(
    r"^(?:(?:hoved|del|effekt|resultat|samfunns)?mål(?:ene|setting(?:er|ene)?)?|våre mål|vårt mål|"
    r"overordnede? mål|mål (?:for|i|frem mot|fram mot|til) .{1,60}|goals?|objectives?)\s*:?$",
    re.I,
)
# "Strategier", "Tiltak", "Slik gjør vi det", "Dette gjør KS", "Vi vil:", "Kommunen skal:"
_COMMITMENT_HEADING = re.compile(
    r"^(?:strategi(?:er|ene)?|tiltak(?:ene)?|innsats(?:er)?|forpliktelser|strategiske grep|handlinger|"
    r"slik (?:gjør vi det|når vi (?:målet|målene|dit))|dette (?:gjør|skal|vil) (?:vi|ks|kommunen)(?: gjøre)?|"
    r"hva (?:vi|ks|kommunen) (?:gjør|skal gjøre|vil gjøre)|"
    r"(?:vi|ks|kommunen|fylkeskommunen|[a-zæøå]+ (?:fylkes)?kommune) (?:vil|skal)(?: gjøre| arbeide for)?|"
    r"commitments?|actions?|strategies)\s*:?$",
    re.I,
)
# "Mål: Alle barn skal ..." — a goal stated after a label on the same line.
_GOAL_LABEL = re.compile(r"^(?:hoved|del)?mål\s*:\s*(?=\S)", re.I)
# A goal stated without a heading: "KS skal bidra til at …", "Kommunen skal legge til rette for at …".
_GOAL_STATEMENT = re.compile(
    r"^(?:\S+\s+){1,3}skal (?:bidra til at|legge til rette for at|sørge for at|arbeide for at)\b", re.I
)

# Lead-ins that announce a list: "Vi vil:", "For å nå målet skal KS:", "Målene er:"
_COMMITMENT_LEAD_IN = re.compile(
    r"(?:\b(?:vi|ks|kommunen|fylkeskommunen|(?:fylkes)?kommunen?) (?:vil|skal)(?: \w+){0,3}"
    r"|\b(?:vil|skal) (?:vi|ks|kommunen|fylkeskommunen)(?: \w+){0,3}"
    r"|\b(?:strategier|tiltak|dette gjør vi|slik gjør vi det))\s*:$",
    re.I,
)
_GOAL_LEAD_IN = re.compile(r"\b(?:mål|målet|målene|målsetting(?:er|ene)?)\b[^:]{0,60}:$", re.I)

# What an organisation says it will do: "KS skal …", "Vi vil …", "Kommunen er en pådriver for …"
_COMMITMENT_STATEMENT = re.compile(
    r"^(?:KS|Vi|Kommunen|Fylkeskommunen|[A-ZÆØÅ][\wæøå-]+ (?:fylkes)?kommune)\s+"
    r"(?:skal|vil|er (?:en )?pådriver|arbeider|bidrar|tilbyr|sørger|støtter|styrker|videreutvikler)\b"
)


def is_goal_heading(text: str) -> bool:
    return bool(_GOAL_HEADING.match(normalise_text(text)))


def is_commitment_heading(text: str) -> bool:
    return bool(_COMMITMENT_HEADING.match(normalise_text(text)))


def goal_label_length(text: str) -> int:
    """Length of a leading "Mål:" label (0 when there is none)."""
    match = _GOAL_LABEL.match(text)
    return match.end() if match else 0


def is_goal_statement(text: str) -> bool:
    return bool(_GOAL_STATEMENT.match(normalise_text(text)))


def lead_in_kind(text: str) -> str | None:
    """ "commitment" or "goal" for a lead-in that announces them, else None."""
    text = normalise_text(text)
    if _COMMITMENT_LEAD_IN.search(text):
        return "commitment"
    if _GOAL_LEAD_IN.search(text):
        return "goal"
    return None


def is_commitment_statement(text: str) -> bool:
    """A sentence in which the organisation commits itself ("KS skal …", "Vi vil …")."""
    return bool(_COMMITMENT_STATEMENT.match(normalise_text(text)))


def is_lead_in(text: str) -> bool:
    """A sentence that introduces a list ("… særlig vekt på:")."""
    return normalise_text(text).endswith(":")
