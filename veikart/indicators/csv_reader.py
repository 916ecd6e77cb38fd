"""CSV indicator values: one row per organisation, period (and indicator), with a value column.

The delimiter is sniffed (";", "," or tab: whichever the header has most of),
the text is UTF-8 (with or without BOM) or else Windows-1252, as Excel in
Norway saves it. Columns are found by name (Norwegian or English, any case)
unless a :class:`ColumnMapping` names them; a file without the needed columns
is refused with the columns it does have.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from veikart.i18n import Message
from veikart.indicators.import_plan import (
    CSV_LINE,
    Builder,
    ColumnMapping,
    ImportOptions,
    ImportRefused,
    Location,
    RejectReason,
)
from veikart.spreadsheet import restore_cell

# Header names recognised without a mapping (compared lower-case, stripped).
COLUMN_NAMES = {
    # "organisation_number" before "organisation": Veikart's own export has both, the second holds the name.
    "organisation": (
        "organisation_number",
        "organisasjonsnummer",
        "kommunenummer",
        "kommunenr",
        "knr",
        "fylkesnummer",
        "fylkesnr",
        "region",
        "regionkode",
        "organisasjon",
        "organisation",
        "number",
        "nummer",
        "kode",
        "code",
    ),
    "period": ("år", "aar", "periode", "period", "year", "tid", "time"),
    "value": ("verdi", "value", "antall", "andel", "tall"),
    "indicator": ("indikator", "indicator", "statistikkvariabel", "variabel", "contentscode"),
}


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])  # ties: ";" before tab before "," (Norwegian Excel)
    return best if counts[best] else ","


def _shown(header: list[str]) -> str | Message:
    """The columns for an error message, shortened so that a wrong file gives one readable line."""
    names = [(h[:30] + "…") if len(h) > 30 else h for h in header[:12]]
    return ", ".join(names) + (", …" if len(header) > 12 else "") if names else Message("ingen")


def _find_columns(header: list[str], mapping: ColumnMapping, need_indicator: bool) -> dict[str, int]:
    lowered = [h.strip().lower() for h in header]
    found: dict[str, int] = {}
    for role in ("organisation", "period", "value", "indicator"):
        wanted = getattr(mapping, role)
        if wanted is not None:
            if wanted.strip().lower() not in lowered:
                raise ImportRefused(
                    "kolonnen «%(wanted)s» finnes ikke; kolonnene er %(columns)s", wanted=wanted, columns=_shown(header)
                )
            found[role] = lowered.index(wanted.strip().lower())
            continue
        for name in COLUMN_NAMES[role]:
            if name in lowered:
                found[role] = lowered.index(name)
                break
    missing = [r for r in ("organisation", "period", "value") if r not in found]
    if need_indicator and "indicator" not in found:
        missing.append("indicator")
    if missing:
        nb = {"organisation": "kommunenummer", "period": "år", "value": "verdi", "indicator": "indikator"}
        raise ImportRefused(
            "mangler kolonne for %(missing)s; fant %(columns)s (bruk kolonnekobling eller --indicator)",
            missing=", ".join(nb[m] for m in missing),
            columns=_shown(header),
        )
    return found


def read(data: bytes, options: ImportOptions, builder: Builder) -> None:
    if b"\x00" in data[:65536]:
        raise ImportRefused("filen er ikke tekst (binær, regneark?); lagre som CSV")
    text, encoding = decode(data)
    try:
        _read_text(text, encoding, options, builder)
    except csv.Error as exc:
        raise ImportRefused("CSV-filen kan ikke leses: %(reason)s", reason=str(exc)) from exc


def _read_text(text: str, encoding: str, options: ImportOptions, builder: Builder) -> None:
    lines = io.StringIO(text, newline="")
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    if not first:
        raise ImportRefused("filen er tom")
    delimiter = sniff_delimiter(first)
    builder.plan.notes.append(
        Message("tegnsett %(encoding)s, skilletegn %(delimiter)s", {"encoding": encoding, "delimiter": repr(delimiter)})
    )
    reader = csv.reader(lines, delimiter=delimiter)
    # A cell Veikart's own export neutralised ("'-5", "'=x") is read as it was before.
    rows = ([restore_cell(f) for f in fields] for fields in reader)
    read_table(rows, lambda: Location(CSV_LINE, reader.line_num), options, builder)


def read_table(
    rows: Iterator[list[str]], where: Callable[[], Location], options: ImportOptions, builder: Builder
) -> None:
    """Rows of text cells, the first non-blank one the header: CSV here, spreadsheets in ``xlsx_reader``.

    ``where`` names the row just read ("linje 12"), for rejections.
    """
    header: list[str] | None = None
    for fields in rows:
        if any(f.strip() for f in fields):
            header = fields
            break
    if header is None:
        raise ImportRefused("filen er tom")
    columns = _find_columns(header, options.columns, need_indicator=options.indicator is None)
    org, period, value = columns["organisation"], columns["period"], columns["value"]
    indicator_col = columns.get("indicator")
    width = len(header)
    blank = 0
    for fields in rows:
        location = where()
        if len(fields) != width:
            if not any(f.strip() for f in fields):
                blank += 1
                continue
            builder.reject(
                location,
                RejectReason.WRONG_FIELD_COUNT,
                Message("%(n)s felt, overskriften har %(width)s", {"n": len(fields), "width": width}),
                tuple(fields),
            )
            continue
        indicator = fields[indicator_col].strip() if indicator_col is not None else ""
        builder.add(
            location,
            fields[org],
            fields[period].strip(),
            indicator or (options.indicator or ""),
            fields[value],
            tuple(fields),
        )
    if blank:
        builder.plan.notes.append(Message("%(n)s tomme linjer hoppet over", {"n": blank}))
