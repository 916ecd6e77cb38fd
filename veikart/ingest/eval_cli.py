"""``veikart evaluate-extract FILE EXPECTED.json``: precision and recall per item type."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from veikart.i18n import N_, Message, _, environment_language
from veikart.ingest.errors import ExtractError
from veikart.ingest.model import StrategyJSONError, read_strategy_json
from veikart.ingest.pipeline import extract
from veikart.ingest.tools.evaluate import evaluate, format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "evaluate-extract",
        help=_("sammenlign funnet struktur med forventet"),
    )
    p.add_argument("file", nargs="?", help=N_("en PDF-, DOCX-, HTML-, Markdown- eller tekstfil"))
    p.add_argument("expected", nargs="?", help=N_("Strategy JSON skrevet av en som har lest dokumentet"))
    p.add_argument(
        "--annotations",
        metavar="DIR",
        help=N_("i stedet: hver annotasjon i DIR (corpus/annotations) av én --split, per dokument og mikrosnitt"),
    )
    p.add_argument(
        "--split", default="test", help=N_("train eller test (standard: test, dokumenter modellen aldri er trent på)")
    )
    p.add_argument("--root", default=".", help=N_("mappen annotasjonenes dokumentstier går ut fra"))
    p.add_argument(
        "--require",
        type=float,
        default=None,
        metavar="SCORE",
        help=N_("avslutt med 1 når en presisjon eller gjenkalling er under SCORE (f.eks. 1.0)"),
    )
    p.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    if args.annotations:
        from veikart.ingest.tools.corpus_eval import evaluate_folder, format_report

        results = evaluate_folder(Path(args.annotations), Path(args.root), args.split)
        sys.stdout.write(format_report(results))
        return 0
    if not args.file or not args.expected:
        print("veikart: evaluate-extract needs FILE and EXPECTED, or --annotations DIR", file=sys.stderr)
        return 2
    try:
        expected = read_strategy_json(Path(args.expected).read_bytes())
    except OSError as exc:
        reason = Message("kan ikke lese filen: %(reason)s", {"reason": exc.strerror or str(exc)})
        print(f"veikart: {args.expected}: {reason.text(environment_language())}", file=sys.stderr)
        return 2
    except StrategyJSONError as exc:
        print(f"veikart: {args.expected}: {exc.message(environment_language())}", file=sys.stderr)
        return 2
    try:
        found = extract(args.file)
    except ExtractError as exc:
        print(f"veikart: {args.file}: {exc.message(environment_language())}", file=sys.stderr)
        return 2
    evaluation = evaluate(found, expected)
    sys.stdout.write(format_table(evaluation))
    if args.require is not None:
        worst = min(min(s.precision, s.recall) for s in evaluation.scores.values())
        return 0 if worst >= args.require else 1
    return 0
