"""Strategy JSON (schema ``veikart.strategy/1``) as plain dataclasses.

This is the contract between the importer, the web application and other
tools (see shared/DESIGN.md): extend it, never break it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from veikart.i18n import Decimal, Message, language_code
from veikart.ingest.errors import ExtractError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms of every command's start-up)
if TYPE_CHECKING:
    from typing import Any

SCHEMA = "veikart.strategy/1"

# Strategy JSON is read by one function (``read_strategy_json``) wherever it comes from: the CLI's
# compare and evaluate-extract, the web's upload and restore. A real plan is a few hundred kB and
# about 20 levels deep (sections 8 deep, then an item and its source); these limits are far beyond.
MAX_JSON_BYTES_ENV = "VEIKART_MAX_STRATEGY_JSON_BYTES"
DEFAULT_MAX_JSON_BYTES = 10 * 1024 * 1024
MAX_JSON_DEPTH = 64


class StrategyJSONError(ExtractError, ValueError):
    """Not Strategy JSON, or more than may be read: one line in bokmål and English (a ValueError too)."""


def max_json_bytes() -> int:
    """VEIKART_MAX_STRATEGY_JSON_BYTES from the environment, or 10 MB."""
    try:
        return int(os.environ.get(MAX_JSON_BYTES_ENV) or DEFAULT_MAX_JSON_BYTES)
    except ValueError:
        return DEFAULT_MAX_JSON_BYTES


def read_strategy_json(data: bytes | str, *, max_bytes: int | None = None) -> Strategy:
    """Decode Strategy JSON text and read it; StrategyJSONError (one line, bokmål and English) when it
    is larger than ``max_bytes`` (default ``max_json_bytes()``), not UTF-8, not JSON, nested deeper than
    MAX_JSON_DEPTH or not Strategy JSON."""
    limit = max_json_bytes() if max_bytes is None else max_bytes
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limit:
        mb = limit / (1024 * 1024)
        raise StrategyJSONError("en Strategy JSON-fil kan være høyst %(mb)s MB", mb=Decimal(mb))
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise StrategyJSONError("JSON-filen er ikke UTF-8-tekst") from exc
    try:
        decoded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StrategyJSONError(
            "filen er ikke gyldig JSON: %(reason)s på linje %(line)s", reason=exc.msg, line=exc.lineno
        ) from exc
    except RecursionError as exc:
        raise _too_deep() from exc
    return Strategy.from_dict(decoded)


def _too_deep() -> StrategyJSONError:
    return StrategyJSONError("JSON-en er nestet for dypt: mer enn %(levels)s nivåer", levels=MAX_JSON_DEPTH)


def _check_depth(data: Any) -> None:
    """Refuse objects and arrays nested deeper than MAX_JSON_DEPTH (without recursion: that is the danger)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values() if isinstance(child, dict | list))
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value if isinstance(child, dict | list))


@dataclass
class Source:
    """Where an item came from: a page (1-based, or None) and character offsets.

    Offsets index the extracted text of that page, or of the whole document
    when it has no pages.
    """

    page: int | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source | None:
        if not data:
            return None
        return cls(page=data.get("page"), start=int(data.get("start", 0)), end=int(data.get("end", 0)))


@dataclass
class Item:
    """A goal or a commitment: one clean sentence or bullet."""

    text: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source.to_dict() if self.source else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        return cls(text=str(data["text"]), source=Source.from_dict(data.get("source")))


@dataclass
class Section:
    """A chapter or focus area; numbered where the document numbers it."""

    number: str | None
    title: str
    intro: str = ""
    goals: list[Item] = field(default_factory=list)
    commitments: list[Item] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "intro": self.intro,
            "goals": [g.to_dict() for g in self.goals],
            "commitments": [c.to_dict() for c in self.commitments],
            "sections": [s.to_dict() for s in self.sections],
            "source": self.source.to_dict() if self.source else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(
            number=data.get("number"),
            title=str(data.get("title", "")),
            intro=str(data.get("intro") or ""),
            goals=[Item.from_dict(g) for g in data.get("goals", [])],
            commitments=[Item.from_dict(c) for c in data.get("commitments", [])],
            sections=[Section.from_dict(s) for s in data.get("sections", [])],
            source=Source.from_dict(data.get("source")),
        )

    def walk(self):
        """Yield this section and every section below it, depth first."""
        yield self
        for child in self.sections:
            yield from child.walk()


@dataclass
class DocumentSource:
    filename: str | None
    sha256: str
    pages: int | None
    format: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "sha256": self.sha256, "pages": self.pages, "format": self.format}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DocumentSource:
        data = data or {}
        return cls(
            filename=data.get("filename"),
            sha256=str(data.get("sha256", "")),
            pages=data.get("pages"),
            format=data.get("format"),
        )


@dataclass
class Period:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass
class Warning:
    """Something the importer doubts or could not find, for the person who reviews the result.

    ``code`` is stable (machine-readable); ``nb`` and ``en`` say it in one sentence each, for readers without
    the catalogue. ``msg`` is the sentence's message id and parameters, so ``message`` can say it in nynorsk
    too (Strategy JSON's optional ``"message"``; a file written before it has only ``nb`` and ``en``).
    """

    code: str
    nb: str
    en: str
    msg: Message | None = field(default=None, compare=False, repr=False)

    def message(self, lang: str | None) -> str:
        """The sentence in ``lang`` ("nb", "nn" or "en", any region); without ``msg`` bokmål for nb/nn/no."""
        if self.msg is not None:
            return self.msg.text(language_code(lang))
        return self.nb if (lang or "").lower()[:2] in ("nb", "nn", "no") else self.en

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "nb": self.nb, "en": self.en}
        if self.msg is not None:
            data["message"] = self.msg.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Warning:
        stored = data.get("message")
        msg = Message.from_dict(stored) if isinstance(stored, dict) and "msgid" in stored else None
        return cls(code=str(data.get("code", "")), nb=str(data.get("nb", "")), en=str(data.get("en", "")), msg=msg)


@dataclass
class Strategy:
    title: str
    organisation: str | None
    period: Period | None
    source: DocumentSource
    language: str = "nb"
    sections: list[Section] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "title": self.title,
            "organisation": self.organisation,
            "period": self.period.to_dict() if self.period else None,
            "language": self.language,
            "source": self.source.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Strategy:
        """Read decoded Strategy JSON; StrategyJSONError (a ValueError) with one clear line when it is not."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise StrategyJSONError('ikke Strategy JSON: forventet "schema": "%(schema)s"', schema=SCHEMA)
        _check_depth(data)
        period = data.get("period")
        try:
            return cls(
                title=str(data.get("title", "")),
                organisation=data.get("organisation"),
                period=Period(int(period["start"]), int(period["end"])) if period else None,
                language=str(data.get("language") or "nb"),
                source=DocumentSource.from_dict(data.get("source")),
                sections=[Section.from_dict(s) for s in data.get("sections", [])],
                warnings=[Warning.from_dict(w) for w in data.get("warnings") or []],
            )
        except KeyError as exc:
            raise StrategyJSONError("ugyldig Strategy JSON: mangler %(field)s", field=str(exc)) from exc
        except (TypeError, ValueError, AttributeError) as exc:
            raise StrategyJSONError(
                "ugyldig Strategy JSON: et felt har feil type eller verdi (%(reason)s)", reason=str(exc)
            ) from exc

    def walk(self):
        """Yield every section, depth first."""
        for section in self.sections:
            yield from section.walk()
