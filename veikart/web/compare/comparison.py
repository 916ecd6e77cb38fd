"""Data for the period comparison page: two strategies the person may see, aligned by veikart.compare.

Meaning comes from the vector cache (veikart.web.semantic), filled by the
background worker; a request never runs the model. Texts not embedded yet
count by their words only, the page says how many, and the result is
computed again once the worker has stored new vectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy

from veikart.compare import Comparison, Relation, compare, side_by_side, summary_text
from veikart.compare.cli import LABELS
from veikart.compare.diff import Op
from veikart.compare.similarity import shared_words
from veikart.compare.summary import Summary
from veikart.i18n import _ as core_text
from veikart.i18n import language_code
from veikart.ingest.model import Warning as ImportWarning
from veikart.semantic import DIMENSIONS
from veikart.web.compare.models import CachedComparison
from veikart.web.orgs.models import Organisation
from veikart.web.semantic import matrix, store
from veikart.web.strategies.access import visible_strategies_q
from veikart.web.strategies.models import Strategy
from veikart.web.strategies.services import export_strategy

DEFAULT_PERIODS = ((2016, 2019), (2020, 2023))
LEVEL_TITLES = {
    "sections": gettext_lazy("Fokusområder"),
    "goals": gettext_lazy("Mål"),
    "commitments": gettext_lazy("Strategier (forpliktelser)"),
}
DIFF_LABELS = {Op.DELETE: gettext_lazy("fjernet"), Op.INSERT: gettext_lazy("lagt til")}


def visible_strategies(user):
    rows = Strategy.objects.select_related("organisation").filter(visible_strategies_q(user))
    return rows.order_by("organisation__name", "-period_start", "-created_at")


def default_pair(strategies) -> tuple[Strategy | None, Strategy | None]:
    """KS 2016–2019 and 2020–2023 when both are there; else an organisation's two latest."""
    ks = [s for s in strategies if s.organisation.kind == Organisation.Kind.KS]
    by_period = {(s.period_start, s.period_end): s for s in reversed(ks)}
    old, new = (by_period.get(p) for p in DEFAULT_PERIODS)
    if old and new:
        return old, new
    for org_rows in (ks, list(strategies)):
        dated = sorted((s for s in org_rows if s.period_start), key=lambda s: (s.period_start, s.pk))
        if len(dated) >= 2:
            return dated[-2], dated[-1]
    return None, None


# The shape of the cached data (models.CachedComparison.format): raise it when the rows or the
# algorithm in veikart.compare change, so old cached results are not shown.
FORMAT = 3


class CachedVectors:
    """An ``Embed`` for veikart.compare that reads the vector cache only; counts the texts it lacks (zeros)."""

    def __init__(self) -> None:
        self.missing = 0
        self.seen = matrix.newest_id()  # the cache only grows: a newer id means new vectors

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        found = store.cached_vectors(texts)
        for i, text in enumerate(texts):
            if text in found:
                out[i] = found[text]
            else:
                self.missing += 1
        return out


def vectors_changed(seen: int) -> bool:
    return matrix.newest_id() != seen


def _page_language() -> str:
    """The page's language as the core's catalogue knows it (nb, nn or en)."""
    return language_code(get_language())


def relation_label(relation: Relation) -> str:
    """A relation's word ("omformulert", "reworded") from the core's catalogue, in the page's language."""
    return core_text(LABELS[relation], _page_language())


@dataclass
class Side:
    text: str
    section: str
    diff: list[tuple[str, str]]  # (op, text); empty when the text stands alone

    @property
    def segments(self) -> list[tuple[str, str, str]]:
        """(op, text, label) for the template, the label in the page's language."""
        return [(op, text, str(DIFF_LABELS.get(Op(op), ""))) for op, text in self.diff]


@dataclass
class Row:
    relation: str
    score: float | None
    old: Side | None
    new: Side | None
    shared: list[str] = field(default_factory=list)  # the words a link's two texts share: part of why

    @property
    def relation_label(self) -> str:
        return relation_label(Relation(self.relation))


