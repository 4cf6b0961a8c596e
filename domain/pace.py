"""Pace and forecast of a target: where a programme should be today, and where it is heading.

All plain functions of numbers and dates. `as_of` is the peildatum: the day up to which the
realised figure counts (the page uses the earlier of today and the data's "stand per").

One model decides both the status and the sentence under it: the run rate so far, carried to the
end of the period, in whole people. A running target is on course exactly when that forecast
reaches the target (and then a reach date within the period exists); otherwise it is behind, so a
status never says "op koers" above a sentence that says the target will not be met, or the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from domain.texts import t

# A forecast below 75% of the target is well behind: at this pace a quarter of it would be missing.
WELL_BEHIND_BELOW = 0.75

# Catalogue keys of the two ways a target period can be wrong (worded in locales/, [fouten]).
ZERO_TARGET = "fouten.doel_nul"
END_BEFORE_START = "fouten.einde_voor_begin"


class Status(Enum):
    NOT_STARTED = "nog_niet_gestart"
    ON_TRACK = "op_koers"
    BEHIND = "achter"
    WELL_BEHIND = "ruim_achter"
    MET = "gehaald"
    NOT_MET = "niet_gehaald"
    TOO_SMALL = "te_klein"  # a hidden count: no judgement, as there is no forecast
    SHIELDED = "afgeschermd"  # a count hidden to protect a small one elsewhere: no judgement


@dataclass(frozen=True)
class Pace:
    target: int
    realised: int
    expected: float  # where the programme should be on `as_of`, pro rata
    elapsed: float  # share of the period that has passed, 0..1
    status: Status
    forecast: int | None  # whole people at the end at the run rate so far (None: not begun)
    reached_on: date | None  # day the target was reached, or will be at this rate; None: not
    final: bool  # the period is over (on the peildatum): the figures are the eindstand


def _days(start: date, end: date) -> int:
    return (end - start).days + 1  # both ends count: a year has 365 days


def elapsed_share(start: date, end: date, as_of: date) -> float:
    """The share of [start, end] that has passed at the end of day `as_of`."""
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return _days(start, as_of) / _days(start, end)


def expected_by(target: int, start: date, end: date, as_of: date) -> float:
    """Where a programme should be on `as_of` if the target is spread evenly over the period."""
    return target * elapsed_share(start, end, as_of)


def forecast_at_end(realised: int, start: date, end: date, as_of: date) -> int | None:
    """The figure at the end of the period if the run rate so far holds, in whole people (rounded
    down: 19.8 at this pace is 19 reached); None before the start."""
    if as_of < start:
        return None
    if as_of >= end:
        return realised
    return realised * _days(start, end) // _days(start, as_of)


def projected_reach_date(
    target: int, realised: int, start: date, end: date, as_of: date
) -> date | None:
    """The day the target is reached at the run rate so far, or None if not within the period.

    Only for a target not yet met; a met target's day comes from the data (`reached_on`)."""
    if as_of < start or as_of >= end or realised <= 0 or realised >= target:
        return None
    days_gone = _days(start, as_of)
    days_needed = -(-target * days_gone // realised)  # ceil(target / rate), in whole numbers
    day = start + timedelta(days=days_needed - 1)
    return day if day <= end else None


def status_of(target: int, realised: int, start: date, end: date, as_of: date) -> Status:
    """Gehaald as soon as the target is met; niet gehaald once the period is over without it;
    while running, from the forecast: op koers when it reaches the target, achter when it falls
    short, ruim achter when it falls short by a quarter or more."""
    if as_of < start:
        return Status.NOT_STARTED
    if realised >= target:
        return Status.MET
    if as_of >= end:
        return Status.NOT_MET
    forecast = forecast_at_end(realised, start, end, as_of)
    if forecast >= target:
        return Status.ON_TRACK
    if forecast >= WELL_BEHIND_BELOW * target:
        return Status.BEHIND
    return Status.WELL_BEHIND


def check_target(target: int, start: date, end: date) -> None:
    """Refuse a target that cannot be judged: zero or negative, or a period that ends first."""
    if target <= 0:
        raise ValueError(t(ZERO_TARGET))
    if end < start:
        raise ValueError(t(END_BEFORE_START))


def pace(
    target: int,
    realised: int,
    start: date,
    end: date,
    as_of: date,
    reached_on: date | None = None,
) -> Pace:
    """Pro-rata pace, status and run-rate forecast of `target` over [start, end] on `as_of`.

    `reached_on` is the day the data shows the target was reached (for a met target)."""
    check_target(target, start, end)
    share = elapsed_share(start, end, as_of)
    if realised >= target and share > 0:
        reached = reached_on
    else:
        reached = projected_reach_date(target, realised, start, end, as_of)
    return Pace(
        target=target,
        realised=realised,
        expected=target * share,
        elapsed=share,
        status=status_of(target, realised, start, end, as_of),
        forecast=forecast_at_end(realised, start, end, as_of),
        reached_on=reached,
        final=share >= 1,
    )


def withheld(p: Pace, threshold: int, small: bool = True) -> Pace:
    """The pace of a hidden count (below the threshold), as it may be shown: no judgement.

    The status comes from the forecast, and a hidden count has no forecast on screen; its status
    would also narrow the count down, often to one number ('op koers' with '<10' can only be 9).
    So it reads 'te klein om te beoordelen', whatever the count, except a period that is over with
    a target of at least the threshold: 'niet gehaald' then holds for every hidden count alike.
    A count hidden to protect another (`small` False) reads 'afgeschermd'."""
    if p.status is Status.NOT_STARTED:
        return p
    if not small:
        # Hidden though large ("x"): its status would tell on which side of the target it lies.
        return replace(p, status=Status.SHIELDED, forecast=None, reached_on=None)
    if p.final and p.target >= threshold:
        return replace(p, status=Status.NOT_MET, forecast=None, reached_on=None)
    return replace(p, status=Status.TOO_SMALL, forecast=None, reached_on=None)
