"""What an indicator import produces and how rows get into it: the plan, its rows and rejections, the options,
and the ``Builder`` every reader (CSV, JSON-stat, Veikart's own XLSX and JSON) feeds value by value.

Pure data; reading a file is :mod:`veikart.indicators.importing`.
"""

from __future__ import annotations

import enum
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from veikart.i18n import N_, Message, MessageError, environment_language
from veikart.indicators.periods import PeriodError, period_end
from veikart.members import FIRST_DATE, InvalidMemberCode, Member, UnknownMemberError, normalise_number, resolve

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "VEIKART_MAX_IMPORT_BYTES"
# Far above one real file (SSB's population table for every municipality and year: 178,500 values);
# a file over it is refused as a whole once it has that many values.
DEFAULT_MAX_VALUES = 500_000
MAX_VALUES_ENV = "VEIKART_MAX_IMPORT_VALUES"
# Statistics for Norwegian municipalities: nothing before 1900, no forecast beyond 2100.
FIRST_YEAR, LAST_YEAR = 1900, 2100

# SSB's symbols for a value that is not there (https://www.ssb.no/en/help/symbols-in-tables).
# Their meanings are message ids: ``Message(SSB_SYMBOLS[".."])`` is shown in the reader's language.
SSB_SYMBOLS = {
    ".": N_("ikke mulig å oppgi"),
    "..": N_("tall kan ikke offentliggjøres ennå"),
    "...": N_("oppgave mangler"),
    ":": N_("vises ikke av personvernhensyn"),
    "-": N_("null (skriv 0 om det er ment)"),
}


def symbol_detail(symbol: str) -> Message:
    """Why a value marked with SSB's ``symbol`` is missing: "«..»: tall kan ikke offentliggjøres ennå"."""
    return Message(
        "«%(symbol)s»: %(meaning)s", {"symbol": symbol, "meaning": Message(SSB_SYMBOLS.get(symbol, N_("status")))}
    )


class ImportRefused(MessageError):
    """The whole file is refused (too large, unreadable, wrong columns, inconsistent JSON-stat).

    Its message is a catalogue ``Message`` (``msg``): ``str()`` is English, ``message(lang)`` the reader's language.
    """


class RejectReason(enum.StrEnum):
    WRONG_FIELD_COUNT = "wrong_field_count"
    MISSING_VALUE = "missing_value"
    NOT_NUMERIC = "not_numeric"
    BAD_PERIOD = "bad_period"
    MISSING_INDICATOR = "missing_indicator"
    NOT_A_MEMBER = "not_a_member"
    UNKNOWN_MEMBER = "unknown_member"
    SPLIT_MEMBER = "split_member"
    CONFLICTING_DUPLICATE = "conflicting_duplicate"

    @property
    def label(self) -> Message:
        """The reason in words, shown in the reader's language (``label.text(lang)``)."""
        return Message(_REASON_LABELS[self])


_REASON_LABELS = {
    RejectReason.WRONG_FIELD_COUNT: N_("feil antall felt"),
    RejectReason.MISSING_VALUE: N_("verdi mangler"),
    RejectReason.NOT_NUMERIC: N_("ikke et tall"),
    RejectReason.BAD_PERIOD: N_("ugyldig periode"),
    RejectReason.MISSING_INDICATOR: N_("indikator mangler"),
    RejectReason.NOT_A_MEMBER: N_("ikke en kommune eller fylkeskommune"),
    RejectReason.UNKNOWN_MEMBER: N_("ukjent kommune- eller fylkesnummer"),
    RejectReason.SPLIT_MEMBER: N_("kommunen er delt, verdien kan ikke fordeles"),
    RejectReason.CONFLICTING_DUPLICATE: N_("motstridende duplikat"),
}


# Where in a file a value was read: a message with the number of the line, row or value (%(n)s).
CSV_LINE = N_("linje %(n)s")
SPREADSHEET_ROW = N_("rad %(n)s")
FILE_VALUE = N_("verdi %(n)s")
API_VALUE = "values.%(n)s"  # a field of an API request: a path, not words (never translated)


@dataclass(frozen=True, slots=True)
class Location:
    """Where in the file a value was read ("linje 12"): shown in the reader's language (``text``), stored as a
    message (``message().to_dict()``) so a page shows it in its own."""

    form: str  # CSV_LINE, SPREADSHEET_ROW, FILE_VALUE or API_VALUE
    n: int

    def message(self) -> Message:
        return Message(self.form, {"n": self.n})

    def text(self, lang: str | None = None) -> str:
        return self.message().text(lang)


