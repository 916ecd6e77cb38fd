"""Training labels for a document's units, found from its annotation.

An annotation (``corpus/annotations/*.json``) lists the plan's sections,
goals and commitments as a person read them. Each is looked up among the
units in reading order: a unit whose text is the item's text gets the item's
label; an item written over several units (a sentence broken over a page or
by a column) labels its first unit and marks the others ``cont``; a unit that
is a section's number and title, or its title, is a ``heading``. Everything
else is ``other``. ``coverage`` says how much of the annotation was found, so
a training document whose text and annotation disagree is noticed.
``with_label_class`` then calls a short line that heads a list of items a
``label`` (the model learns it; the assembly treats it as text).
"""

from __future__ import annotations

from dataclasses import dataclass

from veikart.ingest.document import Block
from veikart.ingest.model import Strategy
from veikart.ingest.structure.assemble import item_text
from veikart.ingest.structure.features import label_like
from veikart.ingest.tools.evaluate import match_key

_MAX_PARTS = 6
UNSURE = "?"  # a unit whose label the annotation does not settle: no training row


@dataclass
class GoldLabels:
    labels: list[str]
    wanted: int
    found: int
    missing: list[str]

    @property
    def coverage(self) -> float:
        return self.found / self.wanted if self.wanted else 1.0


def gold_labels(units: list[Block], annotation: Strategy, scored: tuple[str, ...]) -> GoldLabels:
    keys = [match_key(u.text) for u in units]
    item_keys = [match_key(item_text(u.text)[0]) for u in units]
    labels = ["other"] * len(units)
    wanted = found = 0
    missing: list[str] = []
    targets: list[tuple[str, list[str]]] = []
    for section in annotation.walk():
        if "sections" in scored and section.title:
            full = f"{section.number} {section.title}" if section.number else section.title
            targets.append(("heading", [match_key(full), match_key(section.title)]))
        if "goals" in scored:
            targets += [("goal", [match_key(g.text)]) for g in section.goals]
        if "commitments" in scored:
            targets += [("commitment", [match_key(c.text)]) for c in section.commitments]
    cursor = 0
    for label, wanted_keys in targets:
        wanted += 1
        own = keys if label == "heading" else item_keys
        span = _find(own, labels, wanted_keys, cursor, label) or _find(own, labels, wanted_keys, 0, label)
        if span is None:
            missing.append(wanted_keys[-1])
            continue
        found += 1
        first, last = span
        labels[first] = label
        for i in range(first + 1, last + 1):
            labels[i] = "cont"
        cursor = first
    _mark_unsure(item_keys, labels, missing)
    return GoldLabels(labels=labels, wanted=wanted, found=found, missing=missing)


def _mark_unsure(keys: list[str], labels: list[str], missing: list[str]) -> None:
    """Units that are part of an annotated item the matcher could not place, or hold one: not "other", left out.

    A unit that holds an item and more ("Støtte frivilligheten … etc. Heie på ildsjelene." annotated as two
    items) would otherwise teach the model that an item's words are text.
    """
    long_missing = [m for m in missing if len(m) >= 15]
    for i, key in enumerate(keys):
        if labels[i] != "other" or len(key) < 15:
            continue
        if any(key in m or m in key for m in long_missing):
            labels[i] = UNSURE


def _find(keys: list[str], labels: list[str], wanted: list[str], start: int, label: str) -> tuple[int, int] | None:
    for i in range(start, len(keys)):
        if labels[i] != "other" or not keys[i]:
            continue
        key = keys[i]
        if key in wanted or (label == "heading" and _number_then(key, wanted[-1])):
            return i, i
        if label == "heading":
            continue
        target = wanted[0]
        if len(key) >= 12 and target.startswith(key):
            joined = key
            for j in range(i + 1, min(len(keys), i + _MAX_PARTS)):
                if labels[j] != "other":
                    break
                joined = f"{joined} {keys[j]}"
                if joined == target:
                    return i, j
                if not target.startswith(joined):
                    break
    return None


def _number_then(key: str, title: str) -> bool:
    """ "6.1 å bo i krødsherad" or "innsatsområde a: title" against the title alone."""
    if not title or not key.endswith(title) or key == title:
        return False
    head = key[: -len(title)].strip(" .:-–")
    return 0 < len(head) <= 24


def with_label_class(units: list[Block], labels: list[str]) -> list[str]:
    """The gold labels, with a line that heads a list of items ("Mål:", "TILTAK", "Hvordan gjør vi det?") as "label".

    The annotation has no such class (such a line is text, not a section), but it is what most tells
    that goals or commitments follow; as a class of its own, "the label before is a label" says so to
    the next unit (cross-validated items F1 0.560 -> 0.566, goals 0.336 -> 0.394 on 27 plans). One
    class for every such line: a "goal label" and a "commitment label" were worse for goals (0.371).
    """
    out = list(labels)
    after = "other"
    for i in range(len(units) - 1, -1, -1):
        if out[i] == UNSURE:
            continue
        if out[i] == "other" and after in ("goal", "commitment", "label") and label_like(units[i]):
            out[i] = "label"
        after = out[i]
    return out
