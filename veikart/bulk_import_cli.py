"""``veikart import DIR --organisation SLUG [--publish]``: a folder of documents into the web application."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="import every document in a folder into an organisation (resumable)",
        description="Import every supported document (PDF, DOCX, HTML, Markdown, text) in DIR as strategies of "
        "the organisation. Files already imported (same SHA-256) are skipped, so an interrupted run "
        "can simply be started again.",
    )
    p.add_argument("folder", metavar="DIR", help="folder with the documents")
    p.add_argument("--organisation", required=True, metavar="SLUG", help="the organisation's short name")
    p.add_argument("--publish", action="store_true", help="publish each imported strategy (default: drafts)")
    p.add_argument("--user", metavar="USERNAME", help="record the imports as made by this user")
    p.add_argument("--recursive", action="store_true", help="also import from sub-folders")
    p.set_defaults(func=run_import)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    import django

    django.setup()


def run_import(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        from veikart.bulk_import import say

        print(f"veikart import: {folder}: {say('not a folder', 'ikke en mappe')}", file=sys.stderr)
        return 2
    _setup_django()
    from veikart.bulk_import import Progress, import_folder, say

    progress: Progress | None = None

    def start(total: int) -> None:
        nonlocal progress
        progress = Progress(total)
        print(
            say(f"importing {total} file(s) from {folder}", f"importerer {total} fil(er) fra {folder}"), file=sys.stderr
        )

    try:
        report = import_folder(
            folder,
            args.organisation,
            publish=args.publish,
            username=args.user,
            recursive=args.recursive,
            on_start=start,
            progress=lambda name, outcome: progress.step(name, outcome) if progress else None,
        )
    except ValueError as exc:
        print(f"veikart import: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 1 if report.failures else 0