@dataclass
class LevelView:
    name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(LEVEL_TITLES[self.name])


def _side(text: str, section: str, segments) -> Side:
    return Side(text, section, [(s.op.value, s.text) for s in segments])


def level_rows(comparison: Comparison, name: str) -> list[Row]:
    level = comparison.levels[name]
    rows: list[Row] = []
    for entry in level.old:
        links = [x for x in level.links if x.old == entry]
        if not links:
            status = level.old_status[entry.id]
            rows.append(Row(status.value, None, _side(entry.text, entry.section_label, []), None))
        for x in links:
            left, right = side_by_side(x.old.text, x.new.text)
            rows.append(
                Row(
                    x.relation.value,
                    round(x.score, 2),
                    _side(x.old.text, x.old.section_label, left),
                    _side(x.new.text, x.new.section_label, right),
                    list(shared_words(x.old.text, x.new.text, comparison.old.language or "nb")),
                )
            )
    linked_new = {x.new.id for x in level.links}
    for entry in level.new:
        if entry.id not in linked_new and (name != "goals" or entry.kind.value == "goal"):
            rows.append(Row(Relation.NEW.value, None, None, _side(entry.text, entry.section_label, [])))
    return rows


def compute(old: Strategy, new: Strategy) -> dict:
    """The whole comparison as plain JSON data (what the cache keeps)."""
    vectors = CachedVectors()
    comparison = compare(export_strategy(old), export_strategy(new), embed=vectors)
    summary = comparison.summary()
    return {
        "warnings": [w.to_dict() for w in comparison.warnings],
        "missing_vectors": vectors.missing,
        "vectors_seen": vectors.seen,
        "summary": summary.to_dict(),
        "levels": {name: [asdict(row) for row in level_rows(comparison, name)] for name in LEVEL_TITLES},
    }


def cached_compute(old: Strategy, new: Strategy) -> dict:
    """``compute`` once per pair of versions; a later version of either strategy computes again."""
    key = {"old_id": old.pk, "old_version": old.version, "new_id": new.pk, "new_version": new.version, "format": FORMAT}
    data = CachedComparison.objects.filter(**key).values_list("data", flat=True).first()
    if data is not None and not (data.get("missing_vectors") and vectors_changed(data.get("vectors_seen", 0))):
        return data
    data_was_partial = data is not None
    data = compute(old, new)
    with transaction.atomic():  # a short write: the computing happened before
        stale = CachedComparison.objects.filter(old_id=old.pk, new_id=new.pk)
        # A row of these very versions is stale too when it lacked vectors the cache has now.
        (stale if data_was_partial else stale.exclude(**key)).delete()
        # Two visitors may compute the same pair at once; the second row is simply not written.
        CachedComparison.objects.bulk_create([CachedComparison(**key, data=data)], ignore_conflicts=True)
    return data


def _row(data: dict) -> Row:
    def side(value: dict | None) -> Side | None:
        return None if value is None else Side(value["text"], value["section"], [tuple(d) for d in value["diff"]])

    return Row(data["relation"], data["score"], side(data["old"]), side(data["new"]), data.get("shared", []))


def comparison_view(old: Strategy, new: Strategy, relation: str | None = None) -> dict:
    data = cached_compute(old, new)
    levels = []
    for name in LEVEL_TITLES:
        rows = [_row(r) for r in data["levels"][name] if relation is None or r["relation"] == relation]
        levels.append(LevelView(name, rows))
    return {
        "warnings": [ImportWarning.from_dict(w).message(_page_language()) for w in data["warnings"]],
        "missing_vectors": data["missing_vectors"],
        "summary_text": summary_text(Summary.from_dict(data["summary"]), _page_language()),
        "summary": data["summary"],
        "levels": levels,
        "relations": [(r.value, relation_label(r)) for r in Relation],
    }
