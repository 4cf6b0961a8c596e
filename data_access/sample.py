"""Fill an empty database with the five cases and their invented trajectories (the sample data).

The cases (sample_data/cases.toml) are facts from their sources; the trajectories are simulated
(data_access/synthetic.py, settings in sample_data/generator.toml) and marked fictional, except
that they add up exactly to every placement figure a source published (the 4,248 of 2019).
``generate`` adds any number of synthetic trajectories to a seeded database, for benchmarks.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import tomllib
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from data_access import public_data, stats, synthetic, versions
from data_access.schema import (
    area,
    organisation,
    partnership,
    partnership_member,
    programme,
    programme_provider,
    published_figure,
    source,
    target,
    trajectory,
)
from data_access.settings import DEFAULT_LASTING_MONTHS

CASES = synthetic.SAMPLE_DIR / "cases.toml"
AREAS_2025 = synthetic.SAMPLE_DIR / "gemeenten_2025.csv"
EXTRA_AREAS = synthetic.SAMPLE_DIR / "extra_areas.csv"
CBS_CREDIT = "Bron: CBS, PDOK"
# Fixed, so that two seeds with the same settings give the same rows.
SEEDED_AT = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
SEED_ACCOUNT = "voorbeelddata"
SEED_FILE_NAME = "voorbeelddata (fictief)"
GENERATE_ACCOUNT = "generator"
GENERATE_FILE_NAME = "synthetische trajecten (fictief)"
SEED_CHUNK = 5_000  # rows per executemany through SQLAlchemy
GENERATE_CHUNK = 50_000  # rows simulated and written at a time: bounds memory


# --- reading the sample files ---------------------------------------------------------------


def load_cases(path: Path = CASES) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def read_areas() -> list[dict]:
    """All areas: the 342 municipalities of 2025 (CBS) and the extras, with their current code."""
    rows = [_area_row(r, CBS_CREDIT) for r in _csv_rows(AREAS_2025)]
    rows += [_area_row(r, r["source_note"]) for r in _csv_rows(EXTRA_AREAS)]
    successor = {r["code"]: r["successor_code"] for r in rows}
    for row in rows:
        current = row["code"]
        while successor[current]:
            current = successor[current]
        row["current_code"] = current
    # Successors first: the foreign key on successor_code must find its row.
    return sorted(rows, key=lambda r: r["successor_code"] is not None)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _area_row(row: Mapping[str, str], note: str) -> dict:
    def date_or_none(key: str) -> dt.date | None:
        return dt.date.fromisoformat(row[key]) if row.get(key) else None

    return {
        "code": row["gemeentecode"],
        "name": row["gemeentenaam"],
        "kind": row.get("kind") or "gemeente",
        "province": row["provincie"] or None,
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "valid_from": date_or_none("valid_from"),
        "valid_to": date_or_none("valid_to"),
        "successor_code": row.get("successor_code") or None,
        "source_note": note,
    }


def settings_fingerprint(seed: int) -> str:
    """SHA-256 of the generator settings and the seed: what made these trajectories."""
    data = synthetic.GENERATOR_SETTINGS.read_bytes() + f"\nseed = {seed}\n".encode()
    return hashlib.sha256(data).hexdigest()


# --- seed -------------------------------------------------------------------------------------


def seed(
    engine: sa.Engine, seed: int | None = None, lasting_months: int = DEFAULT_LASTING_MONTHS
) -> dict[str, int]:
    """Fill an empty, migrated database with the sample data in one transaction, with its
    aggregates built for `lasting_months`.

    Returns the number of rows written per table. Raises ValueError when the database has areas.
    """
    settings = synthetic.load_settings()
    seed = settings["seed"] if seed is None else seed
    cases = load_cases()
    with engine.begin() as conn:
        if conn.scalar(sa.select(sa.func.count()).select_from(area)):
            raise ValueError(
                "De database is niet leeg: voorbeelddata kan alleen in een lege database. "
                "Maak een nieuwe database aan (of leeg deze) en probeer het opnieuw."
            )
        areas = read_areas()
        conn.execute(area.insert(), areas)
        counts = {"area": len(areas)}
        counts.update(_insert_cases(conn, cases))
        counts.update(public_data.load(conn))
        counts.update(_seed_trajectories(conn, settings, seed))
        stats.rebuild(conn, lasting_months)
    return counts


def _insert_id(conn: sa.Connection, table: sa.Table, values: Mapping) -> int:
    return conn.execute(table.insert().values(**values)).inserted_primary_key[0]


def _insert_cases(conn: sa.Connection, cases: Mapping) -> dict[str, int]:
    """Sources, organisations, partnerships with members, programmes, targets and figures."""
    sources = {
        s["key"]: _insert_id(conn, source, {k: v for k, v in s.items() if k != "key"})
        for s in cases["sources"]
    }
    organisations = {
        o["name"]: _insert_id(conn, organisation, _organisation_values(o))
        for o in cases["organisations"]
    }
    partnerships, members = {}, []
    for p in cases["partnerships"]:
        values = {k: p.get(k) for k in ("code", "name", "kind", "description")}
        values.update({k: p.get(k) for k in ("start_date", "end_date", "signed_on")})
        partnerships[p["code"]] = pid = _insert_id(
            conn, partnership, {**values, "source_id": sources[p["source"]]}
        )
        members += [_member_values(pid, m, organisations) for m in p["members"]]
    conn.execute(partnership_member.insert(), members)
    programmes, providers = _insert_programmes(conn, cases, partnerships, organisations)
    targets = [row for t in cases["targets"] for row in _target_rows(t, programmes, sources)]
    conn.execute(target.insert(), targets)
    figures = [
        {
            "programme_id": programmes[f["programme"]],
            "metric": f["metric"],
            "value": f["value"],
            "period_start": f["period_start"],
            "period_end": f["period_end"],
            "source_id": sources[f["source"]],
        }
        for f in cases["published_figures"]
    ]
    conn.execute(published_figure.insert(), figures)
    return {
        "source": len(sources),
        "organisation": len(organisations),
        "partnership": len(partnerships),
        "partnership_member": len(members),
        "programme": len(programmes),
        "programme_provider": providers,
        "target": len(targets),
        "published_figure": len(figures),
    }


def _organisation_values(o: Mapping) -> dict:
    return {
        "name": o["name"],
        "kind": o["kind"],
        "area_code": o.get("area"),
        "description": o.get("description"),
        "is_fictional": o.get("is_fictional", False),
    }


def _member_values(partnership_id: int, m: Mapping, organisations: Mapping[str, int]) -> dict:
    """A member is an area or an organisation (by name), with its role."""
    return {
        "partnership_id": partnership_id,
        "area_code": m.get("area"),
        "organisation_id": organisations[m["organisation"]] if "organisation" in m else None,
        "role": m["role"],
    }


def _insert_programmes(
    conn: sa.Connection, cases: Mapping, partnerships: Mapping, organisations: Mapping
) -> tuple[dict[str, int], int]:
    """Programmes in file order (a parent comes before its children) and their providers."""
    programmes, providers = {}, []
    for p in cases["programmes"]:
        values = {k: p.get(k) for k in ("code", "name", "target_group", "description")}
        values.update(
            partnership_id=partnerships[p["partnership"]] if "partnership" in p else None,
            lead_area_code=p.get("lead_area"),
            parent_id=programmes[p["parent"]] if "parent" in p else None,
            start_date=p["start_date"],
            end_date=p.get("end_date"),
        )
        programmes[p["code"]] = pid = _insert_id(conn, programme, values)
        providers += [
            {
                "programme_id": pid,
                "organisation_id": organisations[v["organisation"]],
                "method": v["method"],
            }
            for v in p.get("providers", [])
        ]
    if providers:
        conn.execute(programme_provider.insert(), providers)
    return programmes, len(providers)


def _target_rows(t: Mapping, programmes: Mapping, sources: Mapping) -> list[dict]:
    """One target row, or one per calendar year where the case gives `years = [first, last]`."""
    if "years" in t:
        first, last = t["years"]
        periods = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(first, last + 1)]
    else:
        periods = [(t["period_start"], t["period_end"])]
    return [
        {
            "programme_id": programmes[t["programme"]],
            "metric": t["metric"],
            "value": t["value"],
            "period_start": start,
            "period_end": end,
            "area_code": t.get("area"),
            "label": t["label"],
            "source_id": sources[t["source"]],
        }
        for start, end in periods
    ]


# --- trajectories for the seed ----------------------------------------------------------------


def _seed_trajectories(conn: sa.Connection, settings: Mapping, seed: int) -> dict[str, int]:
    """Simulate each programme's trajectories, match published figures, write them with a log."""
    world = synthetic.World.of(settings)
    batch = synthetic.Batch(
        imported_at=SEEDED_AT,
        account=SEED_ACCOUNT,
        file_name=SEED_FILE_NAME,
        fingerprint=settings_fingerprint(seed),
        data_until=settings["data_until"],
    )
    logs = rows = 0
    for plan in synthetic.load_plans(conn, settings, world):
        sim = _simulate_programme(conn, plan, settings, world, seed)
        count = len(sim["registered_on"])
        import_id = synthetic.log_import(conn, batch, plan.programme_id, count)
        keys = [f"VB-{plan.code}-{n:06d}" for n in range(1, count + 1)]
        data = synthetic.trajectory_columns(sim, keys, plan.programme_id, import_id)
        records = [dict(zip(data, r, strict=True)) for r in zip(*data.values(), strict=True)]
        for start in range(0, count, SEED_CHUNK):
            conn.execute(trajectory.insert(), records[start : start + SEED_CHUNK])
        logs, rows = logs + 1, rows + count
    return {"import_log": logs, "trajectory": rows}


