"""The naive baseline: every page's numbers computed in pandas over the whole trajectory table.

This is what a dashboard without aggregation in SQL does: read all trajectories into memory, then
filter and count in pandas. `replay` recomputes each data call a page made (recorded by
benchmarks.datatime) this way, so the baseline answers exactly the questions the page asked. The
results have the same columns as data_access.queries (a test keeps them equal on the sample data).
Calls that do not read trajectories (programmes, partnerships, ...) run the real query: they cost
the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access import queries
from data_access.filters import TrajectoryFilter
from data_access.schema import area, programme, trajectory

DATE_COLUMNS = (
    "registered_on", "intake_on", "diagnosis_on", "started_on", "placed_on", "lasting_on",
    "dropout_on",
)  # fmt: skip
OTHER_COLUMNS = (
    "programme_id", "area_code", "provider_id", "placement_type", "dropout_reason", "is_fictional",
)  # fmt: skip
STAGES = ("aanmelding", "intake", "diagnose", "gestart", "geplaatst")


@dataclass
class Tables:
    """The whole trajectory table in memory, plus the two small tables the filters need."""

    trajectories: pd.DataFrame
    areas: pd.DataFrame  # code, current_code
    programmes: pd.DataFrame  # id, parent_id, partnership_id
    sqlite: bool


def load(engine: sa.Engine) -> Tables:
    """Read every trajectory into a DataFrame (dates as datetime64)."""
    cols = [trajectory.c[c] for c in (*DATE_COLUMNS, *OTHER_COLUMNS)]
    with engine.connect() as conn:
        df = pd.read_sql(sa.select(*cols), conn)
        areas = pd.read_sql(sa.select(area.c.code, area.c.current_code), conn)
        progs = pd.read_sql(
            sa.select(programme.c.id, programme.c.parent_id, programme.c.partnership_id), conn
        )
    for c in DATE_COLUMNS:
        df[c] = pd.to_datetime(df[c])
    return Tables(df, areas, progs, engine.dialect.name == "sqlite")


def _add_months(tables: Tables, day: pd.Series, months: int) -> pd.Series:
    """`day + months` the way the database does it (SQLite rolls over, PostgreSQL clips)."""
    if tables.sqlite:
        first = day.dt.to_period("M").dt.to_timestamp() + pd.DateOffset(months=months)
        return first + pd.to_timedelta(day.dt.day - 1, unit="D")
    return day + pd.DateOffset(months=months)


def _current_code(tables: Tables, df: pd.DataFrame) -> pd.Series:
    mapping = dict(zip(tables.areas["code"], tables.areas["current_code"], strict=True))
    return df["area_code"].map(mapping)


def _filtered(tables: Tables, f: TrajectoryFilter) -> pd.DataFrame:
    df = tables.trajectories
    keep = np.ones(len(df), dtype=bool)
    if f.registered_from is not None:
        keep &= (df["registered_on"] >= pd.Timestamp(f.registered_from)).to_numpy()
    if f.registered_to is not None:
        keep &= (df["registered_on"] <= pd.Timestamp(f.registered_to)).to_numpy()
    if f.programme_ids:
        keep &= df["programme_id"].isin(f.programme_ids).to_numpy()
    if f.partnership_ids:
        p = tables.programmes
        keep &= (
            df["programme_id"]
            .isin(p.loc[p["partnership_id"].isin(f.partnership_ids), "id"])
            .to_numpy()
        )
    if f.area_codes:
        a = tables.areas
        keep &= df["area_code"].isin(a.loc[a["current_code"].isin(f.area_codes), "code"]).to_numpy()
    if f.provider_ids:
        keep &= df["provider_id"].isin(f.provider_ids).to_numpy()
    if f.placement_type:
        keep &= (df["placement_type"] == f.placement_type).to_numpy()
    return df[keep]


def _lasting(tables: Tables, df: pd.DataFrame, months: int) -> pd.Series:
    return df["placed_on"].notna() & (
        df["lasting_on"] >= _add_months(tables, df["placed_on"], months)
    )


def _stage_flags(tables: Tables, df: pd.DataFrame, months: int) -> pd.DataFrame:
    reached = {}
    later = pd.Series(False, index=df.index)
    for stage, col in zip(
        reversed(STAGES[1:]), ("placed_on", "started_on", "diagnosis_on", "intake_on"), strict=True
    ):
        later = later | df[col].notna()
        reached[stage] = later
    return pd.DataFrame(
        {
            "aanmelding": True,
            "intake": reached["intake"],
            "diagnose": reached["diagnose"],
            "gestart": reached["gestart"],
            "geplaatst": df["placed_on"].notna(),
            "geplaatst_werk": df["placement_type"] == "werk",
            "geplaatst_opleiding": df["placement_type"] == "opleiding",
            "duurzaam": _lasting(tables, df, months),
        },
        index=df.index,
    ).astype(int)


def funnel_counts(tables, f, lasting_months, group_by=None) -> pd.DataFrame:
    df = _filtered(tables, f)
    flags = _stage_flags(tables, df, lasting_months)
    if group_by is None:
        return flags.sum().to_frame().T
    if group_by == "gemeente":
        key = _current_code(tables, df)
    elif group_by == "jaar":
        key = df["registered_on"].dt.year
    elif group_by == "maand":
        key = df["registered_on"].dt.strftime("%Y-%m")
    else:
        key = df[{"aanbieder": "provider_id", "programma": "programme_id"}[group_by]]
    if group_by == "gemeente":  # an inner join in SQL: codes without an area row drop out
        flags, key = flags[key.notna()], key[key.notna()]
    # A missing provider is a group of its own in SQL (GROUP BY keeps NULL).
    out = flags.groupby(key.rename("group"), dropna=False).sum().reset_index()
    return out[[*flags.columns, "group"]]


def period_figures(tables, first, last, lasting_months, area_codes=()) -> pd.DataFrame:
    df = _filtered(tables, TrajectoryFilter(area_codes=area_codes))
    lo, hi = pd.Timestamp(first), pd.Timestamp(last)

    def within(s: pd.Series) -> pd.Series:
        return (s >= lo) & (s <= hi)

    placed = within(df["placed_on"])
    out = pd.DataFrame(
        {
            "programme_id": df["programme_id"],
            "aangemeld": within(df["registered_on"]),
            "gestart": within(df["started_on"]),
            "geplaatst": placed,
            "geplaatst_werk": placed & (df["placement_type"] == "werk"),
            "geplaatst_opleiding": placed & (df["placement_type"] == "opleiding"),
            "duurzaam": within(_add_months(tables, df["placed_on"], lasting_months))
            & _lasting(tables, df, lasting_months),
            "lopend": (df["registered_on"] <= hi)
            & (df["placed_on"].isna() | (df["placed_on"] > hi))
            & (df["dropout_on"].isna() | (df["dropout_on"] > hi)),
        }
    )
    return out.groupby("programme_id").sum().astype(int).reset_index()


def yearly_figures(tables, year, lasting_months, area_codes=()) -> pd.DataFrame:
    return period_figures(tables, date(year, 1, 1), date(year, 12, 31), lasting_months, area_codes)


def _metric_rows(tables, programme_id, metric, start, end, lasting_months, area_codes=()):
    """The trajectories counting for a target, and the day each counts on."""
    p = tables.programmes
    inside = p.loc[(p["id"] == programme_id) | (p["parent_id"] == programme_id), "id"]
    df = _filtered(tables, TrajectoryFilter(area_codes=tuple(area_codes)))
    df = df[df["programme_id"].isin(inside)]
    column = {"aanmeldingen": "registered_on", "gestart": "started_on", "geplaatst": "placed_on"}
    if metric == "duurzaam":
        day = _add_months(tables, df["placed_on"], lasting_months)
    else:
        day = df[column[metric]]
    keep = (day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))
    if metric == "duurzaam":
        keep &= _lasting(tables, df, lasting_months)
    return df[keep], day[keep]


def realised(tables, programme_id, metric, start, end, lasting_months, area_code=None) -> int:
    areas = (area_code,) if area_code else ()
    rows, _ = _metric_rows(tables, programme_id, metric, start, end, lasting_months, areas)
    return len(rows)


def realised_by_area(tables, programme_id, metric, start, end, lasting_months, area_codes):
    rows, _ = _metric_rows(tables, programme_id, metric, start, end, lasting_months, area_codes)
    codes = _current_code(tables, rows)
    return codes.value_counts().sort_index().rename_axis("area_code").reset_index(name="realised")


def monthly_realised(tables, programme_id, metric, start, end, lasting_months, area_codes=()):
    _, day = _metric_rows(tables, programme_id, metric, start, end, lasting_months, area_codes)
    month = day.dt.strftime("%Y-%m")
    return month.value_counts().sort_index().rename_axis("month").reset_index(name="realised")


def reached_on(tables, programme_id, metric, start, end, lasting_months, count, area_codes=()):
    _, day = _metric_rows(tables, programme_id, metric, start, end, lasting_months, area_codes)
    running = day.value_counts().sort_index().cumsum()
    hit = running[running >= count]
    return hit.index[0].date() if len(hit) else None


def lead_time_histogram(tables, f) -> pd.DataFrame:
    df = _filtered(tables, f)
    parts = []
    for step, (a, b) in {
        "aanmelding": ("registered_on", "intake_on"),
        "intake": ("intake_on", "diagnosis_on"),
        "diagnose": ("diagnosis_on", "started_on"),
        "gestart": ("started_on", "placed_on"),
    }.items():
        days = (df[b] - df[a]).dt.days.dropna().astype(int)
        counts = days.value_counts().rename_axis("days").reset_index(name="n")
        counts.insert(0, "step", step)
        parts.append(counts)
    return pd.concat(parts, ignore_index=True)


def dropout_by_stage(tables, f, lasting_months) -> pd.DataFrame:
    df = _filtered(tables, f)
    stage = np.select(
        [
            _lasting(tables, df, lasting_months),
            df["placed_on"].notna(),
            df["started_on"].notna(),
            df["diagnosis_on"].notna(),
            df["intake_on"].notna(),
        ],
        ["duurzaam", "geplaatst", "gestart", "diagnose", "intake"],
        default="aanmelding",
    )
    reason = (
        df["dropout_reason"].replace("", None).fillna("onbekend").where(df["dropout_on"].notna())
    )
    out = pd.DataFrame({"stage": stage, "reason": reason.to_numpy()})
    return out.groupby(["stage", "reason"], dropna=False).size().reset_index(name="n")


def registrations_per_area(tables, year, programme_ids=()) -> pd.DataFrame:
    f = TrajectoryFilter(
        registered_from=date(year, 1, 1),
        registered_to=date(year, 12, 31),
        programme_ids=programme_ids,
    )
    codes = _current_code(tables, _filtered(tables, f)).dropna()
    return codes.value_counts().sort_index().rename_axis("area_code").reset_index(name="aangemeld")


def trajectory_total(tables) -> dict[str, int]:
    df = tables.trajectories
    return {"total": len(df), "fictional": int(df["is_fictional"].astype(bool).sum())}


def year_range(tables) -> tuple[int, int] | None:
    days = tables.trajectories["registered_on"]
    return None if days.empty else (days.min().year, days.max().year)


# The data_access functions that read trajectories, and their pandas twins (same arguments, with
# the in-memory tables in place of the engine).
PANDAS: dict[str, Callable] = {
    name: globals()[name]
    for name in (
        "funnel_counts", "period_figures", "yearly_figures", "realised", "realised_by_area",
        "monthly_realised", "reached_on", "lead_time_histogram", "dropout_by_stage",
        "registrations_per_area", "trajectory_total", "year_range",
    )
}  # fmt: skip


def replay(engine: sa.Engine, tables: Tables, calls: list[tuple[str, tuple, dict]]) -> None:
    """Answer a page's recorded data calls the naive way (arguments as recorded, engine first)."""
    for name, args, kwargs in calls:
        if name in PANDAS:
            PANDAS[name](tables, *args[1:], **kwargs)
        else:
            getattr(queries, name)(engine, *args[1:], **kwargs)
