"""What both backends share: the query they receive, the scope (permissions and filters) as SQL, the hit."""

from __future__ import annotations

from dataclasses import dataclass

from veikart.text import QueryWord

TABLE = "search_searchdocument"
# Most matches in scope a query ranks (the newest ones); see backends/sqlite.py.
RANK_CAP = 1000
# With at least this many matches in scope for the exact terms, long terms are
# not also matched as prefixes: prefix expansion is the costliest part of a
# common query, and such a query has plenty of results without it.
EXACT_ENOUGH = 100


@dataclass(frozen=True)
class Scope:
    """Which rows a search may return.

    ``all_visible`` for staff; otherwise public rows and rows of
    ``member_of`` (organisation ids). The rest are the page's filters.
    """

    all_visible: bool = False
    member_of: tuple[int, ...] = ()
    organisation_id: int | None = None
    kinds: tuple[str, ...] = ()
    year: int | None = None
    sdg: int | None = None

    def where(self, alias: str = "d") -> tuple[str, list]:
        """A SQL condition (with %s parameters) on the index table aliased ``alias``."""
        clauses: list[str] = []
        params: list = []
        if not self.all_visible:
            if self.member_of:
                marks = ", ".join(["%s"] * len(self.member_of))
                clauses.append(f"({alias}.public = %s OR {alias}.organisation_id IN ({marks}))")
                params += [True, *self.member_of]
            else:
                clauses.append(f"{alias}.public = %s")
                params.append(True)
        if self.organisation_id is not None:
            clauses.append(f"{alias}.organisation_id = %s")
            params.append(self.organisation_id)
        if self.kinds:
            clauses.append(f"{alias}.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += list(self.kinds)
        if self.year is not None:
            clauses.append(f"{alias}.period_start <= %s AND {alias}.period_end >= %s")
            params += [self.year, self.year]
        if self.sdg is not None:
            clauses.append(f"{alias}.sdgs LIKE %s")
            params.append(f"%,{int(self.sdg)},%")
        return (" AND ".join(clauses) or "1 = 1"), params


@dataclass(frozen=True)
class Query:
    words: tuple[QueryWord, ...]
    raw_words: str  # the words only (no syntax), for PostgreSQL's own Norwegian parser
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class Hit:
    doc_id: int
    score: float


class Backend:
    """One database's full-text search: the best ``query.limit`` hits in ``scope`` from ``query.offset``."""

    name = ""

    def search(self, query: Query, scope: Scope) -> list[Hit]:  # pragma: no cover - interface
        raise NotImplementedError
