"""Periods as statistics name them ("2022", "2022K3", "2022M04", "2022-04-30") turned into dates.

A period stands for its last day: a value for 2019 tells where things stood at
the end of 2019, so it answers a target "by 2019". Quarters use SSB's "K"
(kvartal) or "Q", months "M"; a full ISO date is taken as it is.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:(?P<q>[KQ])(?P<quarter>[1-4])|M(?P<month>0[1-9]|1[0-2])|-(?P<m2>\d{2})-(?P<day>\d{2}))?$"
)


class PeriodError(ValueError):
    """A period that is neither a year, a quarter, a month nor a date."""


def period_end(period: str | int | date) -> date:
    """The last day of a period: "2019" -> 2019-12-31, "2022K1" -> 2022-03-31, "2022M02" -> 2022-02-28."""
    if isinstance(period, date):
        return period
    text = str(period).strip().upper()
    match = _PATTERN.match(text)
    if not match:
        raise PeriodError(f"«{period}» er ikke en periode (år, kvartal, måned) / not a period (year, quarter, month)")
    year = int(match["year"])
    if match["quarter"]:
        month = int(match["quarter"]) * 3
    elif match["month"]:
        month = int(match["month"])
    elif match["day"]:
        try:
            return date(year, int(match["m2"]), int(match["day"]))
        except ValueError as exc:
            raise PeriodError(f"«{period}» er ingen gyldig dato / not a valid date") from exc
    else:
        month = 12
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_of(year_or_date: int | str | date) -> date:
    """A deadline: a year means its last day ("by 2019" = on or before 2019-12-31)."""
    return period_end(year_or_date)