def _simulate_programme(
    conn: sa.Connection, plan: synthetic.Plan, settings: Mapping, world: synthetic.World, seed: int
) -> synthetic.Simulation:
    """A programme's trajectories in registration order, matching its published placements."""
    # One stream per programme: tuning one programme leaves the others' rows unchanged.
    rng = np.random.default_rng([seed, zlib.crc32(plan.code.encode())])
    sim = synthetic.simulate_plan(rng, plan, _registrations(rng, plan, settings, world), world)
    for figure in _published_placements(conn, plan.programme_id):
        sim = _match_placements(rng, plan, sim, figure, world)
    return synthetic.take(sim, np.argsort(sim["registered_on"], kind="stable"))


def _registrations(
    rng: np.random.Generator, plan: synthetic.Plan, settings: Mapping, world: synthetic.World
) -> np.ndarray:
    """Registration days: the yearly volumes of the settings, plus any opening caseload."""
    own = settings.get("programmes", {}).get(plan.code, {})
    by_year = own.get("registrations_by_year", {})
    default = own.get("yearly_registrations", 0)
    days = synthetic.registration_days(
        rng, plan.start, plan.end, lambda year: by_year.get(str(year), default), world.month_weights
    )
    opening = own.get("opening_caseload")
    if opening:
        # Clients already on the books who join in the programme's first weeks.
        joined = plan.start + rng.integers(0, opening["days"], size=opening["count"])
        days = np.sort(np.concatenate([days, np.minimum(joined, plan.end)]))
    return days


