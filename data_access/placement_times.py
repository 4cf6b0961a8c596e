"""Counts for the survival curves of time to placement: per group, municipality and registration
month, how many were placed within each whole number of months, and how many were not (yet).

Read from the aggregates (lead_time_stat's 'plaatsing' step and cohort_stat) when they answer,
else grouped on the trajectory table; a test keeps the two equal. The estimator itself is
domain/survival.py: it needs counts, never rows of people.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_access.filters import TrajectoryFilter, conditions, whole_months
from data_access.measures import PLACEMENT_STEP
from data_access.schema import area, cohort_stat, lead_time_stat, trajectory
from data_access.sql import days_between, month_start, year_of

PLACED_STAGES = ("geplaatst", "duurzaam")


def _months(days: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
    """Whole months that `days` fall within: ceil(days / 30.4375) as integer arithmetic, the
    same as domain.survival.placed_within_months (which also makes 0 count as month 1)."""
    return (days * 16 + 486) // 487


def _group(table: sa.Table, group_by: str) -> sa.ColumnElement:
    c = table.c
    registered = c.registered_on if "registered_on" in c else c.cohort_month
    keys = {
        "aanbieder": c.provider_id,
        "programma": c.programme_id,
        "gemeente": area.c.current_code,
        "jaar": year_of(registered),
    }
    if group_by not in keys:
        raise ValueError(f"unknown grouping {group_by!r}")
    return keys[group_by]


def _frame(conn: sa.Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    frame = pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
    # SQLite hands back a computed date as text.
    months = {m: date.fromisoformat(m) if isinstance(m, str) else m
              for m in frame["cohort_month"].unique()}  # fmt: skip
    frame["cohort_month"] = frame["cohort_month"].map(months)
    return frame


def placement_months(
    conn: sa.Connection, f: TrajectoryFilter, group_by: str, aggregated: bool
) -> pd.DataFrame:
    """Trajectories registered under `f`, per group, municipality (today's code), registration
    month and whole months to placement.

    Columns: group, area_code, cohort_month (first day, a date), months (NULL: not placed, or
    placed in another kind than f.placement_type asks), n. `aggregated`: whether the aggregates
    answer for this database (queries._aggregated); they are used only for whole months.
    """
    kind = f.placement_type
    f = replace(f, placement_type=None)
    if aggregated and whole_months(f):
        return _frame(conn, _from_aggregates(f, group_by, kind))
    return _frame(conn, _from_trajectories(f, group_by, kind))


def _from_aggregates(f: TrajectoryFilter, group_by: str, kind: str | None):
    s, c = lead_time_stat.c, cohort_stat.c

    def part(table, months, where):
        key = _group(table, group_by).label("group")
        code = area.c.current_code.label("area_code")
        return (
            sa.select(
                key,
                code,
                table.c.cohort_month,
                months.label("months"),
                sa.func.sum(table.c.n).label("n"),
            )  # fmt: skip
            .select_from(table)
            .join(area, area.c.code == table.c.area_code)
            .where(*where, *conditions(f, table))
            .group_by(key, code, table.c.cohort_month, months)
            .having(sa.func.sum(table.c.n) > 0)
        )

    placed = [s.step == PLACEMENT_STEP]
    not_placed = [c.last_stage.not_in(PLACED_STAGES)]
    if kind is not None:
        # Placed in the other kind: a competing event, counted with those not placed.
        placed.append(s.placement_type == kind)
        not_placed = [sa.or_(*not_placed, sa.func.coalesce(c.placement_type, "") != kind)]
    months = _months(s.days)
    return sa.union_all(
        part(lead_time_stat, months, placed),
        part(cohort_stat, sa.cast(sa.null(), sa.Integer), not_placed),
    )


def _from_trajectories(f: TrajectoryFilter, group_by: str, kind: str | None):
    t = trajectory.c
    placed = t.placed_on.is_not(None)
    if kind is not None:
        placed = sa.and_(placed, t.placement_type == kind)
    months = sa.case(
        (placed, _months(days_between(t.registered_on, t.placed_on))), else_=sa.null()
    ).label("months")
    key = _group(trajectory, group_by).label("group")
    code = area.c.current_code.label("area_code")
    cohort = month_start(t.registered_on).label("cohort_month")
    return (
        sa.select(key, code, cohort, months, sa.func.count().label("n"))
        .select_from(trajectory)
        .join(area, area.c.code == t.area_code)
        .where(*conditions(f))
        .group_by(key, code, cohort, months)
    )
