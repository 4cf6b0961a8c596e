"""Targets as gauges: parts that add up (a standing task plus an extra), members that add up (a
partnership's target split per municipality), the periods to choose from, and a gauge's history."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from domain.formatting import fmt_month
from domain.pace import END_BEFORE_START, ZERO_TARGET, elapsed_share
from domain.texts import t


@dataclass(frozen=True)
class TargetGroup:
    programme_id: int
    metric: str
    period_start: date
    period_end: date
    area_code: str | None
    value: int
    parts: tuple[tuple[str, int], ...]  # (label, value), e.g. ("vaste taak", 4000), ("extra", 500)
    # A programme's target split per municipality: the members' groups, which add up to this one.
    members: tuple[TargetGroup, ...] = ()

    @property
    def area_codes(self) -> tuple[str, ...]:
        """The municipalities this gauge counts; () means the whole programme."""
        if self.members:
            return tuple(m.area_code for m in self.members if m.area_code)
        return (self.area_code,) if self.area_code else ()


@dataclass(frozen=True)
class PartProgress:
    """How far one part of a stacked target got: the standing task up to 4.000, the extra to 4.500."""

    label: str
    top: int  # the running sum of the parts up to and including this one
    met: bool
    short: int  # how many are missing to `top` (0 when met)


def part_progress(realised: int, parts: tuple[tuple[str, int], ...]) -> list[PartProgress]:
    """Each part of a target in order, met when the realised count reaches its running top."""
    result, top = [], 0
    for label, value in parts:
        top += value
        result.append(PartProgress(label, top, realised >= top, max(0, top - realised)))
    return result


def target_errors(value: int | None, start: date | None, end: date | None) -> list[str]:
    """Why a target may not be entered (Dutch, for the form); an empty list when it may."""
    errors = []
    if value is None or value <= 0:
        errors.append(t(ZERO_TARGET))
    if start is None or end is None:
        errors.append(t("fouten.periode_ontbreekt"))
    elif end < start:
        errors.append(t(END_BEFORE_START))
    return errors


def validate_target(value: int | None, start: date | None, end: date | None) -> None:
    """Raise ValueError with every reason a target may not be entered."""
    errors = target_errors(value, start, end)
    if errors:
        raise ValueError(" ".join(errors))


def group_targets(targets: pd.DataFrame) -> list[TargetGroup]:
    """One group per programme, metric, period and area; the parts' values add up."""
    # Plain rows grouped in order of first appearance: a pandas groupby over these five keys
    # took ~30 ms for 74 targets, on every run of Doelen, Briefing and Presentatie.
    grouped: dict[tuple, list[dict]] = {}
    for row in targets.to_dict("records"):
        area_code = row["area_code"] if isinstance(row["area_code"], str) else None
        key = (
            row["programme_id"],
            row["metric"],
            row["period_start"],
            row["period_end"],
            area_code,
        )
        grouped.setdefault(key, []).append(row)
    return [
        TargetGroup(
            programme_id=int(programme_id),
            metric=str(metric),
            period_start=start,
            period_end=end,
            area_code=area_code,
            value=sum(int(r["value"]) for r in rows),
            parts=tuple((str(r["label"]), int(r["value"])) for r in rows),
        )
        for (programme_id, metric, start, end, area_code), rows in grouped.items()
    ]


def combine_members(groups: list[TargetGroup]) -> list[TargetGroup]:
    """Per-municipality groups of one programme, metric and period become one programme gauge
    whose target is the sum of its members' (the members ride along in `members`)."""
    combined: dict[tuple, list[TargetGroup]] = {}
    order: list[tuple | TargetGroup] = []
    for g in groups:
        if g.area_code is None:
            order.append(g)
            continue
        key = (g.programme_id, g.metric, g.period_start, g.period_end)
        if key not in combined:
            combined[key] = []
            order.append(key)
        combined[key].append(g)
    result = []
    for item in order:
        if isinstance(item, TargetGroup):
            result.append(item)
            continue
        members = tuple(combined[item])
        first = members[0]
        result.append(
            replace(
                first,
                area_code=None,
                value=sum(m.value for m in members),
                parts=tuple(p for m in members for p in m.parts),
                members=members,
            )
        )
    return result


def overlapping(groups: list[TargetGroup], first: date, last: date) -> list[TargetGroup]:
    """The groups whose period overlaps [first, last]."""
    return [g for g in groups if g.period_start <= last and g.period_end >= first]


def period_key(start: date, end: date) -> str:
    """A period as a plain URL value: '2020-12-01_2022-11-30'."""
    return f"{start.isoformat()}_{end.isoformat()}"


def periods(groups: list[TargetGroup]) -> list[str]:
    """The distinct target periods, longest first then by start, as period keys."""
    spans = {(g.period_start, g.period_end) for g in groups}
    ordered = sorted(spans, key=lambda s: (-(s[1] - s[0]).days, s[0]))
    return [period_key(s, e) for s, e in ordered]


def in_period(groups: list[TargetGroup], key: str | None) -> list[TargetGroup]:
    """The groups of one period (all groups when `key` is None)."""
    if key is None:
        return groups
    return [g for g in groups if period_key(g.period_start, g.period_end) == key]


def history(
    monthly: pd.DataFrame, group: TargetGroup, as_of: date, threshold: int
) -> pd.DataFrame | None:
    """The running total at each month's end against the cumulative pro-rata target, to `as_of`.

    `monthly` has columns month ('YYYY-MM') and realised. Columns out: day (the month's last day,
    or `as_of` / the period's end for the last month), label ('mrt 2021'), cumulative (None where
    not shown), target_cumulative. A month that adds 1..threshold-1 would be readable as a
    difference, so its point is left out until the running total has grown by at least the
    threshold; a small remainder at the end is folded into the last point shown. None when there
    is nothing to show."""
    last_day = min(group.period_end, as_of)
    if last_day < group.period_start:
        return None
    months = pd.period_range(group.period_start, last_day, freq="M")
    counts = dict(zip(monthly["month"], monthly["realised"], strict=True)) if len(monthly) else {}
    days = [min(m.end_time.date(), last_day) for m in months]
    running = list(itertools.accumulate(int(counts.get(str(m), 0)) for m in months))
    shown: list[int | None] = []
    last_shown = 0
    for total in running:
        if total == last_shown or total - last_shown >= threshold:
            shown.append(total)
            last_shown = total
        else:
            shown.append(None)
    if shown[-1] is None:  # fold the small remainder into the last point shown
        previous = [i for i, v in enumerate(shown) if v is not None and v > 0]
        if not previous:
            return None
        shown[previous[-1]] = None
        shown[-1] = running[-1]
    if not any(shown):
        return None
    return pd.DataFrame(
        {
            "day": days,
            "label": [fmt_month(d) for d in days],
            "cumulative": shown,
            "target_cumulative": [
                group.value * elapsed_share(group.period_start, group.period_end, d) for d in days
            ],
        }
    )
