"""Indicator values from files, as an :class:`ImportPlan`: what would be written and what is rejected, and why.

Pure data. Reading is ``plan_file`` (a path) or ``plan_bytes`` (an upload);
CSV and JSON-stat 2.0 (Statistics Norway's API format) are understood. The
plan is written to the database by the web layer (all-or-nothing,
idempotent: ``manage.py import_indicators FILE --confirm``); the core never
imports it.

Validation, row by row (every rejection is kept with its reason):
member numbers are resolved through :mod:`veikart.members`, former numbers
included (3001 → 3101); a number of a split municipality, an aggregate such as
"K-Rest" or an unknown number is rejected; values must be numbers (decimal
comma accepted, SSB's symbols ".", "..", ":" and "-" are missing values);
periods must be years, quarters, months or dates between 1900 and 2100; a
file of more than VEIKART_MAX_IMPORT_VALUES values (500,000) is refused; two rows for the same
organisation, period and indicator are kept once when equal and both
rejected when they differ.
"""

from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

from veikart.indicators import csv_reader, jsonstat_reader, own_formats
from veikart.indicators.import_plan import Builder, ImportOptions, ImportPlan, ImportRefused, max_bytes_from_env


def _refuse_if_too_large(size: int, limit: int) -> None:
    if size > limit:
        raise ImportRefused(
            "filen er for stor: %(size)s byte, grensen er %(limit)s byte (%(mb)s MB)",
            size=size,
            limit=limit,
            mb=f"{limit / 1048576:g}",
        )


def plan_file(path: str | os.PathLike[str], options: ImportOptions | None = None) -> ImportPlan:
    """Read and validate one file. The size is checked before anything is read."""
    options = options or ImportOptions()
    file = Path(path)
    if not file.is_file():
        raise ImportRefused("finner ikke filen: %(file)s", file=str(file))
    limit = options.max_bytes if options.max_bytes is not None else max_bytes_from_env()
    _refuse_if_too_large(file.stat().st_size, limit)
    return plan_bytes(file.read_bytes(), file.name, options)


def plan_bytes(data: bytes, filename: str, options: ImportOptions | None = None) -> ImportPlan:
    """Read and validate an upload. XLSX, Veikart's own JSON, JSON-stat or CSV, by extension and content."""
    options = options or ImportOptions()
    limit = options.max_bytes if options.max_bytes is not None else max_bytes_from_env()
    _refuse_if_too_large(len(data), limit)
    plan = ImportPlan(source=filename, format="", sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    suffix = Path(filename).suffix.lower()
    looks_json = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    text_suffix = suffix in {".csv", ".txt", ".tsv"}
    if suffix == ".xlsx" or (not text_suffix and data[:4] == own_formats.XLSX_MAGIC):
        plan.format = "xlsx"
        reader = own_formats.read_xlsx
    elif looks_json and own_formats.is_values_json(data):
        plan.format = "veikart-json"
        reader = own_formats.read_values_json
    elif suffix == ".json" or (not text_suffix and looks_json):
        plan.format = "json-stat"
        reader = jsonstat_reader.read
    else:
        plan.format = "csv"
        reader = csv_reader.read
    builder = Builder(plan, options)
    # Hundreds of thousands of small objects, no reference cycles: the cyclic garbage collector would
    # only rescan them again and again (it doubled the time in benchmarks/indicators_import.py).
    collecting = gc.isenabled()
    gc.disable()
    try:
        reader(data, options, builder)
        return builder.finish()
    finally:
        if collecting:
            gc.enable()
