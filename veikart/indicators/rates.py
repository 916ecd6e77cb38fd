"""Rates per inhabitants: "apprentices per 1000 inhabitants" from a count and a population.

Both come from imports (e.g. population from SSB table 07459); a rate exists
only where both figures do, so a missing population never becomes a zero.
"""

from __future__ import annotations

from collections.abc import Mapping


def per_inhabitants(counts: Mapping[str, float], population: Mapping[str, float], per: int = 1000) -> dict[str, float]:
    """{organisation: count / population × per} for organisations with both figures and a population above 0."""
    return {
        org: count / population[org] * per
        for org, count in counts.items()
        if population.get(org, 0) > 0
    }
