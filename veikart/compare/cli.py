"""``veikart compare A B``: what happened to the focus areas, goals and commitments of A in B.

``veikart compare evaluate [CORRESPONDENCE] [--tune]`` scores it against the hand-made KS correspondence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from veikart.compare.align import Relation
from veikart.compare.checks import comparison_warnings
from veikart.compare.cli_common import load_both, run_evaluation, shorten, write_result
from veikart.compare.compare import Comparison, Level, compare
from veikart.compare.summary import new_item_status, summary_text
from veikart.i18n import N_, Decimal, _, environment_language
from veikart.ingest.model import Warning

LABELS = {
    Relation.KEPT: N_("beholdt"),
    Relation.REWORDED: N_("omformulert"),
    Relation.MERGED: N_("slått sammen"),
    Relation.SPLIT: N_("delt"),
    Relation.NEW: N_("ny"),
    Relation.DROPPED: N_("utgått"),
}
HEADINGS = {
    "sections": N_("Fokusområder"),
    "goals": N_("Mål (→ mål eller strategier)"),
    "commitments": N_("Strategier"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """``veikart compare``; the help is in the locale's language (veikart.i18n)."""
    p = subparsers.add_parser(
        "compare", help=_("sammenlign to strategier (perioder): beholdt, omformulert, slått sammen, delt …")
    )
    p.add_argument(
        "old",
        help=_(
            "den eldre strategien: Strategy JSON eller et dokument (PDF, DOCX, HTML, Markdown, tekst); eller «evaluate»"
        ),
    )
    p.add_argument("new", nargs="?", help=_("den nyere strategien, likedan; med «evaluate»: korrespondansefilen"))
    p.add_argument("--format", choices=("json", "text"), default="text", help=_("text (standard) eller json"))
    p.add_argument("--tune", action="store_true", help=_("med «evaluate»: still tersklene på innstillingsdelen først"))
    p.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    if args.old == "evaluate" and not Path(args.old).exists():
        from veikart.compare import evaluate

        return run_evaluation(evaluate.main, args.new, args.tune, args.format)
    usage = _("veikart compare: oppgi den eldre og den nyere strategien (veikart compare GAMMEL NY)")
    strategies = load_both(args.old, args.new, usage)
    if strategies is None:
        return 2
    for line in warning_lines(comparison_warnings(*strategies)):
        print(line, file=sys.stderr)
    comparison = compare(*strategies)
    return write_result(comparison.to_dict(), args.format, lambda lang: format_text(comparison, lang))


def warning_lines(warnings: list[Warning]) -> list[str]:
    """One line per warning on stderr, in the locale's language (the exit code stays 0)."""
    lang = environment_language()
    label = _("advarsel", lang)
    return [f"veikart: {label}: {w.message(lang)}" for w in warnings]


def _level_text(comparison: Comparison, level: Level, lang: str) -> list[str]:
    heading = _(HEADINGS[level.name], lang)
    label = {relation: _(msgid, lang) for relation, msgid in LABELS.items()}
    lines = ["", heading, "=" * len(heading)]
    for entry in level.old:
        status = level.old_status[entry.id]
        lines.append(f"- [{label[status]}] {shorten(entry.text, 110)}  ({entry.section_label})")
        for link in level.links:
            if link.old.id == entry.id:
                score = Decimal(link.score, 2).text(lang)
                lines.append(
                    f"    → [{label[link.relation]} {score}] {shorten(link.new.text, 100)}  ({link.new.section_label})"
                )
    new_ones = [
        e
        for e in level.new
        if (level.new_status[e.id] if level.name == "sections" else new_item_status(comparison, e)) == Relation.NEW
        and (level.name != "goals" or e.kind.value == "goal")
    ]
    for entry in new_ones:
        lines.append(f"+ [{label[Relation.NEW]}] {shorten(entry.text, 110)}  ({entry.section_label})")
    return lines


def format_text(comparison: Comparison, lang: str = "nb") -> str:
    """The comparison as plain text in ``lang`` ("nb", "nn" or "en"): the summary, then every item."""
    lines = [f"{comparison.old.title} → {comparison.new.title}", "", summary_text(comparison.summary(), lang)]
    for name in ("sections", "goals", "commitments"):
        lines += _level_text(comparison, comparison.levels[name], lang)
    return "\n".join(lines) + "\n"
