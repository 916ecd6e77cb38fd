"""KS's members: every municipality and county with its official number, over time.

The data is ``data/members.csv`` (see data/README.md for where each part comes
from). A row is one number with one name for one period; a row that ended
names its successors, so a figure keyed by a former number (SSB 2022 figures
use the 2020 numbers) can be followed to the members of today.
"""

from __future__ import annotations

import csv
import enum
import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from veikart.i18n import MessageError

MEMBERS_CSV = Path(__file__).resolve().parent / "data" / "members.csv"
FIRST_DATE = date(2020, 1, 1)  # the earliest structure the data file describes


class MemberKind(enum.StrEnum):
    MUNICIPALITY = "municipality"  # kommune
    COUNTY = "county"  # fylke / fylkeskommune (Oslo: the municipality has the county's tasks)

    @property
    def label_nb(self) -> str:
        return {"municipality": "kommune", "county": "fylkeskommune"}[self.value]


class UnknownMemberError(MessageError, LookupError):
    """A number that is not, and never was (since 2020), a municipality or county.

    Its message is the core's catalogue's (``exc.message(lang)``; ``str(exc)`` is English).
    """


class InvalidMemberCode(UnknownMemberError):
    """Text that is not written like a municipality or county number at all ("K-Rest", "K-23", "abc")."""


class BeforeMemberList(MessageError, ValueError):
    """A day before the first the member list describes (FIRST_DATE)."""


def _before_the_list() -> BeforeMemberList:
    return BeforeMemberList("medlemslisten begynner %(date)s", date=FIRST_DATE.isoformat())


@dataclass(frozen=True, slots=True)
class Member:
    number: str  # "0301" for a municipality, "03" for a county: the official number, zero-padded
    name: str
    kind: MemberKind
    valid_from: date
    valid_to: date | None  # None: still valid
    successors: tuple[str, ...] = ()  # numbers that took over when this one ended
    source: str = ""  # where the row comes from (see data/README.md)

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def county_number(self) -> str:
        return self.number[:2]

    @property
    def code(self) -> str:
        """The region code SSB's API uses: K-3101 for a municipality, F-31 for a county."""
        return ("K-" if self.kind is MemberKind.MUNICIPALITY else "F-") + self.number


def _parse_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@functools.cache
def _all_members(path: Path = MEMBERS_CSV) -> tuple[Member, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Member(
                number=row["number"],
                name=row["name"],
                kind=MemberKind(row["kind"]),
                valid_from=date.fromisoformat(row["valid_from"]),
                valid_to=_parse_date(row["valid_to"]),
                successors=tuple(row["successors"].split()),
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        )


@functools.cache
def _by_number() -> dict[tuple[MemberKind, str], tuple[Member, ...]]:
    index: dict[tuple[MemberKind, str], list[Member]] = {}
    for member in _all_members():
        index.setdefault((member.kind, member.number), []).append(member)
    return {key: tuple(sorted(rows, key=lambda m: m.valid_from)) for key, rows in index.items()}


def all_members() -> list[Member]:
    """Every row of the data file: current and former municipalities and counties."""
    return list(_all_members())


def load_members(day: date | None = None, kind: MemberKind | None = None) -> list[Member]:
    """The members valid on ``day`` (default: today), counties first, then municipalities by number."""
    day = day or date.today()
    if day < FIRST_DATE:
        raise _before_the_list()
    return [m for m in _all_members() if m.is_valid_on(day) and (kind is None or m.kind is kind)]


def normalise_number(code: str | int) -> tuple[MemberKind, str]:
    """Read a municipality or county number as people and SSB write it.

    "K-3001", "3001", 3001 -> municipality 3001; "301" or 301 -> municipality
    0301 (spreadsheets drop the leading zero); "F-30", "30", "3" -> county.
    Raises InvalidMemberCode for anything else (SSB aggregates such as "K-Rest", "K-23").
    """
    text = str(code).strip().upper()
    kind: MemberKind | None = None
    if text.startswith("K-"):
        kind, text = MemberKind.MUNICIPALITY, text[2:]
    elif text.startswith("F-"):
        kind, text = MemberKind.COUNTY, text[2:]
    prefixed = kind is not None
    if kind is None and text.isdigit():
        kind = MemberKind.MUNICIPALITY if len(text) >= 3 else MemberKind.COUNTY
    width = 4 if kind is MemberKind.MUNICIPALITY else 2
    # SSB's prefixed codes are always zero-padded, so "K-23" (Kontinentalsokkelen) is no municipality.
    if kind is None or not text.isdigit() or len(text) > width or (prefixed and len(text) != width):
        raise InvalidMemberCode("«%(code)s» er ikke et kommune- eller fylkesnummer", code=str(code))
    return kind, text.zfill(width)


def lookup(code: str | int, at: date | None = None) -> Member:
    """The member that had this number on ``at`` (default: the latest row with that number)."""
    kind, number = normalise_number(code)
    rows = _by_number().get((kind, number))
    if not rows:
        if kind is MemberKind.MUNICIPALITY:
            raise UnknownMemberError("ukjent kommunenummer %(number)s", number=number)
        raise UnknownMemberError("ukjent fylkesnummer %(number)s", number=number)
    if at is None:
        return rows[-1]
    for row in rows:
        if row.is_valid_on(at):
            return row
    # The number did not exist on that day; the closest row still tells what it was.
    return rows[-1] if at > rows[-1].valid_from else rows[0]


def resolve(code: str | int, at: date | None = None) -> list[Member]:
    """The member(s) valid on ``at`` (default: today) that a number, current or former, leads to.

    A renumbered municipality leads to one member (3001 Halden -> 3101 Halden),
    a split one to several (1507 Ålesund -> 1508 Ålesund and 1580 Haram). A
    number asked about a day before it existed leads back to its predecessor
    (3101 in 2022 -> 3001 Halden; 1580 Haram in 2022 -> 1507 Ålesund).
    """
    at = at or date.today()
    if at < FIRST_DATE:
        raise _before_the_list()
    kind, _ = normalise_number(code)
    start = lookup(code, at)
    found: list[Member] = []
    pending = [start]
    seen: set[str] = set()
    while pending:
        member = pending.pop(0)
        if member.number in seen:
            continue
        seen.add(member.number)
        if member.is_valid_on(at):
            found.append(member)
            continue
        if member.valid_to is not None and member.valid_to < at:
            pending.extend(lookup(_code(kind, number), at) for number in member.successors)
        elif member.valid_from > at:  # a newer number asked about an older day: go back to its predecessors
            pending.extend(_predecessors(member))
    return found


def _code(kind: MemberKind, number: str) -> str:
    return ("K-" if kind is MemberKind.MUNICIPALITY else "F-") + number


@functools.cache
def _predecessor_index() -> dict[tuple[MemberKind, str], tuple[Member, ...]]:
    index: dict[tuple[MemberKind, str], list[Member]] = {}
    for member in _all_members():
        for number in member.successors:
            index.setdefault((member.kind, number), []).append(member)
    return {key: tuple(rows) for key, rows in index.items()}


def _predecessors(member: Member) -> tuple[Member, ...]:
    return _predecessor_index().get((member.kind, member.number), ())
