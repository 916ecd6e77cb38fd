"""``veikart compare A B``: what happened to the focus areas, goals and commitments of A in B."""

from __future__ import annotations

import argparse
import json
import sys

from veikart.compare.align import Relation
from veikart.compare.compare import Comparison, Level, compare, new_item_status
from veikart.compare.load import CompareError, load_strategy
from veikart.compare.summary import summary_text
from veikart.ingest.errors import locale_language
from veikart.ingest.model import Strategy

LABELS = {
    Relation.KEPT: ("beholdt", "kept"),
    Relation.REWORDED: ("omformulert", "reworded"),
    Relation.MERGED: ("slått sammen", "merged"),
    Relation.SPLIT: ("delt", "split"),
    Relation.NEW: ("ny", "new"),
    Relation.DROPPED: ("utgått", "dropped"),
}
HEADINGS = {
    "sections": "Fokusområder / Focus areas",
    "goals": "Mål / Goals (→ mål eller strategier / goals or commitments)",
    "commitments": "Strategier / Commitments",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("compare", help="compare two strategies (periods): kept, reworded, merged, split, …")
    p.add_argument("old", help="the earlier strategy: Strategy JSON or a document (PDF, DOCX, HTML, Markdown, text)")
    p.add_argument("new", help="the later strategy, likewise")
    p.add_argument("--format", choices=("json", "text"), default="text", help="text (default) or JSON")
    p.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    strategies = []
    for path in (args.old, args.new):
        try:
            strategies.append(load_strategy(path))
        except CompareError as exc:
            print(f"veikart: {path}: {exc.message(locale_language())}", file=sys.stderr)
            return 2
    for warning in side_warnings(*strategies, args.old, args.new):
        print(f"veikart: {warning}", file=sys.stderr)
    comparison = compare(*strategies)
    if args.format == "json":
        json.dump(comparison.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(comparison))
    return 0


def side_warnings(old: Strategy, new: Strategy, old_name: str, new_name: str) -> list[str]:
    """What makes the comparison doubtful, one line each in the locale's language (the exit code stays 0).

    A side without goals (nothing to compare), two different organisations,
    or the "old" strategy's period after the "new" one's (arguments swapped?).
    """
    nb = locale_language() == "nb"
    lines = []
    for name, strategy in ((old_name, old), (new_name, new)):
        if not any(section.goals for section in strategy.walk()):
            lines.append(
                f"{name}: advarsel: ingen mål å sammenligne; sjekk importen av dokumentet" if nb
                else f"{name}: warning: no goals to compare; check the document's import"
            )
    if old.organisation and new.organisation and old.organisation != new.organisation:
        lines.append(
            f"advarsel: strategiene er fra to organisasjoner ({old.organisation}, {new.organisation})" if nb
            else f"warning: the strategies are from two organisations ({old.organisation}, {new.organisation})"
        )
    if old.period and new.period and old.period.start > new.period.start:
        old_p, new_p = f"{old.period.start}–{old.period.end}", f"{new.period.start}–{new.period.end}"
        lines.append(
            f"advarsel: den gamle strategien ({old_p}) er nyere enn den nye ({new_p}); byttet om på filene?" if nb
            else f"warning: the old strategy ({old_p}) is later than the new one ({new_p}); files swapped?"
        )
    return lines


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _label(relation: Relation) -> str:
    nb, en = LABELS[relation]
    return nb if nb == en else f"{nb} / {en}"


def _level_text(comparison: Comparison, level: Level) -> list[str]:
    lines = ["", HEADINGS[level.name], "=" * len(HEADINGS[level.name])]
    for entry in level.old:
        status = level.old_status[entry.id]
        lines.append(f"- [{_label(status)}] {_short(entry.text)}  ({entry.section_label})")
        for link in level.links:
            if link.old.id == entry.id:
                lines.append(f"    → [{LABELS[link.relation][0]} {link.score:.2f}] {_short(link.new.text, 100)}"
                             f"  ({link.new.section_label})")
    new_ones = [
        e for e in level.new
        if (level.new_status[e.id] if level.name == "sections" else new_item_status(comparison, e)) == Relation.NEW
        and (level.name != "goals" or e.kind.value == "goal")
    ]
    for entry in new_ones:
        lines.append(f"+ [{_label(Relation.NEW)}] {_short(entry.text)}  ({entry.section_label})")
    return lines


def format_text(comparison: Comparison) -> str:
    """The comparison as plain text: the summary in bokmål and English, then every item."""
    summary = comparison.summary()
    lines = [
        f"{comparison.old.title} → {comparison.new.title}",
        "",
        summary_text(summary, "nb"),
        "",
        summary_text(summary, "en"),
    ]
    for name in ("sections", "goals", "commitments"):
        lines += _level_text(comparison, comparison.levels[name])
    return "\n".join(lines) + "\n"
