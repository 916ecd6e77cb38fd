"""Read the two sides of a comparison: Strategy JSON or any document the importer reads."""

from __future__ import annotations

import json
from pathlib import Path

from veikart.ingest.model import SCHEMA, Strategy


class CompareError(Exception):
    """A file could not be compared; the message is one line a person can act on."""


def load_strategy(path: str | Path) -> Strategy:
    """A Strategy from a Strategy JSON file (``"schema": "veikart.strategy/1"``) or a document."""
    path = Path(path)
    if not path.is_file():
        raise CompareError("no such file")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise CompareError("the JSON file is not UTF-8 text") from exc
        except json.JSONDecodeError as exc:
            raise CompareError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
        except OSError as exc:
            raise CompareError(f"cannot read the file: {exc.strerror or exc}") from exc
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise CompareError(f'not Strategy JSON: expected "schema": "{SCHEMA}"')
        try:
            return Strategy.from_dict(data)
        except ValueError as exc:
            raise CompareError(str(exc)) from exc
    from veikart.ingest.errors import ExtractError
    from veikart.ingest.pipeline import extract

    try:
        return extract(path)
    except ExtractError as exc:
        raise CompareError(str(exc)) from exc
