"""Cells for CSV and XLSX exports: formula injection neutralised, and undone where Veikart reads them back.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or with a tab or carriage return before one) as a formula, so a
measure titled ``=HYPERLINK("http://…")`` would become a live link in a
public plan's export. Following OWASP's guidance on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection), every text cell that
starts with one of these gets a leading single quote, which spreadsheets show
as text. A text that already starts with a quote before one of them gets one
more, so ``restore_cell`` gives back exactly what was exported. Numbers are
left as they are (a negative value stays a number). Plain Python: the web's
exports and the CLI's rejection file use ``safe_cell``; the indicator CSV
reader uses ``restore_cell``.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(text: str) -> bool:
    return text.startswith(TRIGGERS) or (text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(TRIGGERS))


def safe_cell(value: object) -> object:
    """``value`` for a spreadsheet cell: a text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def safe_row(values: list) -> list:
    return [safe_cell(v) for v in values]


def restore_cell(text: str) -> str:
    """What ``safe_cell`` neutralised, back as it was (other text unchanged)."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text
