"""Read the two sides of a comparison: Strategy JSON or any document the importer reads."""

from __future__ import annotations

from pathlib import Path

from veikart.ingest.errors import ExtractError
from veikart.ingest.model import Strategy, read_strategy_json


class CompareError(ExtractError):
    """A file could not be compared: one line a person can act on, in the reader's language (``message(lang)``)."""


def load_strategy(path: str | Path) -> Strategy:
    """A Strategy from a Strategy JSON file (``"schema": "veikart.strategy/1"``) or a document."""
    path = Path(path)
    if not path.is_file():
        raise CompareError("filen finnes ikke")
    if path.suffix.lower() == ".json":
        try:
            return read_strategy_json(path.read_bytes())
        except OSError as exc:
            detail = exc.strerror or exc
            raise CompareError("kan ikke lese filen: %(reason)s", reason=str(detail)) from exc
        except ExtractError as exc:
            raise CompareError(exc.msg.msgid, **exc.msg.params) from exc
    from veikart.ingest.pipeline import extract

    try:
        return extract(path)
    except ExtractError as exc:
        raise CompareError(exc.msg.msgid, **exc.msg.params) from exc
