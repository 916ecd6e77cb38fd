"""Indicator values from spreadsheets (XLSX) and from Veikart's own JSON export ("veikart.indicator-values/1").

Both come back in as they went out: the XLSX sheet is read like a CSV (first
row the header, columns found by name, formula-neutralising quotes undone),
and the JSON's ``values`` list gives each value's organisation number, period,
indicator and value. A value with no organisation number is the exporting
organisation's own (KS's own figures); ``ImportOptions.blank_is_own`` says
whether the reader may take it so.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from veikart.i18n import Message
from veikart.indicators.csv_reader import read_table
from veikart.indicators.import_plan import (
    FILE_VALUE,
    SPREADSHEET_ROW,
    Builder,
    ImportOptions,
    ImportRefused,
    Location,
    RejectReason,
)
from veikart.spreadsheet import restore_cell

VALUES_SCHEMA = "veikart.indicator-values/1"
XLSX_MAGIC = b"PK\x03\x04"


def is_values_json(data: bytes) -> bool:
    """Veikart's own export names its schema near the top; JSON-stat never does."""
    return f'"schema": "{VALUES_SCHEMA}"'.encode() in data[:200]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # every digit, so the value comes back exactly
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return restore_cell(str(value))


def read_xlsx(data: bytes, options: ImportOptions, builder: Builder) -> None:
    """The first sheet of a workbook, as a table of text cells (see csv_reader.read_table)."""
    from openpyxl import load_workbook  # only when a spreadsheet comes

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRefused("regnearket kan ikke leses: %(reason)s", reason=str(exc)) from exc
    try:
        sheet = book.worksheets[0]
        line = 0

        def rows() -> Iterator[list[str]]:
            nonlocal line
            for values in sheet.iter_rows(values_only=True):
                line += 1
                yield [_cell_text(v) for v in values]

        def where() -> Location:
            return Location(SPREADSHEET_ROW, line)

        builder.plan.notes.append(Message("regneark «%(sheet)s»", {"sheet": sheet.title}))
        read_table(_trimmed(rows()), where, options, builder)
    finally:
        book.close()


def _trimmed(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """Rows cut to the header's width: a spreadsheet pads rows with empty cells where it was once formatted."""
    width = None
    for row in rows:
        if width is None and any(c.strip() for c in row):
            while row and not row[-1].strip():
                row = row[:-1]
            width = len(row)
            yield row
            continue
        if width is not None:
            extra = row[width:]
            row = row[:width] if not any(c.strip() for c in extra) else row
            row += [""] * (width - len(row)) if len(row) < width else []
        yield row


def read_values_json(data: bytes, options: ImportOptions, builder: Builder) -> None:
    """Veikart's JSON export: {"schema", "indicator": {"key", …}, "values": [{organisation_number, period, …}]}."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused("ikke gyldig JSON: %(reason)s", reason=str(exc)) from exc
    values = doc.get("values") if isinstance(doc, dict) else None
    if doc.get("schema") != VALUES_SCHEMA or not isinstance(values, list):
        raise ImportRefused("ikke en Veikart-eksport (%(schema)s)", schema=VALUES_SCHEMA)
    key = (doc.get("indicator") or {}).get("key") or ""
    builder.plan.origin["label"] = (doc.get("indicator") or {}).get("name") or key
    for index, row in enumerate(values, start=1):
        location = Location(FILE_VALUE, index)
        if not isinstance(row, dict):
            builder.reject(location, RejectReason.WRONG_FIELD_COUNT, Message("ikke et objekt"))
            continue
        indicator = options.indicator or str(row.get("indicator") or key)
        number = row.get("organisation_number")
        value = row.get("value")
        builder.add(
            location,
            str(number or ""),
            str(row.get("period") or "").strip(),
            indicator,
            value if isinstance(value, int | float) or value is None else str(value),
            (str(number or ""), str(row.get("period")), str(value)),
        )
