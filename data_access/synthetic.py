"""Simulate invented re-integration trajectories and write them: shared by the sample and benchmarks.

Everything made here is fictional. Dates are day ordinals (``date.toordinal()``) in numpy arrays,
so a million trajectories take about a second; ``NO_DATE`` marks a stage not (yet) reached. A
simulation is a dict of equally long arrays, one per trajectory column. The database side at the
end reads programmes as plans, logs import batches and writes rows fast (COPY or executemany).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from data_access.schema import (
    area,
    import_log,
    organisation,
    partnership_member,
    programme,
    programme_provider,
    trajectory,
)

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
GENERATOR_SETTINGS = SAMPLE_DIR / "generator.toml"

NO_DATE = -1
# The stages after registration, in funnel order, and their date columns.
STAGES = ("intake", "diagnosis", "started", "placed")
STAGE_COLUMNS = ("intake_on", "diagnosis_on", "started_on", "placed_on")
DATE_COLUMNS = ("registered_on", *STAGE_COLUMNS, "lasting_on", "dropout_on")
VALUE_COLUMNS = ("area_code", "provider_id", "placement_type", "dropout_reason")
# Leaving before intake or diagnosis counts as "early": mostly people who never show up.
EARLY_STAGES = 2
FALLBACK_REASON = "terugval na plaatsing"
_SCALARS = ("work_share", "fallback_share")
_RANGES = ("fallback_days", "lasting_days")

Simulation = dict[str, np.ndarray]


def load_settings(path: Path = GENERATOR_SETTINGS) -> dict:
    """The generator settings (sample_data/generator.toml)."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


def profile(settings: Mapping, programme_code: str, provider: str | None = None) -> dict:
    """Stage parameters for one programme and provider: the defaults, overridden layer by layer."""
    own = settings.get("programmes", {}).get(programme_code, {})
    layers = [settings["defaults"], own, own.get("providers", {}).get(provider, {})]
    merged: dict = {"pass": {}, "days": {}}
    for layer in layers:
        for key, value in layer.items():
            if key in ("pass", "days"):
                merged[key].update(value)
            elif key in _SCALARS or key in _RANGES:
                merged[key] = value
    flat = {key: merged[key] for key in _SCALARS}
    for key in _RANGES:
        flat[f"{key}_lo"], flat[f"{key}_hi"] = merged[key]
    for stage in STAGES:
        flat[f"pass_{stage}"] = merged["pass"][stage]
        flat[f"lo_{stage}"], flat[f"hi_{stage}"] = merged["days"][stage]
        if not 1 <= flat[f"lo_{stage}"] <= flat[f"hi_{stage}"]:
            raise ValueError(
                f"Doorlooptijd van '{stage}' moet 1 <= min <= max zijn ({programme_code})"
            )
    return flat


@dataclass(frozen=True)
class Profiles:
    """Stage parameters of a few profiles, column-wise, to spread over rows by index."""

    columns: dict[str, np.ndarray]

    @classmethod
    def of(cls, profiles: list[dict]) -> Profiles:
        return cls({key: np.array([p[key] for p in profiles]) for key in profiles[0]})

    def per_row(self, index: np.ndarray) -> dict[str, np.ndarray]:
        return {key: values[index] for key, values in self.columns.items()}


