"""Strategy JSON (schema ``veikart.strategy/1``) as plain dataclasses.

This is the contract between the importer, the web application and other
tools (see shared/DESIGN.md): extend it, never break it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "veikart.strategy/1"


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

    ``code`` is stable (machine-readable); ``nb`` and ``en`` say it in one sentence each.
    """

    code: str
    nb: str
    en: str

    def message(self, lang: str | None) -> str:
        """The sentence in bokmål for nb/nn/no (any region), else English."""
        return self.nb if (lang or "").lower()[:2] in ("nb", "nn", "no") else self.en

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "nb": self.nb, "en": self.en}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Warning:
        return cls(code=str(data.get("code", "")), nb=str(data.get("nb", "")), en=str(data.get("en", "")))


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
        """Read Strategy JSON; raises ValueError with one clear line when it is not."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError(f"not Strategy JSON: expected \"schema\": \"{SCHEMA}\"")
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
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"invalid Strategy JSON: {exc}") from exc

    def walk(self):
        """Yield every section, depth first."""
        for section in self.sections:
            yield from section.walk()