def _published_placements(conn: sa.Connection, programme_id: int) -> list[sa.Row]:
    query = (
        sa.select(
            published_figure.c.value, published_figure.c.period_start, published_figure.c.period_end
        )
        .where(published_figure.c.programme_id == programme_id)
        .where(published_figure.c.metric == "geplaatst")
        .order_by(published_figure.c.period_start)
    )
    return list(conn.execute(query))


def _match_placements(
    rng: np.random.Generator,
    plan: synthetic.Plan,
    sim: synthetic.Simulation,
    figure: sa.Row,
    world: synthetic.World,
) -> synthetic.Simulation:
    """Make the placements (work or training) in the figure's period add up to its value.

    Too few: simulate extra registrations in the period until there are enough. Too many: the
    surplus, chosen at random, drops out after the start instead of being placed.
    """
    first, last = figure.period_start.toordinal(), figure.period_end.toordinal()
    # Extra registrations fall in the period or up to half a year before it.
    window = (max(plan.start, first - 180), min(plan.end, last))
    if window[0] > window[1]:
        raise ValueError(f"Gepubliceerd cijfer valt buiten de looptijd van {plan.code}")

    def placed_in_period(s: synthetic.Simulation) -> np.ndarray:
        return np.flatnonzero((s["placed_on"] >= first) & (s["placed_on"] <= last))

    hits = placed_in_period(sim)
    for _ in range(50):
        if len(hits) >= figure.value:
            break
        extra = rng.integers(window[0], window[1] + 1, size=2 * (figure.value - len(hits)) + 10)
        sim = synthetic.concat([sim, synthetic.simulate_plan(rng, plan, np.sort(extra), world)])
        hits = placed_in_period(sim)
    else:
        raise ValueError(f"Kan {figure.value} plaatsingen voor {plan.code} niet halen")
    surplus = rng.choice(hits, size=len(hits) - figure.value, replace=False)
    synthetic.demote(rng, sim, np.sort(surplus), world)
    return sim


