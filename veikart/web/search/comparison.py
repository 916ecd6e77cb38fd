"""Data for the period comparison page: two strategies the person may see, aligned by veikart.compare."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from veikart.compare import Comparison, Relation, compare, side_by_side, summary_text
from veikart.compare.cli import LABELS
from veikart.compare.diff import Op
from veikart.web.orgs.models import Organisation
from veikart.web.search.facade import scope_for
from veikart.web.strategies.models import Strategy
from veikart.web.strategies.services import export_strategy

DEFAULT_PERIODS = ((2016, 2019), (2020, 2023))
LEVEL_TITLES = {
    "sections": ("Fokusområder", "Focus areas"),
    "goals": ("Mål", "Goals"),
    "commitments": ("Strategier (forpliktelser)", "Commitments"),
}
DIFF_LABELS = {Op.DELETE: ("fjernet", "removed"), Op.INSERT: ("lagt til", "added")}


def visible_strategies(user):
    scope = scope_for(user)
    rows = Strategy.objects.select_related("organisation")
    if not scope.all_visible:
        rows = rows.filter(~Q(status=Strategy.Status.DRAFT) | Q(organisation_id__in=scope.member_of))
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


@dataclass
class Side:
    text: str
    section: str
    segments: list[tuple[str, str, str]]  # (op, text, label) for the template


@dataclass
class Row:
    relation: str
    relation_label: str
    score: float | None
    old: Side | None
    new: Side | None


@dataclass
class LevelView:
    name: str
    title: str
    rows: list[Row] = field(default_factory=list)


def _side(text: str, section: str, segments) -> Side:
    return Side(text, section, [(s.op.value, s.text, DIFF_LABELS.get(s.op, ("", ""))[0]) for s in segments])


def _label(relation: Relation) -> str:
    return LABELS[relation][0]


def level_rows(comparison: Comparison, name: str, relation: str | None) -> list[Row]:
    level = comparison.levels[name]
    rows: list[Row] = []
    for entry in level.old:
        links = [x for x in level.links if x.old == entry]
        if not links:
            status = level.old_status[entry.id]
            rows.append(Row(status.value, _label(status), None, _side(entry.text, entry.section_label, []), None))
        for x in links:
            left, right = side_by_side(x.old.text, x.new.text)
            rows.append(
                Row(
                    x.relation.value,
                    _label(x.relation),
                    round(x.score, 2),
                    _side(x.old.text, x.old.section_label, left),
                    _side(x.new.text, x.new.section_label, right),
                )
            )
    linked_new = {x.new.id for x in level.links}
    for entry in level.new:
        if entry.id not in linked_new and (name != "goals" or entry.kind.value == "goal"):
            rows.append(Row("new", _label(Relation.NEW), None, None, _side(entry.text, entry.section_label, [])))
    if relation:
        rows = [r for r in rows if r.relation == relation]
    return rows


def comparison_view(old: Strategy, new: Strategy, relation: str | None = None) -> dict:
    comparison = compare(export_strategy(old), export_strategy(new))
    summary = comparison.summary()
    levels = [
        LevelView(name, LEVEL_TITLES[name][0], level_rows(comparison, name, relation))
        for name in ("sections", "goals", "commitments")
    ]
    return {
        "summary_nb": summary_text(summary, "nb"),
        "summary_en": summary_text(summary, "en"),
        "summary": summary,
        "levels": levels,
        "relations": [(r.value, LABELS[r][0], LABELS[r][1]) for r in Relation],
    }
