"""Periods to compare: this year so far against the same stretch of the year before."""

from __future__ import annotations

from datetime import date


def year_earlier(day: date) -> date:
    """The same calendar day a year earlier (29 February becomes 28 February)."""
    if (day.month, day.day) == (2, 29):
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def comparison_periods(year: int, data_until: date | None) -> tuple[date, date, date, date]:
    """(first, last, first_before, last_before) for `year` and the same period a year earlier.

    A year still running is compared up to the date its data runs to, so a part-year is never set
    against a whole one.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    if data_until is not None and first <= data_until < last:
        last = data_until
    return first, last, year_earlier(first), year_earlier(last)
