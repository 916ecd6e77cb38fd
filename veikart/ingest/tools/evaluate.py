"""Precision and recall of an extracted Strategy against an expected one.

Items are matched by normalised text (case, whitespace, dashes, quotes and
closing punctuation ignored), as multisets: an item found twice but expected
once counts once. Sections match on number and title together, because the
number is part of the structure the importer must recover. Goals and
commitments match on text alone; one found under another section than
expected is still a match and is listed as misplaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from veikart.ingest.model import Section, Strategy

ITEM_TYPES = ("sections", "goals", "commitments")


@dataclass
class Counts:
    """Matched, found and expected items, and the precision, recall and F1 they give."""

    matched: int = 0
    found: int = 0
    expected: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.found += other.found
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TypeScore(Counts):
    """How one item type fared: counts and the items that did not match."""

    kind: str = ""
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    scores: dict[str, TypeScore]
    misplaced: list[str] = field(default_factory=list)

    def perfect(self) -> bool:
        return all(s.precision == 1.0 and s.recall == 1.0 for s in self.scores.values())


def match_key(text: str) -> str:
    """Normalised text for matching: what a reader would call the same sentence."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"[«»“”„\"'’‘`´]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .;:,!")


def evaluate(found: Strategy, expected: Strategy) -> Evaluation:
    found_items = _items(found)
    expected_items = _items(expected)
    scores = {kind: _score(kind, found_items[kind], expected_items[kind]) for kind in ITEM_TYPES}
    return Evaluation(scores=scores, misplaced=_misplaced(found, expected))


def _items(strategy: Strategy) -> dict[str, list[str]]:
    items: dict[str, list[str]] = {kind: [] for kind in ITEM_TYPES}
    for section in strategy.walk():
        items["sections"].append(_section_label(section))
        items["goals"].extend(g.text for g in section.goals)
        items["commitments"].extend(c.text for c in section.commitments)
    return items


def _section_label(section: Section) -> str:
    return f"{section.number} {section.title}" if section.number else section.title


def _score(kind: str, found: list[str], expected: list[str]) -> TypeScore:
    found_keys = Counter(match_key(t) for t in found)
    expected_keys = Counter(match_key(t) for t in expected)
    matched = sum((found_keys & expected_keys).values())
    missing_keys = expected_keys - found_keys
    unexpected_keys = found_keys - expected_keys
    return TypeScore(
        kind=kind,
        expected=len(expected),
        found=len(found),
        matched=matched,
        missing=_pick(expected, missing_keys),
        unexpected=_pick(found, unexpected_keys),
    )


def _pick(texts: list[str], keys: Counter[str]) -> list[str]:
    """The original texts behind the keys left over, in document order."""
    left = Counter(keys)
    out = []
    for text in texts:
        key = match_key(text)
        if left[key] > 0:
            left[key] -= 1
            out.append(text)
    return out


def _misplaced(found: Strategy, expected: Strategy) -> list[str]:
    """Goals and commitments found under another section number than expected."""
    where: dict[str, str | None] = {}
    for section in expected.walk():
        for item in (*section.goals, *section.commitments):
            where.setdefault(match_key(item.text), section.number)
    out = []
    for section in found.walk():
        for item in (*section.goals, *section.commitments):
            key = match_key(item.text)
            if key in where and where[key] != section.number:
                out.append(f"{item.text[:60]}… under {section.number}, expected under {where[key]}")
    return out


def format_table(evaluation: Evaluation) -> str:
    """A per-type table, with the items that did not match below it (developer output: plain English)."""
    lines = [f"{'type':<13}{'expected':>10}{'found':>8}{'matched':>9}{'precision':>11}{'recall':>9}"]
    for kind in ITEM_TYPES:
        s = evaluation.scores[kind]
        lines.append(
            f"{kind:<13}{s.expected:>10}{s.found:>8}{s.matched:>9}{s.precision:>11.3f}{s.recall:>9.3f}"
        )
    for kind in ITEM_TYPES:
        s = evaluation.scores[kind]
        lines.extend(f"  missing {kind}: {t}" for t in s.missing)
        lines.extend(f"  unexpected {kind}: {t}" for t in s.unexpected)
    lines.extend(f"  misplaced: {m}" for m in evaluation.misplaced)
    return "\n".join(lines) + "\n"
