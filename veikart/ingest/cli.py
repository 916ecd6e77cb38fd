"""``veikart extract FILE``: print the structure found in one document."""

from __future__ import annotations

import argparse
import json
import sys

from veikart.i18n import N_, _, environment_language
from veikart.ingest.errors import ExtractError
from veikart.ingest.model import Warning
from veikart.ingest.pipeline import extract
from veikart.ingest.tools.outline import format_outline


def register(subparsers: argparse._SubParsersAction) -> None:
    # Help texts are message ids, translated by veikart.cli.HelpFormatter only when help is printed.
    about = N_("skriv ut strategien som finnes i et dokument, som Strategy JSON")
    p = subparsers.add_parser("extract", help=about, description=about)
    p.add_argument("file", help=N_("en PDF-, DOCX-, HTML-, Markdown- eller tekstfil"))
    p.add_argument(
        "--format", choices=("json", "text"), default="json", help=N_("json (standard) eller en innrykket disposisjon")
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help=N_("avvis større filer (standard: VEIKART_MAX_UPLOAD_BYTES eller 50 MB)"),
    )
    p.set_defaults(func=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    try:
        strategy = extract(args.file, max_bytes=args.max_bytes)
    except ExtractError as exc:
        print(f"veikart: {args.file}: {exc.message(environment_language())}", file=sys.stderr)
        return 2
    print_warnings(args.file, strategy.warnings)
    if args.format == "text":
        sys.stdout.write(format_outline(strategy))
    else:
        # One write: json.dump writes each token apart, a system call each where stdout is unbuffered.
        sys.stdout.write(json.dumps(strategy.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return 0


def print_warnings(name: str, warnings: list[Warning]) -> None:
    """Each warning on stderr in the locale's language: ``veikart: FILE: advarsel: …`` (the exit code stays 0)."""
    if not warnings:
        return  # nothing to say: the catalogue is not read (about 4 ms of a run that found its structure)
    lang = environment_language()
    label = _("advarsel", lang)
    for warning in warnings:
        print(f"veikart: {name}: {label}: {warning.message(lang)}", file=sys.stderr)
