"""KS's focus areas, the units plan alignment scores a member's plan against (no Django)."""

from __future__ import annotations

from dataclasses import dataclass

from veikart.compare.items import focus_areas
from veikart.ingest.model import Strategy


@dataclass(frozen=True)
class AreaItem:
    text: str
    kind: str


@dataclass(frozen=True)
class Area:
    """One KS focus area: its number and title, and its goals and commitments."""

    number: str
    title: str
    items: tuple[AreaItem, ...]

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


def ks_areas(ks: Strategy) -> list[Area]:
    """KS's focus areas: the sections with goals (KS's purpose and roles, with commitments only, are not one)."""
    return [
        Area(
            s.number or "",
            s.title,
            tuple(AreaItem(g.text, "goal") for g in s.goals)
            + tuple(AreaItem(c.text, "commitment") for c in s.commitments),
        )
        for s in focus_areas(ks)
        if s.goals
    ]
