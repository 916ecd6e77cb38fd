"""The ``veikart`` command. Each area registers its own subcommands."""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules with ``register(subparsers)``; each adds its subcommands.
COMMAND_MODULES = (
    "veikart.ingest.cli",
    "veikart.compare.cli",
    "veikart.indicators.cli",
    "veikart.ingest.eval_cli",
    "veikart.sdg.cli",
    "veikart.bulk_import_cli",
    "veikart.web.planning.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="veikart", description="Veikart: strategy documents as structured plans.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("veikart: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
