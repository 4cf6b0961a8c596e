"""The filter a coordinator sets, as one typed value that queries turn into bound conditions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from data_access.schema import area, programme, trajectory


@dataclass(frozen=True)
class TrajectoryFilter:
    """Which trajectories to count. Empty tuples mean "all"; areas are today's codes."""

    registered_from: date | None = None
    registered_to: date | None = None
    partnership_ids: tuple[int, ...] = ()
    programme_ids: tuple[int, ...] = ()
    area_codes: tuple[str, ...] = ()
    provider_ids: tuple[int, ...] = ()
    placement_type: str | None = None


def whole_months(f: TrajectoryFilter) -> bool:
    """Whether the filter's period starts on a first and ends on a last day of a month, so that
    counts per registration month answer it exactly."""
    starts = f.registered_from is None or f.registered_from.day == 1
    ends = f.registered_to is None or (f.registered_to + timedelta(days=1)).day == 1
    return starts and ends


def conditions(f: TrajectoryFilter, table: sa.Table = trajectory) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions for `f`; every value is a bound parameter.

    `table` is the trajectory table or an aggregate with the same dimension columns and a
    `cohort_month` (the first day of the registration month; only for `whole_months` filters).
    """
    t = table.c
    registered = t.registered_on if "registered_on" in t else t.cohort_month
    where: list[sa.ColumnElement[bool]] = []
    if f.registered_from is not None:
        where.append(registered >= f.registered_from)
    if f.registered_to is not None:
        where.append(registered <= f.registered_to)
    if f.programme_ids:
        where.append(t.programme_id.in_(f.programme_ids))
    if f.partnership_ids:
        in_partnership = sa.select(programme.c.id).where(
            programme.c.partnership_id.in_(f.partnership_ids)
        )
        where.append(t.programme_id.in_(in_partnership))
    if f.area_codes:
        # Merged municipalities count under their successor: match on today's code.
        delivered_as = sa.select(area.c.code).where(area.c.current_code.in_(f.area_codes))
        where.append(t.area_code.in_(delivered_as))
    if f.provider_ids:
        where.append(t.provider_id.in_(f.provider_ids))
    if f.placement_type:
        where.append(t.placement_type == f.placement_type)
    return where
