"""Warnings for the person who reviews an import: an empty or doubtful result is never silent."""

from __future__ import annotations

from veikart.ingest.model import Strategy, Warning


def warnings_for(strategy: Strategy) -> list[Warning]:
    """What the reviewer should know about ``strategy`` before trusting it."""
    goals = sum(len(s.goals) for s in strategy.walk())
    if goals == 0:
        return [
            Warning(
                code="no_goals",
                nb="Fant ingen mål i dokumentet: merk målene i kildeteksten.",
                en="No goals were found in the document: mark the goals in the source text.",
            )
        ]
    return []
