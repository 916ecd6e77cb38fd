"""``veikart sdg classify`` and ``veikart sdg evaluate``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from veikart.i18n import Message, _, environment_language
from veikart.sdg.evaluate import EvaluationError


def register(subparsers: argparse._SubParsersAction) -> None:
    """``veikart sdg``; the help is in the locale's language (veikart.i18n)."""
    sdg = subparsers.add_parser("sdg", help=_("bærekraftsmål: foreslå og evaluer"))
    commands = sdg.add_subparsers(dest="sdg_command", required=True, metavar="SUBCOMMAND")

    classify = commands.add_parser("classify", help=_("foreslå bærekraftsmål for tekster, én per linje"))
    classify.add_argument("file", nargs="?", default="-", help=_("tekstfil (standard: stdin)"))
    classify.add_argument(
        "--language", choices=("nb", "nn", "en"), default=None, help=_("språk (standard: gjettes per linje)")
    )
    classify.set_defaults(func=run_classify)

    evaluate = commands.add_parser("evaluate", help=_("kjør evalueringene og skriv tabellene"))
    evaluate.add_argument(
        "--only", choices=("benchmark", "nb"), default=None, help=_("bare én av evalueringene (nb: de norske settene)")
    )
    # argparse reads help as a %-format: a percent sign is written twice.
    evaluate.add_argument("--bootstrap", type=int, default=1000, help=_("bootstrap-runder for 95 %%-intervallet"))
    evaluate.add_argument(
        "--vectors",
        metavar="FILE",
        default=None,
        help=_("mellomlager for tekstenes vektorer (.npz), så neste kjøring slipper å beregne dem"),
    )
    evaluate.set_defaults(func=run_evaluate)


def run_classify(args: argparse.Namespace) -> int:
    from veikart.sdg.classifier import default_classifier

    try:
        source: TextIO = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        reason = Message("kan ikke lese filen: %(reason)s", {"reason": exc.strerror or str(exc)})
        print(f"veikart: {args.file}: {reason.text(environment_language())}", file=sys.stderr)
        return 2
    classifier = default_classifier()
    try:
        with source:
            for line in source:
                text = line.rstrip("\n")
                if not text.strip():
                    continue
                matches = classifier.classify(text, args.language)
                record = {"text": text, "sdgs": [m.to_dict() for m in matches]}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except UnicodeDecodeError:
        not_text = _("filen er ikke UTF-8-tekst")
        print(f"veikart: {args.file}: {not_text}", file=sys.stderr)
        return 2
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from veikart.sdg.classifier import default_classifier
    from veikart.sdg.evaluate import format_benchmark, format_norwegian, run_benchmark, run_norwegian, text_vectors

    classifier = default_classifier()

    def predict_many(texts: list[str]) -> list[list[int]]:
        vectors = text_vectors(texts, args.vectors)
        return [[m.goal for m in matches] for matches in classifier.classify_many(texts, vectors=vectors)]

    try:
        if args.only in (None, "nb"):
            print(format_norwegian(run_norwegian(predict_many, rounds=args.bootstrap)))
        if args.only is None:
            print()
        if args.only in (None, "benchmark"):
            result = run_benchmark(lambda text: [], rounds=args.bootstrap, predict_many=predict_many)
            print(format_benchmark(result))
    except EvaluationError as exc:
        print(f"veikart: {exc}", file=sys.stderr)
        return 2
    return 0
