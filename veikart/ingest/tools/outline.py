"""Strategy as an indented outline for people (``veikart extract --format text``)."""

from __future__ import annotations

from veikart.ingest.model import Section, Strategy


def format_outline(strategy: Strategy) -> str:
    lines = [strategy.title]
    facts = []
    if strategy.organisation:
        facts.append(strategy.organisation)
    if strategy.period:
        facts.append(f"{strategy.period.start}–{strategy.period.end}")
    if strategy.source.pages:
        facts.append(f"{strategy.source.pages} pages")
    if facts:
        lines.append("(" + ", ".join(facts) + ")")
    for section in strategy.sections:
        _section(section, 0, lines)
    return "\n".join(lines) + "\n"


def _section(section: Section, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    heading = f"{section.number} {section.title}" if section.number else section.title
    lines.append("")
    lines.append(f"{pad}{heading}")
    if section.intro:
        intro = section.intro if len(section.intro) <= 100 else section.intro[:97] + "…"
        lines.append(f"{pad}  Innledning: {intro}")
    for goal in section.goals:
        lines.append(f"{pad}  Mål: {goal.text}")
    for commitment in section.commitments:
        lines.append(f"{pad}  - {commitment.text}")
    for child in section.sections:
        _section(child, depth + 1, lines)
