"""The things a comparison aligns: focus areas, goals and commitments of a Strategy."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from veikart.ingest.model import Section, Strategy


class Kind(StrEnum):
    SECTION = "section"
    GOAL = "goal"
    COMMITMENT = "commitment"


@dataclass(frozen=True)
class Entry:
    """One item of one strategy, with what is needed to compare and show it.

    ``id`` is stable for a given document: kind letter and position ("g12").
    ``context`` is the text of its focus area, used as a hint of where it belongs.
    """

    id: str
    kind: Kind
    text: str
    section_number: str | None
    section_title: str
    context: str
    section_id: str

    @property
    def section_label(self) -> str:
        return f"{self.section_number} {self.section_title}" if self.section_number else self.section_title


def _section_text(section: Section) -> str:
    parts = [section.title, section.intro]
    parts += [g.text for g in section.goals] + [c.text for c in section.commitments]
    return "\n".join(p for p in parts if p)


def focus_areas(strategy: Strategy) -> list[Section]:
    """Sections that hold goals or commitments (containers such as "Særlige politikkområder" are left out)."""
    return [s for s in strategy.walk() if s.goals or s.commitments]


def entries(strategy: Strategy) -> dict[Kind, list[Entry]]:
    """Every focus area, goal and commitment of ``strategy``, in document order, by kind."""
    out: dict[Kind, list[Entry]] = {Kind.SECTION: [], Kind.GOAL: [], Kind.COMMITMENT: []}
    for section in focus_areas(strategy):
        context = _section_text(section)
        section_id = f"s{len(out[Kind.SECTION]) + 1}"
        out[Kind.SECTION].append(
            Entry(section_id, Kind.SECTION, section.title, section.number, section.title, context, section_id)
        )
        for kind, items in ((Kind.GOAL, section.goals), (Kind.COMMITMENT, section.commitments)):
            for item in items:
                entry_id = f"{kind.value[0]}{len(out[kind]) + 1}"
                out[kind].append(Entry(entry_id, kind, item.text, section.number, section.title, context, section_id))
    return out