# --- generate: many synthetic trajectories for benchmarks ------------------------------------


def generate(engine: sa.Engine, trajectories: int, seed: int = 1) -> int:
    """Add `trajectories` synthetic rows over the existing programmes, areas and providers.

    Programmes get rows in proportion to the trajectories they already have; keys are
    "GEN-<seed>-<n>", numbered on from earlier batches of the same seed. Rows are simulated and
    written GENERATE_CHUNK at a time. Returns the number of rows added.
    """
    if trajectories < 0:
        raise ValueError("Het aantal trajecten kan niet negatief zijn.")
    settings = synthetic.load_settings()
    world = synthetic.World.of(settings)
    rng = np.random.default_rng(seed)
    fingerprint = hashlib.sha256(f"generate seed={seed} n={trajectories}".encode()).hexdigest()
    batch = synthetic.Batch(
        imported_at=dt.datetime.now(dt.UTC),
        account=GENERATE_ACCOUNT,
        file_name=GENERATE_FILE_NAME,
        fingerprint=fingerprint,
        data_until=settings["data_until"],
    )
    with engine.begin() as conn:
        plans = synthetic.load_plans(conn, settings, world)
        if not plans:
            raise ValueError(
                "Er staan geen programma's in de database: vul eerst de voorbeelddata (seed)."
            )
        counts = rng.multinomial(trajectories, _programme_shares(conn, plans))
        number = _generated_before(conn, seed)
        for plan, count in zip(plans, counts.tolist(), strict=True):
            if not count:
                continue
            import_id = synthetic.log_import(conn, batch, plan.programme_id, count)
            for size in _chunk_sizes(count, GENERATE_CHUNK):
                registered = np.sort(rng.integers(plan.start, plan.end + 1, size=size))
                sim = synthetic.simulate_plan(rng, plan, registered, world)
                keys = [f"GEN-{seed}-{n}" for n in range(number + 1, number + size + 1)]
                data = synthetic.trajectory_columns(sim, keys, plan.programme_id, import_id, True)
                synthetic.write_fast(conn, data)
                number += size
        stats.refresh(conn, [plan.programme_id for plan in plans])
        versions.bump(conn)
    return trajectories


def _programme_shares(conn: sa.Connection, plans: list[synthetic.Plan]) -> np.ndarray:
    """Each programme's share of the trajectories it already has (equal when there are none)."""
    query = sa.select(trajectory.c.programme_id, sa.func.count()).group_by(
        trajectory.c.programme_id
    )
    existing = dict(conn.execute(query).all())
    counts = np.array([existing.get(plan.programme_id, 0) for plan in plans], dtype=float)
    if counts.sum() == 0:
        counts[:] = 1
    return counts / counts.sum()


def _generated_before(conn: sa.Connection, seed: int) -> int:
    query = sa.select(sa.func.count()).where(trajectory.c.source_key.like(f"GEN-{seed}-%"))
    return conn.scalar(query)


def _chunk_sizes(total: int, chunk: int) -> Iterator[int]:
    for start in range(0, total, chunk):
        yield min(chunk, total - start)