# A refusal found for an organisation code is kept per code and placed at each row that names the code.
_UNPLACED = Location("", 0)


@dataclass(frozen=True, slots=True)
class ImportRow:
    organisation: str  # member number the value lands on, e.g. "3101"
    kind: str  # "municipality", "county", or OWN (the importing organisation itself)
    indicator: str
    period: str  # as in the file, e.g. "2022"
    period_end: date
    value: float
    source_code: str  # the organisation code as written, e.g. "K-3001"
    location: Location  # where in the file: "linje 12" / "verdi 345"


@dataclass(frozen=True, slots=True)
class Rejection:
    location: Location
    reason: RejectReason
    detail: Message  # shown in the reader's language: detail.text(lang), or stored with detail.to_dict()
    raw: tuple[str, ...] = ()


@dataclass
class ImportPlan:
    source: str  # file name
    format: str  # "csv", "xlsx", "json-stat" or "veikart-json"
    sha256: str
    size: int
    rows: list[ImportRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Message] = field(
        default_factory=list
    )  # what was done quietly: encoding, dropped identical duplicates …
    origin: dict[str, str] = field(default_factory=dict)  # e.g. SSB's dataset label, source, updated
    identical_duplicates: int = 0
    mapped_from_former: int = 0  # values whose number was a former one (3001 -> 3101)

    @property
    def reasons(self) -> Counter[RejectReason]:
        return Counter(r.reason for r in self.rejected)

    @property
    def indicators(self) -> list[str]:
        return sorted({r.indicator for r in self.rows})

    def summary(self, lang: str | None = None) -> str:
        """The printed summary (pinned by tests) in ``lang`` (default: the environment's): counts first, then
        every reason with its count."""
        lang = lang or environment_language()
        messages = [
            Message(
                "%(source)s (%(format)s, %(size)s byte, sha256 %(sha)s)",
                {"source": self.source, "format": self.format, "size": self.size, "sha": self.sha256[:12]},
            ),
            Message("godtatt: %(n)s", {"n": len(self.rows)}),
            Message("avvist: %(n)s", {"n": len(self.rejected)}),
        ]
        lines = [m.text(lang) for m in messages]
        for reason, count in sorted(self.reasons.items(), key=lambda item: (-item[1], item[0].value)):
            lines.append(f"  {count:>8}  {reason.label.text(lang)}")
        if self.identical_duplicates:
            lines.append(
                Message("like duplikater tatt med én gang: %(n)s", {"n": self.identical_duplicates}).text(lang)
            )
        if self.mapped_from_former:
            lines.append(Message("tidligere nummer ført til nytt: %(n)s", {"n": self.mapped_from_former}).text(lang))
        if self.rows:
            first = min(self.rows, key=lambda r: r.period_end).period
            last = max(self.rows, key=lambda r: r.period_end).period
            organisations = len({r.organisation for r in self.rows})
            lines.append(
                Message(
                    "indikatorer: %(indicators)s; perioder: %(first)s – %(last)s; organisasjoner: %(organisations)s",
                    {"indicators": len(self.indicators), "first": first, "last": last, "organisations": organisations},
                ).text(lang)
            )
        lines.extend(Message("merk: %(note)s", {"note": note}).text(lang) for note in self.notes)
        return "\n".join(lines) + "\n"

    def to_dict(self, lang: str = "en") -> dict:
        """The plan as JSON: each rejection's detail in ``lang``, and as its message (``Message.to_dict``)."""
        return {
            "source": self.source,
            "format": self.format,
            "sha256": self.sha256,
            "size": self.size,
            "origin": self.origin,
            "notes": [note.text(lang) for note in self.notes],
            "counts": {
                "accepted": len(self.rows),
                "rejected": len(self.rejected),
                "identical_duplicates": self.identical_duplicates,
                "mapped_from_former": self.mapped_from_former,
                "by_reason": {k.value: v for k, v in self.reasons.items()},
            },
            "rows": [
                {
                    "organisation": r.organisation,
                    "indicator": r.indicator,
                    "period": r.period,
                    "value": r.value,
                    "source_code": r.source_code,
                    "location": r.location.text(lang),
                }
                for r in self.rows
            ],
            "rejected": [
                {
                    "location": r.location.text(lang),
                    "reason": r.reason.value,
                    "detail": r.detail.text(lang),
                    "message": r.detail.to_dict(),
                    "raw": list(r.raw),
                }
                for r in self.rejected
            ],
        }


