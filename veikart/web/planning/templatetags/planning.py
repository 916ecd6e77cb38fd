"""``num``: a figure as people write it (at most three decimals, the locale's marks); ``period``: a period end."""

from __future__ import annotations

from django import template
from django.utils.formats import date_format, number_format

from veikart.i18n import Message
from veikart.web.messages import message_text

register = template.Library()


@register.filter
def num(value, places: int = 3) -> str:
    if value is None or value == "":
        return "–"
    try:
        number = round(float(value), int(places))
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:.{int(places)}f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return number_format(number, decimal_pos=decimals, force_grouping=True)


@register.filter
def period(day) -> str:
    """A period end as a period: "2022" for a year (it ends 31 December), else the date."""
    if day is None:
        return "–"
    if (day.month, day.day) == (12, 31):
        return str(day.year)
    return date_format(day, "SHORT_DATE_FORMAT")


@register.filter
def reason(entry: dict | str) -> str:
    """A rejection reason in the page's language: ``{{ row|reason }}`` for a rejected row, ``{{ code|reason }}``."""
    from veikart.web.planning.values import reason_label

    if isinstance(entry, dict):
        return reason_label(entry.get("reason", ""), entry.get("label", ""))
    return reason_label(str(entry))


@register.filter
def detail(stored: dict | str | None) -> str:
    """A rejected row's detail or location in the page's language: stored as a message (``Message.to_dict``), or
    as plain text by imports checked before they were messages."""
    if isinstance(stored, dict) and "msgid" in stored:
        return message_text(Message.from_dict(stored))
    return "" if stored is None else str(stored)


@register.simple_tag
def grouped(bound_field, groups: list[tuple[str, list[int]]]) -> list[tuple[str, list]]:
    """A checkbox field's boxes in the form's groups: [(section label, [bound checkboxes])], empty groups left out."""
    boxes = {str(box.data["value"]): box for box in bound_field}
    result = []
    for label, ids in groups:
        members = [boxes[str(pk)] for pk in ids if str(pk) in boxes]
        if members:
            result.append((label, members))
    return result
