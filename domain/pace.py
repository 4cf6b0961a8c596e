"""Pace and forecast of a target: where a programme should be today, and where it is heading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

# Below 90% of the pro-rata expectation a programme is behind; below 75% well behind.
BEHIND_BELOW = 0.90
WELL_BEHIND_BELOW = 0.75


class Status(Enum):
    NOT_STARTED = "nog_niet_gestart"
    ON_TRACK = "op_koers"
    BEHIND = "achter"
    WELL_BEHIND = "ruim_achter"
    MET = "gehaald"
    NOT_MET = "niet_gehaald"


@dataclass(frozen=True)
class Pace:
    target: int
    realised: int
    expected: float  # where the programme should be on `as_of`, pro rata
    elapsed: float  # share of the period that has passed, 0..1
    status: Status
    forecast: float | None  # expected figure at the end at the current run rate
    reached_on: date | None  # date the target is reached at that rate (or was reached)


def _days(start: date, end: date) -> int:
    return (end - start).days + 1  # both ends count: a year has 365 days


def elapsed_share(start: date, end: date, as_of: date) -> float:
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return _days(start, as_of) / _days(start, end)


def pace(target: int, realised: int, start: date, end: date, as_of: date) -> Pace:
    """Pro-rata pace, status and run-rate forecast of `target` over [start, end] on `as_of`."""
    if target <= 0:
        raise ValueError("Een doel moet groter dan nul zijn.")
    if end < start:
        raise ValueError("Het einde van de periode ligt voor het begin.")
    share = elapsed_share(start, end, as_of)
    expected = target * share
    forecast = None
    reached_on = None
    if share > 0:
        days_gone = min(_days(start, as_of), _days(start, end))
        rate = realised / days_gone
        forecast = realised if share >= 1 else rate * _days(start, end)
        if realised >= target:
            reached_on = None  # reached already; the exact day needs the daily series
        elif rate > 0 and share < 1:
            days_needed = target / rate
            day = start + timedelta(days=int(days_needed + 0.999999) - 1)
            reached_on = day if day <= end else None
    return Pace(
        target=target,
        realised=realised,
        expected=expected,
        elapsed=share,
        status=_status(target, realised, expected, share),
        forecast=forecast,
        reached_on=reached_on,
    )


def _status(target: int, realised: int, expected: float, share: float) -> Status:
    if share >= 1:
        return Status.MET if realised >= target else Status.NOT_MET
    if realised >= target:
        return Status.MET
    if share == 0:
        return Status.NOT_STARTED
    ratio = realised / expected if expected > 0 else 1.0
    if ratio >= BEHIND_BELOW:
        return Status.ON_TRACK
    if ratio >= WELL_BEHIND_BELOW:
        return Status.BEHIND
    return Status.WELL_BEHIND