@dataclass(frozen=True)
class ColumnMapping:
    """Which CSV column holds what. None: found by name (see csv_reader.COLUMN_NAMES)."""

    organisation: str | None = None
    period: str | None = None
    value: str | None = None
    indicator: str | None = None


@dataclass(frozen=True)
class ImportOptions:
    indicator: str | None = None  # indicator name for every value (CSV without indicator column; JSON-stat)
    columns: ColumnMapping = field(default_factory=ColumnMapping)
    as_of: date | None = None  # member structure the values land on (default: today)
    # True: a value lands on the member valid at the end of its period (1507 Ålesund for 2022), not today's
    period_structure: bool = False
    max_bytes: int | None = None  # default: VEIKART_MAX_IMPORT_BYTES or 50 MB
    max_values: int | None = None  # default: VEIKART_MAX_IMPORT_VALUES or 500,000
    # JSON-stat: dimension ids, found from "role" and names when None
    region_dimension: str | None = None
    time_dimension: str | None = None
    # JSON-stat: keep only these categories, e.g. {"ContentsCode": "Personer1"}
    select: dict[str, str] = field(default_factory=dict)
    # True: a row with no organisation number is the importing organisation's own value (KS's own figures,
    # written by Veikart's export with the number left blank); such rows get kind OWN and organisation "".
    blank_is_own: bool = False


OWN = "own"  # ImportRow.kind of a value for the importing organisation itself


def max_bytes_from_env() -> int:
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImportRefused("%(name)s må være et helt antall byte", name=MAX_BYTES_ENV) from exc
    if value <= 0:
        raise ImportRefused("%(name)s må være positiv", name=MAX_BYTES_ENV)
    return value


def max_values_from_env() -> int:
    raw = os.environ.get(MAX_VALUES_ENV, "").strip()
    try:
        value = int(raw) if raw else DEFAULT_MAX_VALUES
    except ValueError as exc:
        raise ImportRefused("%(name)s må være et helt tall", name=MAX_VALUES_ENV) from exc
    if value <= 0:
        raise ImportRefused("%(name)s må være positiv", name=MAX_VALUES_ENV)
    return value


