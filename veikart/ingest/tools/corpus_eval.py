"""Measure the importer on annotated documents: per document and micro-averaged.

Reads the annotations in a folder (``corpus/annotations/*.json``, see its
GUIDELINE.md), keeps those of one split (``test`` by default: documents no
model was trained or tuned on), runs the whole importer on each document and
counts matches per item type with ``evaluate``. Only the types an annotation
says it is complete for (``scored``) are counted. "items" is goals and
commitments together, regardless of which of the two they were called.
Language, period and organisation are compared as well.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from veikart.ingest.model import Strategy
from veikart.ingest.pipeline import extract
from veikart.ingest.tools.evaluate import ITEM_TYPES, Counts, evaluate, match_key

KINDS = (*ITEM_TYPES, "items", "items~")
# "items~": goals and commitments matched by words, not exact text: two items match when their word
# sets overlap by at least this much (Jaccard). Shows how much is lost at item boundaries alone.
NEAR = 0.6


@dataclass
class DocumentResult:
    name: str
    counts: dict[str, Counts]
    facts: dict[str, tuple[object, object]] = field(default_factory=dict)  # name -> (found, expected)


def evaluate_folder(folder: Path, root: Path, split: str = "test") -> list[DocumentResult]:
    results = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("split") != split:
            continue
        expected = Strategy.from_dict(data)
        found = extract(root / data["document"])
        results.append(compare(path.stem, found, expected, tuple(data.get("scored", ITEM_TYPES))))
    return results


def compare(name: str, found: Strategy, expected: Strategy, scored: tuple[str, ...]) -> DocumentResult:
    scores = evaluate(found, expected).scores
    counts = {kind: Counts() for kind in KINDS}
    for kind in ITEM_TYPES:
        if kind in scored:
            s = scores[kind]
            counts[kind] = Counts(s.matched, s.found, s.expected)
    if "goals" in scored and "commitments" in scored:
        counts["items"] = _items(found, expected)
        counts["items~"] = _near_items(found, expected)
    facts = {
        "language": (found.language, expected.language),
        "period": (_period(found), _period(expected)),
        "organisation": (found.organisation, expected.organisation),
    }
    return DocumentResult(name, counts, facts)


def _items(found: Strategy, expected: Strategy) -> Counts:
    def keys(strategy: Strategy) -> Counter[str]:
        return Counter(match_key(i.text) for s in strategy.walk() for i in (*s.goals, *s.commitments))

    f, e = keys(found), keys(expected)
    return Counts(sum((f & e).values()), sum(f.values()), sum(e.values()))


def _near_items(found: Strategy, expected: Strategy) -> Counts:
    """Greedy one-to-one matching of items by word overlap (Jaccard >= NEAR), in document order."""

    def words(strategy: Strategy) -> list[frozenset[str]]:
        return [frozenset(match_key(i.text).split()) for s in strategy.walk() for i in (*s.goals, *s.commitments)]

    f, e = words(found), words(expected)
    taken = [False] * len(e)
    matched = 0
    for item in f:
        for j, other in enumerate(e):
            if not taken[j] and item and other and len(item & other) / len(item | other) >= NEAR:
                taken[j] = True
                matched += 1
                break
    return Counts(matched, len(f), len(e))


def _period(strategy: Strategy) -> str | None:
    return f"{strategy.period.start}-{strategy.period.end}" if strategy.period else None


def format_report(results: list[DocumentResult]) -> str:
    lines = [
        f"{'document':44s} " + " ".join(f"{k[:11]:>17s}" for k in KINDS) + "   language period organisation",
        f"{'':44s} " + " ".join(f"{'P/R/F1':>17s}" for _ in KINDS),
    ]
    total = {kind: Counts() for kind in KINDS}
    facts_right: Counter[str] = Counter()
    for result in results:
        cells = []
        for kind in KINDS:
            c = result.counts[kind]
            total[kind].add(c)
            cells.append(f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}" if c.found or c.expected else "-")
        right = []
        for fact, (got, want) in result.facts.items():
            ok = (got or "") == (want or "")
            facts_right[fact] += ok
            right.append("ok" if ok else f"{got!s:.20}≠{want!s:.20}")
        lines.append(f"{result.name[:44]:44s} " + " ".join(f"{c:>17s}" for c in cells) + "   " + " | ".join(right))
    cells = [f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}" for c in total.values()]
    lines.append(
        f"{'micro-average (' + str(len(results)) + ' documents)':44s} "
        + " ".join(f"{c:>17s}" for c in cells)
        + "   "
        + ", ".join(f"{k} {facts_right[k]}/{len(results)}" for k in ("language", "period", "organisation"))
    )
    counts = ", ".join(f"{k} {c.matched}/{c.found}/{c.expected}" for k, c in total.items())
    lines.append(f"(matched/found/expected: {counts})")
    return "\n".join(lines) + "\n"
