"""What ``veikart compare`` and ``veikart align`` share: the «evaluate» dispatch, loading both sides, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from veikart.compare.load import CompareError, load_strategy
from veikart.i18n import environment_language
from veikart.ingest.model import Strategy


def run_evaluation(main: Callable[[list[str]], int], gold: str | None, tune: bool, output: str) -> int:
    """``veikart compare|align evaluate [GOLD] [--tune] [--format json]`` handed to the evaluation's ``main``."""
    argv = ([gold] if gold else []) + (["--tune"] if tune else [])
    return main(argv + (["--json"] if output == "json" else []))


def load_both(first: str, second: str | None, usage: str) -> list[Strategy] | None:
    """Both strategies, or None after saying on stderr why not (no second path, or one that can't be read)."""
    if second is None:
        print(f"veikart: {usage}", file=sys.stderr)
        return None
    strategies = []
    for path in (first, second):
        try:
            strategies.append(load_strategy(path))
        except CompareError as exc:
            print(f"veikart: {path}: {exc.message(environment_language())}", file=sys.stderr)
            return None
    return strategies


def write_result(data: dict[str, Any], output: str, as_text: Callable[[str], str]) -> int:
    """The result as JSON, or as text in the locale's language; exit code 0."""
    if output == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_text(environment_language()))
    return 0


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