def parse_number(text: str) -> float:
    """A number as written in Norwegian or English files: "1 234,5", "1.234,5", "1,234.5", "2,0", "-3"."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        # The later separator is the decimal one.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")  # Norwegian decimal comma
    value = float(cleaned)  # ValueError for anything else
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _number(value: float | str | None, missing_detail: Message | None) -> float | tuple[RejectReason, Message]:
    """A cell's value as a finite number, or why it is not one (text is parsed: decimal comma, SSB's symbols)."""
    if isinstance(value, str):
        text = value.strip()
        if not text or text in SSB_SYMBOLS:
            return RejectReason.MISSING_VALUE, symbol_detail(text) if text else Message("tom celle")
        try:
            value = parse_number(text)
        except ValueError:
            return RejectReason.NOT_NUMERIC, Message("«%(text)s» er ikke et tall", {"text": text})
    if value is None:
        return RejectReason.MISSING_VALUE, missing_detail or Message("verdi mangler")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return RejectReason.NOT_NUMERIC, Message("«%(text)s» er ikke et tall", {"text": repr(value)})
    return float(value)


class Builder:
    """Collects rows into a plan: validates, resolves members (cached), sorts out duplicates."""

    def __init__(self, plan: ImportPlan, options: ImportOptions):
        self.plan = plan
        self.as_of = options.as_of or date.today()
        self.period_structure = options.period_structure
        # (code, day) -> (member, whether the code was a former number), or why it is refused
        self._members: dict[tuple[str, date], tuple[Member, bool] | Rejection] = {}
        self._periods: dict[str, date | None] = {}
        # (organisation, period_end, indicator) -> rows seen; conflicts resolved in finish()
        self._seen: dict[tuple[str, date, str], list[ImportRow]] = {}
        self.max_values = options.max_values if options.max_values is not None else max_values_from_env()
        self._values = 0
        self.blank_is_own = options.blank_is_own

    def reject(self, location: Location, reason: RejectReason, detail: Message, raw: tuple[str, ...] = ()) -> None:
        self.plan.rejected.append(Rejection(location, reason, detail, raw))

    def _member(self, code: str, day: date) -> tuple[Member, bool] | Rejection:
        cached = self._members.get((code, day))
        if cached is None:
            cached = self._members[(code, day)] = self._resolve(code, day)
        return cached

    def _resolve(self, code: str, day: date) -> tuple[Member, bool] | Rejection:
        if not code.strip():
            return Rejection(_UNPLACED, RejectReason.NOT_A_MEMBER, Message("organisasjonsnummer mangler"))
        try:
            found = resolve(code, max(day, FIRST_DATE))
        except InvalidMemberCode:
            detail = Message("«%(code)s» er ikke et kommune- eller fylkesnummer", {"code": code})
            return Rejection(_UNPLACED, RejectReason.NOT_A_MEMBER, detail)
        except UnknownMemberError:
            detail = Message("ukjent nummer %(code)s", {"code": code})
            return Rejection(_UNPLACED, RejectReason.UNKNOWN_MEMBER, detail)
        if len(found) != 1:
            names = ", ".join(f"{m.number} {m.name}" for m in found)
            detail = Message("%(code)s ble delt i %(names)s", {"code": code, "names": names})
            return Rejection(_UNPLACED, RejectReason.SPLIT_MEMBER, detail)
        return found[0], normalise_number(code)[1] != found[0].number

    def _period(self, text: str) -> date | None:
        if text not in self._periods:
            try:
                self._periods[text] = period_end(text)
            except PeriodError:
                self._periods[text] = None
        return self._periods[text]

    def add(
        self,
        location: Location,
        code: str,
        period: str,
        indicator: str,
        value: float | str | None,
        raw: tuple[str, ...] = (),
        missing_detail: Message | None = None,
    ) -> None:
        """One value. ``value`` may be text (parsed here), a number, or None (missing)."""
        self._values += 1
        if self._values > self.max_values:
            raise ImportRefused(
                "filen har mer enn %(n)s verdier; del den opp (%(name)s)", n=self.max_values, name=MAX_VALUES_ENV
            )
        end = self._period(period)
        if end is None:
            self.reject(
                location, RejectReason.BAD_PERIOD, Message("«%(period)s» er ikke en periode", {"period": period}), raw
            )
            return
        if not FIRST_YEAR <= end.year <= LAST_YEAR:
            span = f"{FIRST_YEAR}–{LAST_YEAR}"
            detail = Message("«%(period)s» ligger utenfor %(span)s", {"period": period, "span": span})
            self.reject(location, RejectReason.BAD_PERIOD, detail, raw)
            return
        if self.blank_is_own and not code.strip():
            resolved: tuple[Member, bool] | Rejection | None = None
        else:
            resolved = self._member(code, min(end, self.as_of) if self.period_structure else self.as_of)
        if isinstance(resolved, Rejection):
            self.reject(location, resolved.reason, resolved.detail, raw)
            return
        member, was_former = resolved if resolved is not None else (None, False)
        if not indicator:
            self.reject(location, RejectReason.MISSING_INDICATOR, Message("indikatornavn mangler"), raw)
            return
        number = _number(value, missing_detail)
        if isinstance(number, tuple):
            self.reject(location, *number, raw)
            return
        if was_former:
            self.plan.mapped_from_former += 1
        member_number, kind = (member.number, member.kind.value) if member is not None else ("", OWN)
        row = ImportRow(member_number, kind, indicator, period, end, number, code, location)
        self._seen.setdefault((member_number, end, indicator), []).append(row)

    def finish(self) -> ImportPlan:
        for rows in self._seen.values():
            if len(rows) == 1:
                self.plan.rows.append(rows[0])
                continue
            if len({r.value for r in rows}) == 1:
                self.plan.rows.append(rows[0])
                self.plan.identical_duplicates += len(rows) - 1
                continue
            where = tuple(r.location.message() for r in rows)  # a list of messages: ", "-joined when shown
            for r in rows:
                self.plan.rejected.append(
                    Rejection(
                        r.location,
                        RejectReason.CONFLICTING_DUPLICATE,
                        Message(
                            "%(organisation)s %(period)s «%(indicator)s» har ulike verdier (%(where)s)",
                            {
                                "organisation": r.organisation,
                                "period": r.period,
                                "indicator": r.indicator,
                                "where": where,
                            },
                        ),
                        (r.source_code, r.period, r.indicator, repr(r.value)),
                    )
                )
        self._seen.clear()
        return self.plan
