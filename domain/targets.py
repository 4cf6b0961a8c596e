"""Targets that add up from parts (a standing task plus an extra) as one gauge each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class TargetGroup:
    programme_id: int
    metric: str
    period_start: date
    period_end: date
    area_code: str | None
    value: int
    parts: tuple[tuple[str, int], ...]  # (label, value), e.g. ("vaste taak", 4000), ("extra", 500)


def group_targets(targets: pd.DataFrame) -> list[TargetGroup]:
    """One group per programme, metric, period and area; the parts' values add up."""
    groups = []
    if targets.empty:
        return groups
    keys = ["programme_id", "metric", "period_start", "period_end", "area_code"]
    frame = targets.copy()
    frame["area_code"] = frame["area_code"].astype(object).where(frame["area_code"].notna(), None)
    for key, rows in frame.groupby(keys, dropna=False, sort=False):
        programme_id, metric, start, end, area_code = key
        groups.append(
            TargetGroup(
                programme_id=int(programme_id),
                metric=str(metric),
                period_start=start,
                period_end=end,
                area_code=area_code if isinstance(area_code, str) else None,
                value=int(rows["value"].sum()),
                parts=tuple((str(r.label), int(r.value)) for r in rows.itertuples()),
            )
        )
    return groups


def overlapping(groups: list[TargetGroup], first: date, last: date) -> list[TargetGroup]:
    """The groups whose period overlaps [first, last]."""
    return [g for g in groups if g.period_start <= last and g.period_end >= first]