@dataclass(frozen=True)
class Reasons:
    """Weighted dropout reasons, early (before diagnosis) and late."""

    early: tuple[np.ndarray, np.ndarray]
    late: tuple[np.ndarray, np.ndarray]

    @classmethod
    def of(cls, settings: Mapping) -> Reasons:
        def table(weights: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
            p = np.array(list(weights.values()), dtype=float)
            return np.array(list(weights), dtype=object), p / p.sum()

        reasons = settings["dropout_reasons"]
        return cls(early=table(reasons["early"]), late=table(reasons["late"]))

    def draw(self, rng: np.random.Generator, n: int, early: bool) -> np.ndarray:
        names, p = self.early if early else self.late
        return names[rng.choice(len(names), size=n, p=p)]


@dataclass(frozen=True)
class World:
    """What all programmes share: the date the data runs to, dropout reasons, seasonality."""

    data_until: int
    reasons: Reasons
    month_weights: np.ndarray

    @classmethod
    def of(cls, settings: Mapping) -> World:
        return cls(
            data_until=settings["data_until"].toordinal(),
            reasons=Reasons.of(settings),
            month_weights=np.array(settings["month_weights"], dtype=float),
        )


@dataclass(frozen=True)
class Plan:
    """One programme as the simulator sees it: when, where, by whom and with which parameters."""

    programme_id: int
    code: str
    start: int  # first registration day
    end: int  # last registration day: the programme's end or data_until
    areas: np.ndarray  # area codes (object array)
    area_p: np.ndarray  # probability of each area
    providers: np.ndarray  # organisation ids, or [None] when the programme has no providers
    profiles: Profiles  # one profile per provider
    area_provider: np.ndarray | None = None  # provider index per area, where the area decides
    # (old code, last day it was still delivered, successor): later rows land on the successor.
    old_codes: tuple[tuple[str, int, str], ...] = ()


def registration_days(
    rng: np.random.Generator,
    start: int,
    end: int,
    per_year: Callable[[int], float],
    month_weights: np.ndarray,
) -> np.ndarray:
    """Registration days between start and end: per_year(year) a year, pro rata, by month weight."""
    chunks = [np.empty(0, dtype=np.int64)]
    for year in range(dt.date.fromordinal(start).year, dt.date.fromordinal(end).year + 1):
        jan1, dec31 = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
        days = np.arange(max(start, jan1), min(end, dec31) + 1)
        count = round(per_year(year) * len(days) / (dec31 - jan1 + 1))
        months = np.array([dt.date.fromordinal(int(d)).month for d in days])
        weights = month_weights[months - 1]
        chunks.append(rng.choice(days, size=count, p=weights / weights.sum()))
    return np.sort(np.concatenate(chunks))


def simulate_plan(
    rng: np.random.Generator, plan: Plan, registered: np.ndarray, world: World
) -> Simulation:
    """Trajectories of one programme for the given registration days: area, provider, stages."""
    n = len(registered)
    area_index = rng.choice(len(plan.areas), size=n, p=plan.area_p)
    if plan.area_provider is not None:
        provider_index = plan.area_provider[area_index]
    else:
        provider_index = rng.integers(0, len(plan.providers), size=n)
    sim = simulate(rng, registered, plan.profiles.per_row(provider_index), world)
    areas = plan.areas[area_index]
    for old, last_day, successor in plan.old_codes:
        areas[(areas == old) & (registered > last_day)] = successor
    sim["area_code"] = areas
    sim["provider_id"] = plan.providers[provider_index]
    return sim


def simulate(
    rng: np.random.Generator, registered: np.ndarray, p: dict[str, np.ndarray], world: World
) -> Simulation:
    """Walk each trajectory through the funnel; `p` holds the stage parameters per row.

    A stage is reached with its pass rate after its lead time; who does not pass leaves within
    that lead time. Whatever would happen after data_until has not happened yet.
    """
    n = len(registered)
    sim: Simulation = {"registered_on": registered}
    dropout = np.full(n, NO_DATE, dtype=np.int64)
    reason = np.full(n, None, dtype=object)
    previous, active = registered, np.ones(n, dtype=bool)
    for k, (stage, column) in enumerate(zip(STAGES, STAGE_COLUMNS, strict=True)):
        longest = p[f"hi_{stage}"]
        reached_on = previous + rng.integers(p[f"lo_{stage}"], longest + 1)
        quit_on = previous + rng.integers(1, longest + 1)
        passes = rng.random(n) < p[f"pass_{stage}"]
        quits = active & ~passes & (quit_on <= world.data_until)
        dropout[quits] = quit_on[quits]
        reason[quits] = world.reasons.draw(rng, int(quits.sum()), early=k < EARLY_STAGES)
        active = active & passes & (reached_on <= world.data_until)
        sim[column] = np.where(active, reached_on, NO_DATE)
        previous = np.where(active, reached_on, previous)
    sim["dropout_on"], sim["dropout_reason"] = dropout, reason
    _after_placement(rng, sim, p, world)
    return sim


def _after_placement(
    rng: np.random.Generator, sim: Simulation, p: dict[str, np.ndarray], world: World
) -> None:
    """Placement type, falling back after placement, and the last date confirmed in work."""
    placed = sim["placed_on"]
    n = len(placed)
    is_placed = placed != NO_DATE
    in_work = rng.random(n) < p["work_share"]
    kind = np.full(n, None, dtype=object)
    kind[is_placed & in_work] = "werk"
    kind[is_placed & ~in_work] = "opleiding"
    sim["placement_type"] = kind

    falls = is_placed & (rng.random(n) < p["fallback_share"])
    fall_on = placed + rng.integers(p["fallback_days_lo"], p["fallback_days_hi"] + 1)
    fallen = falls & (fall_on <= world.data_until)
    sim["dropout_on"][fallen] = fall_on[fallen]
    sim["dropout_reason"][fallen] = FALLBACK_REASON

    # Those who stay are confirmed in work 6..14 months on, but never after data_until;
    # people placed less than the shortest window ago have no confirmation yet.
    first, last = p["lasting_days_lo"], p["lasting_days_hi"]
    observed = world.data_until - placed
    stays = is_placed & ~falls & (observed >= first)
    span = np.maximum(np.minimum(last, observed) - first + 1, 1)
    offset = first + (rng.random(n) * span).astype(np.int64)
    sim["lasting_on"] = np.where(stays, placed + offset, NO_DATE)


def demote(rng: np.random.Generator, sim: Simulation, index: np.ndarray, world: World) -> None:
    """Turn these placements into dropouts between the start and the placement date."""
    started, placed = sim["started_on"][index], sim["placed_on"][index]
    sim["dropout_on"][index] = started + rng.integers(1, placed - started + 1)
    sim["dropout_reason"][index] = world.reasons.draw(rng, len(index), early=False)
    sim["placed_on"][index] = NO_DATE
    sim["placement_type"][index] = None
    sim["lasting_on"][index] = NO_DATE


def concat(parts: list[Simulation]) -> Simulation:
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


def take(sim: Simulation, index: np.ndarray) -> Simulation:
    return {key: values[index] for key, values in sim.items()}


def date_values(days: np.ndarray, as_text: bool) -> list:
    """Day ordinals as dates (or ISO text for raw driver inserts), None where NO_DATE."""
    known = days != NO_DATE
    if not known.any():
        return [None] * len(days)
    low, high = int(days[known].min()), int(days[known].max())
    lookup = np.empty(high - low + 2, dtype=object)
    lookup[0] = None
    for i, day in enumerate(range(low, high + 1), start=1):
        date = dt.date.fromordinal(day)
        lookup[i] = date.isoformat() if as_text else date
    return lookup[np.where(known, days - low + 1, 0)].tolist()


def columns(sim: Simulation, as_text: bool = False) -> dict[str, list]:
    """The simulation as plain Python lists per trajectory column, ready for the database."""
    out = {column: date_values(sim[column], as_text) for column in DATE_COLUMNS}
    out.update({column: sim[column].tolist() for column in VALUE_COLUMNS})
    return out


def trajectory_columns(
    sim: Simulation, keys: list[str], programme_id: int, import_id: int, as_text: bool = False
) -> dict[str, list]:
    """All trajectory columns for one programme's simulated rows, marked fictional."""
    data = columns(sim, as_text)
    count = len(keys)
    data.update(source_key=keys, programme_id=[programme_id] * count)
    data.update(import_id=[import_id] * count, is_fictional=[True] * count)
    return data


# --- the database side -----------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    """Who and what made a batch of invented trajectories, for its import_log rows."""

    imported_at: dt.datetime
    account: str
    file_name: str
    fingerprint: str  # SHA-256 of what produced the rows
    data_until: dt.date


def log_import(conn: sa.Connection, batch: Batch, programme_id: int, rows: int) -> int:
    """An import_log row for one programme's share of a batch; returns its id."""
    values = {
        "imported_at": batch.imported_at,
        "imported_by": batch.account,
        "file_name": batch.file_name,
        "file_sha256": batch.fingerprint,
        "programme_id": programme_id,
        "rows_new": rows,
        "data_until": batch.data_until,
        "is_fictional": True,
    }
    return conn.execute(import_log.insert().values(**values)).inserted_primary_key[0]


def load_plans(conn: sa.Connection, settings: Mapping, world: World) -> list[Plan]:
    """A plan per programme in the database that has areas and days to register up to data_until.

    Areas: the settings' weights for the programme, else its partnership's member areas or its
    lead area, equally weighted. Providers: the programme's providers, each with its profile.
    """
    programmes = conn.execute(sa.select(programme).order_by(programme.c.id)).mappings().all()
    members = conn.execute(
        sa.select(partnership_member.c.partnership_id, partnership_member.c.area_code)
        .where(partnership_member.c.area_code.is_not(None))
        .order_by(partnership_member.c.partnership_id, partnership_member.c.area_code)
    ).all()
    providers = conn.execute(
        sa.select(programme_provider.c.programme_id, organisation.c.name, organisation.c.id)
        .join(organisation, organisation.c.id == programme_provider.c.organisation_id)
        .order_by(programme_provider.c.programme_id, organisation.c.name)
    ).all()
    current = dict(conn.execute(sa.select(area.c.code, area.c.current_code)).all())
    plans = []
    for row in programmes:
        areas = [code for pid, code in members if pid == row["partnership_id"]]
        if row["lead_area_code"]:
            areas = [row["lead_area_code"]]
        own = {name: oid for pid, name, oid in providers if pid == row["id"]}
        plan = _plan(row, areas, own, current, settings, world)
        if plan is not None:
            plans.append(plan)
    return plans


def _plan(
    row: Mapping,
    member_areas: list[str],
    providers: dict[str, int],
    current: Mapping[str, str],
    settings: Mapping,
    world: World,
) -> Plan | None:
    own = settings.get("programmes", {}).get(row["code"], {})
    weights = own.get("areas") or dict.fromkeys(member_areas, 1)
    start = row["start_date"].toordinal()
    end = min(
        row["end_date"].toordinal() if row["end_date"] else world.data_until, world.data_until
    )
    if not weights or start > end:
        return None
    names = sorted(providers)
    profiles = [profile(settings, row["code"], name) for name in names]
    by_area = own.get("provider_by_area")
    p = np.array(list(weights.values()), dtype=float)
    return Plan(
        programme_id=row["id"],
        code=row["code"],
        start=start,
        end=end,
        areas=np.array(list(weights), dtype=object),
        area_p=p / p.sum(),
        providers=np.array([providers[n] for n in names] or [None], dtype=object),
        profiles=Profiles.of(profiles or [profile(settings, row["code"])]),
        area_provider=np.array([names.index(by_area[a]) for a in weights]) if by_area else None,
        old_codes=tuple(
            (code, until.toordinal(), current[code])
            for code, until in own.get("old_codes", {}).items()
        ),
    )


def write_fast(conn: sa.Connection, data: dict[str, list]) -> None:
    """Write trajectory columns (dates as ISO text) through the driver: COPY or executemany.

    Runs inside the caller's transaction; the rows bypass SQLAlchemy's per-row processing.
    """
    if conn.dialect.name == "postgresql":
        _copy_postgresql(conn, data)
    elif conn.dialect.name == "sqlite":
        compiled = trajectory.insert().compile(dialect=conn.dialect, column_keys=list(data))
        rows = zip(*(data[key] for key in compiled.positiontup), strict=True)
        conn.connection.driver_connection.cursor().executemany(str(compiled), rows)
    else:
        raise NotImplementedError(f"Geen snelle schrijfroute voor {conn.dialect.name}")


def _copy_postgresql(conn: sa.Connection, data: dict[str, list]) -> None:
    from psycopg import sql  # only needed, and only installed for sure, with PostgreSQL

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(trajectory.name), sql.SQL(", ").join(map(sql.Identifier, data))
    )
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in zip(*data.values(), strict=True):
            copy.write_row(row)
