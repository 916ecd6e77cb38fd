"""Periods as statistics name them ("2022", "2022K3", "2022M04", "2016-2022", "2022-04-30") turned into dates.

A period stands for its last day: a value for 2019 tells where things stood at
the end of 2019, so it answers a target "by 2019". Statistics Norway's codes
(https://www.ssb.no/en/api/pxwebapi): quarters "K" (kvartal, or "Q"), months
"M", half years "H" (halvår), weeks "U" (uke, ISO weeks: week 12 ends on its
Sunday), and a span of years "2016-2022" (an average or sum over the years,
which ends with its last year). A full ISO date is taken as it is.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from veikart.i18n import MessageError

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:"
    r"(?P<q>[KQ])(?P<quarter>[1-4])"
    r"|M(?P<month>0[1-9]|1[0-2])"
    r"|H(?P<half>[12])"
    r"|U(?P<week>0[1-9]|[1-4]\d|5[0-3]|[1-9](?!\d))"
    r"|-(?P<last>\d{4})"
    r"|-(?P<m2>\d{2})-(?P<day>\d{2})"
    r")?$"
)


class PeriodError(MessageError, ValueError):
    """A period that is neither a year, a span of years, a half year, a quarter, a month, a week nor a date."""


def _refuse(period: object) -> PeriodError:
    return PeriodError("«%(period)s» er ikke en periode (år, halvår, kvartal, måned, uke)", period=str(period))


def period_end(period: str | int | date) -> date:
    """The last day of a period: "2019" -> 2019-12-31, "2022K1" -> 2022-03-31, "2022M02" -> 2022-02-28,
    "2022H1" -> 2022-06-30, "2022U12" -> 2022-03-27 (ISO week 12's Sunday), "2016-2022" -> 2022-12-31."""
    if isinstance(period, date):
        return period
    text = str(period).strip().upper()
    match = _PATTERN.match(text)
    if not match:
        raise _refuse(period)
    year = int(match["year"])
    if match["quarter"]:
        month = int(match["quarter"]) * 3
    elif match["month"]:
        month = int(match["month"])
    elif match["half"]:
        month = int(match["half"]) * 6
    elif match["week"]:
        try:
            return date.fromisocalendar(year, int(match["week"]), 7)
        except ValueError as exc:  # week 53 of a year with 52 weeks
            raise PeriodError(
                "«%(period)s»: året %(year)s har ikke uke %(week)s",
                period=str(period),
                year=year,
                week=int(match["week"]),
            ) from exc
    elif match["last"]:
        if int(match["last"]) < year:
            raise PeriodError("«%(period)s»: perioden slutter før den begynner", period=str(period))
        year, month = int(match["last"]), 12
    elif match["day"]:
        try:
            return date(year, int(match["m2"]), int(match["day"]))
        except ValueError as exc:
            raise PeriodError("«%(period)s» er ingen gyldig dato", period=str(period)) from exc
    else:
        month = 12
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_of(year_or_date: int | str | date) -> date:
    """A deadline: a year means its last day ("by 2019" = on or before 2019-12-31)."""
    return period_end(year_or_date)
