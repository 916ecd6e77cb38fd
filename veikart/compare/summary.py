"""The short account of a comparison, as data and as Norwegian and English text."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from veikart.compare.align import Relation, item_status
from veikart.compare.items import Kind
from veikart.i18n import Message, Plural, language_code
from veikart.ingest.model import Strategy


@dataclass(frozen=True)
class KindSummary:
    """What happened to one kind of item: counts of the old items by status, and new items."""

    kind: str
    old_total: int
    kept: int
    reworded: int
    merged: int
    split: int
    dropped: int
    new_total: int
    new: int

    @property
    def kept_or_reworded(self) -> int:
        return self.kept + self.reworded


@dataclass(frozen=True)
class Summary:
    old_label: str
    new_label: str
    sections: KindSummary
    goals: KindSummary
    commitments: KindSummary

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        """The summary again from ``to_dict`` (as a cached comparison keeps it)."""
        kinds = {name: KindSummary(**data[name]) for name in ("sections", "goals", "commitments")}
        return cls(old_label=data["old_label"], new_label=data["new_label"], **kinds)


def period_label(s: Strategy) -> str:
    return f"{s.period.start}–{s.period.end}" if s.period else s.title


def new_item_status(comparison, entry) -> Relation:
    """A new goal or commitment's status over all levels of a comparison: "new" only when nothing old links to it."""
    levels = (comparison.levels["goals"], comparison.levels["commitments"])
    relations = [x.relation for level in levels for x in level.links if x.new.id == entry.id]
    return item_status(relations, Relation.NEW)


def summarise(comparison) -> Summary:
    def count(level_name: str, kind: Kind) -> KindSummary:
        level = comparison.levels[level_name]
        statuses = list(level.old_status.values())
        new_entries = [e for e in level.new if e.kind == kind]
        if kind == Kind.SECTION:
            new_statuses = [level.new_status[e.id] for e in new_entries]
        else:
            all_new = comparison.levels["goals"].new
            new_statuses = [new_item_status(comparison, e) for e in all_new if e.kind == kind]
        return KindSummary(
            kind=kind.value,
            old_total=len(statuses),
            kept=statuses.count(Relation.KEPT),
            reworded=statuses.count(Relation.REWORDED),
            merged=statuses.count(Relation.MERGED),
            split=statuses.count(Relation.SPLIT),
            dropped=statuses.count(Relation.DROPPED),
            new_total=len(new_statuses),
            new=new_statuses.count(Relation.NEW),
        )

    return Summary(
        old_label=period_label(comparison.old),
        new_label=period_label(comparison.new),
        sections=count("sections", Kind.SECTION),
        goals=count("goals", Kind.GOAL),
        commitments=count("commitments", Kind.COMMITMENT),
    )


def _counted(kind: str, n: int) -> Plural:
    """``n`` items of a kind, as each language counts them."""
    if kind == "section":
        return Plural("%(n)s fokusområde", "%(n)s fokusområder", n)
    if kind == "commitment":
        return Plural("%(n)s strategi", "%(n)s strategier", n)
    return Plural("%(n)s mål", "%(n)s mål", n)


def kind_sentence(k: KindSummary, old_label: str, new_label: str, lang: str = "nb") -> str:
    """One sentence: "Av 62 mål i 2016–2019 er 10 beholdt eller omformulert i 2020–2023, …"."""
    return Message(
        "Av %(old_total)s i %(old)s %(kept)s beholdt eller omformulert i %(new)s, %(merged)s slått sammen, "
        "%(split)s delt og %(dropped)s utgått; %(new_count)s av %(new_total)s i %(new)s %(are_new)s.",
        {
            "old_total": _counted(k.kind, k.old_total),
            "old": old_label,
            "kept": Plural("er %(n)s", "er %(n)s", k.kept_or_reworded),
            "new": new_label,
            "merged": k.merged,
            "split": k.split,
            "dropped": k.dropped,
            "new_count": k.new,
            "new_total": _counted(k.kind, k.new_total),
            "are_new": Plural("er nye", "er nye", k.new),
        },
    ).text(lang)


def summary_text(summary: Summary, lang: str = "nb") -> str:
    """The summary as sentences in bokmål ("nb"), nynorsk ("nn") or English ("en"), goals first."""
    lang = language_code(lang)
    return " ".join(
        kind_sentence(k, summary.old_label, summary.new_label, lang)
        for k in (summary.goals, summary.commitments, summary.sections)
    )
