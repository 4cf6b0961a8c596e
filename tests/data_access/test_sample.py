"""The sample data: the five cases as their sources give them, and plausible invented trajectories."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from itertools import pairwise, takewhile
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access import sample
from data_access.engine import make_engine
from data_access.schema import (
    PLACEMENT_TYPES,
    area,
    import_log,
    organisation,
    partnership,
    partnership_member,
    programme,
    published_figure,
    source,
    target,
    trajectory,
)
from tests.databases import built_once, closed_sqlite, sqlite_copy

DATA_UNTIL = dt.date(2026, 10, 31)
FIRST_CONFIRMATION_DAYS = 184  # lasting_on is 6 calendar months or more after placement
DEN_HAAG, WESTLAND, NOORDWIJK, NOORDWIJKERHOUT = "GM0518", "GM1783", "GM0575", "GM0576"
HOLLAND_RIJNLAND = {
    "GM0534", "GM0553", "GM0537", "GM0546", "GM0547",
    "GM0575", "GM0576", "GM0579", "GM0626", "GM1525",
}  # fmt: skip
CASE_AREAS = {
    "GM0518": "'s-Gravenhage",
    "GM1783": "Westland",
    "GM0546": "Leiden",
    "GM1959": "Altena",
    "GM0400": "Den Helder",
    "GM1911": "Hollands Kroon",
    "GM0441": "Schagen",
    "GM0448": "Texel",
    "GM0537": "Katwijk",
    "GM0534": "Hillegom",
    "GM0553": "Lisse",
    "GM0547": "Leiderdorp",
    "GM0575": "Noordwijk",
    "GM0579": "Oegstgeest",
    "GM0626": "Voorschoten",
    "GM1525": "Teylingen",
    "GM0576": "Noordwijkerhout",
    "GM9001": "Bonaire",
}


def _rows(engine: sa.Engine, query: sa.Executable, **params) -> list[sa.Row]:
    with engine.connect() as conn:
        return list(conn.execute(query, params))


def _scalar(engine: sa.Engine, query: sa.Executable):
    with engine.connect() as conn:
        return conn.scalar(query)


def _of_programme(code: str) -> sa.Select:
    """Trajectories of one programme (select the columns with .with_only_columns)."""
    joined = trajectory.join(programme, programme.c.id == trajectory.c.programme_id)
    return sa.select(trajectory).select_from(joined).where(programme.c.code == code)


def _placed_between(code: str, first: dt.date, last: dt.date) -> sa.Select:
    return (
        _of_programme(code)
        .with_only_columns(sa.func.count())
        .where(trajectory.c.placed_on.between(first, last))
        .where(trajectory.c.placement_type.in_(PLACEMENT_TYPES))
    )


def _registered_between(code: str, first: dt.date, last: dt.date) -> sa.Select:
    return (
        _of_programme(code)
        .with_only_columns(sa.func.count())
        .where(trajectory.c.registered_on.between(first, last))
    )


def _year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def test_werkoffensief_2019_placements_equal_published_4248(sample_engine):
    placed = _scalar(sample_engine, _placed_between("WO500", *_year(2019)))
    published = _scalar(
        sample_engine,
        sa.select(published_figure.c.value)
        .join(programme, programme.c.id == published_figure.c.programme_id)
        .where(programme.c.code == "WO500", published_figure.c.metric == "geplaatst")
        .where(published_figure.c.period_start == dt.date(2019, 1, 1))
        .where(published_figure.c.period_end == dt.date(2019, 12, 31)),
    )
    # Counted by municipality as well: all placements of Den Haag (today's map) in 2019.
    in_den_haag = _scalar(
        sample_engine,
        sa.select(sa.func.count())
        .select_from(trajectory.join(area, area.c.code == trajectory.c.area_code))
        .where(area.c.current_code == DEN_HAAG)
        .where(trajectory.c.placed_on.between(*_year(2019))),
    )
    assert placed == published == in_den_haag == 4248


def test_all_342_municipalities_and_three_openbare_lichamen(sample_engine):
    rows = _rows(sample_engine, sa.select(area))
    current = [r for r in rows if r.kind == "gemeente" and r.valid_to is None]
    lichamen = {r.code: r for r in rows if r.kind == "openbaar_lichaam"}
    names = {r.code: r.name for r in rows}
    assert len(current) == 342
    assert all(r.source_note == "Bron: CBS, PDOK" for r in current)
    assert set(lichamen) == {"GM9001", "GM9002", "GM9003"}
    assert all(r.province is None for r in lichamen.values())
    assert lichamen["GM9001"].lat == pytest.approx(12.15)
    assert lichamen["GM9001"].lon == pytest.approx(-68.27)
    assert {code: names.get(code) for code in CASE_AREAS} == CASE_AREAS


# Former municipalities of the 2022 division that CBS's older tables still use (sample_data/cbs).
MERGED_SINCE_2022 = {"GM0457": "GM0363", "GM0501": "GM1992", "GM0530": "GM1992", "GM0614": "GM1992"}


def test_noordwijkerhout_current_code_is_noordwijk(sample_engine):
    rows = {r.code: r for r in _rows(sample_engine, sa.select(area))}
    old = rows[NOORDWIJKERHOUT]
    assert (old.successor_code, old.current_code) == (NOORDWIJK, NOORDWIJK)
    assert old.valid_to == dt.date(2018, 12, 31)
    merged = {NOORDWIJKERHOUT: NOORDWIJK, **MERGED_SINCE_2022}
    assert {c: rows[c].current_code for c in merged} == merged
    assert all(r.current_code == code for code, r in rows.items() if code not in merged)

    # Old data keyed on the old code counts under Noordwijk on today's map.
    per_code = dict(
        _rows(
            sample_engine,
            _of_programme("HR-INKOOP")
            .with_only_columns(trajectory.c.area_code, sa.func.count())
            .where(trajectory.c.area_code.in_([NOORDWIJK, NOORDWIJKERHOUT]))
            .group_by(trajectory.c.area_code),
        )
    )
    under_noordwijk = _scalar(
        sample_engine,
        _of_programme("HR-INKOOP")
        .with_only_columns(sa.func.count())
        .join(area, area.c.code == trajectory.c.area_code)
        .where(area.c.current_code == NOORDWIJK),
    )
    assert per_code[NOORDWIJKERHOUT] > 0
    assert under_noordwijk == per_code[NOORDWIJK] + per_code[NOORDWIJKERHOUT]


def test_five_partnerships_with_their_members(sample_engine):
    rows = _rows(
        sample_engine,
        sa.select(partnership.c.code, partnership_member.c.area_code, organisation.c.name)
        .join(partnership_member, partnership_member.c.partnership_id == partnership.c.id)
        .outerjoin(organisation, organisation.c.id == partnership_member.c.organisation_id)
        # The 35 labour-market regions are partnerships too (tests/data_access/test_public_data.py).
        .where(partnership.c.kind != "arbeidsmarktregio"),
    )
    members: dict[str, set[str]] = {}
    for code, area_code, name in rows:
        members.setdefault(code, set()).add(area_code or name)
    assert members == {
        "BONAIRE-LEIDEN": {
            "GM9001",
            "GM0546",
            "Ministerie van Sociale Zaken en Werkgelegenheid",
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        },
        "ALTENA-MIDZUID": {"GM1959", "MidZuid"},
        "HOLLAND-RIJNLAND": HOLLAND_RIJNLAND
        | {
            "Intergemeentelijke Sociale Dienst Bollenstreek",
            "Aanbieder A",
            "Aanbieder B",
            "Aanbieder C",
            "Regio Holland Rijnland",
        },
        "KOP-VAN-NOORD-HOLLAND": {
            "GM0400",
            "GM1911",
            "GM0441",
            "GM0448",
            "Werkgeversservicepunt Kop van Noord-Holland",
            "UWV",
            "Noorderkwartier",
            "De Bolder",
        },
        "DENHAAG-WESTLAND": {
            DEN_HAAG,
            WESTLAND,
            "Glastuinbouw Westland",
            "Greenport West-Holland",
            "Werkgeversorganisaties (niet bij naam genoemd)",
            "Scholen (niet bij naam genoemd)",
        },
    }
    dates = {r.code: r for r in _rows(sample_engine, sa.select(partnership))}
    assert dates["ALTENA-MIDZUID"].signed_on == dt.date(2022, 12, 21)
    assert dates["KOP-VAN-NOORD-HOLLAND"].signed_on == dt.date(2017, 7, 20)


def test_targets_of_the_cases(sample_engine):
    rows = _rows(
        sample_engine,
        sa.select(programme.c.code, target.c.value, target.c.label, target.c.metric)
        .join(programme, programme.c.id == target.c.programme_id)
        .where(target.c.period_start == sa.bindparam("start"))
        .where(target.c.period_end == sa.bindparam("end")),
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
    )
    werkoffensief_2019 = {(r.label, r.value) for r in rows if r.code == "WO500"}
    assert werkoffensief_2019 == {("vaste taak", 4000), ("extra (+500)", 500)}
    assert {r.metric for r in rows if r.code == "WO500"} == {"geplaatst"}

    deal = _rows(
        sample_engine,
        sa.select(target.c.value, target.c.period_start, target.c.period_end, target.c.label)
        .join(programme, programme.c.id == target.c.programme_id)
        .where(programme.c.code == "DH-WL-GLAS"),
    )
    assert [tuple(r) for r in deal] == [(200, dt.date(2020, 12, 1), dt.date(2022, 11, 30), "deal")]

    years = _scalar(
        sample_engine,
        sa.select(sa.func.count())
        .select_from(target.join(programme, programme.c.id == target.c.programme_id))
        .where(programme.c.code == "WO500", target.c.label == "extra (+500)"),
    )
    assert years == 8  # 2019 .. 2026


def test_invented_targets_say_they_are_fictional(sample_engine):
    rows = _rows(
        sample_engine,
        sa.select(programme.c.code, target.c.label, source.c.publisher)
        .join(programme, programme.c.id == target.c.programme_id)
        .join(source, source.c.id == target.c.source_id),
    )
    invented = [r for r in rows if r.code not in ("WO500", "DH-WL-GLAS")]
    assert invented
    assert all("(fictief)" in r.label for r in invented)
    assert {r.publisher for r in invented} == {"Samenwerkingsmonitor (fictief)"}
    assert {r.publisher for r in rows if r.code in ("WO500", "DH-WL-GLAS")} == {"Omroep West"}


def _stage_violations(engine: sa.Engine) -> list[tuple[str, str]]:
    """(source_key, broken rule) for every trajectory that breaks the funnel's date rules."""
    columns = [
        trajectory.c.source_key,
        trajectory.c.registered_on,
        trajectory.c.intake_on,
        trajectory.c.diagnosis_on,
        trajectory.c.started_on,
        trajectory.c.placed_on,
        trajectory.c.placement_type,
        trajectory.c.lasting_on,
        trajectory.c.dropout_on,
        trajectory.c.dropout_reason,
    ]
    broken = []
    for r in _rows(engine, sa.select(*columns)):
        stages = [r.registered_on, r.intake_on, r.diagnosis_on, r.started_on, r.placed_on]
        reached = list(takewhile(lambda d: d is not None, stages))
        every = [d for d in [*stages, r.lasting_on, r.dropout_on] if d is not None]
        if any(d is not None for d in stages[len(reached) :]):
            broken.append((r.source_key, "stage reached after a missing stage"))
        if any(later <= earlier for earlier, later in pairwise(reached)):
            broken.append((r.source_key, "stage dates not increasing"))
        if max(every) > DATA_UNTIL:
            broken.append((r.source_key, "date after data_until"))
        if (r.placed_on is None) != (r.placement_type is None):
            broken.append((r.source_key, "placement without type or type without placement"))
        if r.dropout_on is not None and (r.dropout_on <= reached[-1] or not r.dropout_reason):
            broken.append((r.source_key, "dropout not after the last stage, or without reason"))
        if r.placed_on and r.dropout_on and r.dropout_reason != "terugval na plaatsing":
            broken.append((r.source_key, "dropout after placement is not a fall back"))
        if r.lasting_on is not None and (
            r.placed_on is None
            or r.dropout_on is not None
            or (r.lasting_on - r.placed_on).days < FIRST_CONFIRMATION_DAYS
        ):
            broken.append((r.source_key, "lasting_on without placement, or too soon"))
    return broken


def test_stage_dates_are_in_order_and_not_after_data_until(sample_engine):
    assert _stage_violations(sample_engine) == []
    recent_but_lasting = _scalar(
        sample_engine,
        sa.select(sa.func.count())
        .where(trajectory.c.placed_on > DATA_UNTIL - dt.timedelta(days=FIRST_CONFIRMATION_DAYS))
        .where(trajectory.c.lasting_on.is_not(None)),
    )
    assert recent_but_lasting == 0
    data_until = _rows(sample_engine, sa.select(import_log.c.data_until).distinct())
    assert [tuple(r) for r in data_until] == [(DATA_UNTIL,)]


def test_every_trajectory_is_marked_fictional(sample_engine):
    real = _scalar(
        sample_engine,
        sa.select(sa.func.count()).where(
            sa.or_(trajectory.c.is_fictional.is_(False), trajectory.c.import_id.is_(None))
        ),
    )
    logs = _rows(sample_engine, sa.select(import_log))
    assert real == 0
    assert len(logs) == 6  # one per programme
    assert all(log.is_fictional and log.file_name == "voorbeelddata (fictief)" for log in logs)
    assert sum(log.rows_new for log in logs) == _scalar(
        sample_engine, sa.select(sa.func.count()).select_from(trajectory)
    )
    keys = _rows(sample_engine, _of_programme("WO500").with_only_columns(trajectory.c.source_key))
    assert all(key.startswith("VB-WO500-") for (key,) in keys)


def test_trajectories_stay_in_their_programmes_areas(sample_engine):
    rows = _rows(
        sample_engine,
        sa.select(programme.c.code, trajectory.c.area_code)
        .join(programme, programme.c.id == trajectory.c.programme_id)
        .distinct(),
    )
    areas: dict[str, set[str]] = {}
    for code, area_code in rows:
        areas.setdefault(code, set()).add(area_code)
    assert areas == {
        "BON-LEI": {"GM9001"},
        "ALT-WERKFIT": {"GM1959"},
        "HR-INKOOP": HOLLAND_RIJNLAND,
        "KNH-WSP": {"GM0400", "GM1911", "GM0441", "GM0448"},
        "WO500": {DEN_HAAG},
        "DH-WL-GLAS": {DEN_HAAG, WESTLAND},
    }


def test_volumes_fit_the_size_of_each_case(sample_engine):
    def registered(code: str, year: int) -> int:
        return _scalar(sample_engine, _registered_between(code, *_year(year)))

    def placed(code: str, first: dt.date, last: dt.date) -> int:
        return _scalar(sample_engine, _placed_between(code, first, last))

    for year in range(2020, 2026):
        assert 8_500 <= registered("WO500", year) <= 11_000
        assert 4_000 <= placed("WO500", *_year(year)) <= 4_700
        assert 10 <= registered("BON-LEI", year) <= 99
        assert 600 <= registered("HR-INKOOP", year) <= 900
        assert 600 <= registered("KNH-WSP", year) <= 1_500
    for year in range(2023, 2026):
        assert 150 <= registered("ALT-WERKFIT", year) <= 500
    first_year = placed("DH-WL-GLAS", dt.date(2020, 12, 1), dt.date(2021, 11, 30))
    two_years = placed("DH-WL-GLAS", dt.date(2020, 12, 1), dt.date(2022, 11, 30))
    assert 90 <= first_year <= 130
    assert 170 <= two_years <= 240


def test_holland_rijnland_providers_differ(sample_engine):
    rows = _rows(
        sample_engine,
        _of_programme("HR-INKOOP")
        .with_only_columns(
            organisation.c.name,
            organisation.c.is_fictional,
            sa.func.count(),
            sa.func.count(trajectory.c.started_on),
            sa.func.count(trajectory.c.placed_on),
            sa.func.count(trajectory.c.dropout_on).filter(trajectory.c.placed_on.is_not(None)),
        )
        .join(organisation, organisation.c.id == trajectory.c.provider_id)
        .group_by(organisation.c.name, organisation.c.is_fictional)
        .order_by(organisation.c.name),
    )
    assert [(r[0], r[1]) for r in rows] == [(f"Aanbieder {x}", True) for x in "ABC"]
    total = {r[0]: r[2] for r in rows}
    started = {r[0]: r[3] / r[2] for r in rows}
    placed = {r[0]: r[4] / r[2] for r in rows}
    fell_back = {r[0]: r[5] / r[4] for r in rows}
    assert min(total.values()) >= 1_000  # comparable groups
    assert max(placed.values()) - min(placed.values()) >= 0.1
    assert max(started.values()) - min(started.values()) >= 0.15
    assert max(fell_back.values()) - min(fell_back.values()) >= 0.15
    # B (sport and exercise) keeps most people until the start and falls back least.
    assert max(started, key=started.get) == "Aanbieder B"
    assert min(fell_back, key=fell_back.get) == "Aanbieder B"


def _snapshot(engine: sa.Engine) -> list[tuple]:
    query = (
        sa.select(
            programme.c.code,
            trajectory.c.source_key,
            trajectory.c.area_code,
            organisation.c.name,
            trajectory.c.registered_on,
            trajectory.c.intake_on,
            trajectory.c.diagnosis_on,
            trajectory.c.started_on,
            trajectory.c.placed_on,
            trajectory.c.placement_type,
            trajectory.c.lasting_on,
            trajectory.c.dropout_on,
            trajectory.c.dropout_reason,
        )
        .join(programme, programme.c.id == trajectory.c.programme_id)
        .outerjoin(organisation, organisation.c.id == trajectory.c.provider_id)
        .order_by(programme.c.code, trajectory.c.source_key)
    )
    return [tuple(r) for r in _rows(engine, query)]


@pytest.fixture(scope="session")
def seeded_with_7(sqlite_template) -> tuple[Path, dict[str, int]]:
    """A SQLite file seeded with seed 7 once per run, and the counts that seed returned."""

    def build(path: Path) -> None:
        shutil.copy(sqlite_template, path)
        closed_sqlite(path, lambda engine: counts.update(sample.seed(engine, seed=7)))
        (path.parent / "seeded_7.json").write_text(json.dumps(counts))

    counts: dict[str, int] = {}
    path = built_once("seeded_7.sqlite", build)
    return path, json.loads((path.parent / "seeded_7.json").read_text())


def test_seed_is_deterministic(engine, seeded_with_7, tmp_path):
    """Seeding with the same seed gives the same rows: here on SQLite and PostgreSQL alike,
    against one SQLite file seeded with 7 for the whole run."""
    path, other_counts = seeded_with_7
    other = make_engine(sqlite_copy(path, tmp_path, "other.sqlite"))
    try:
        counts = sample.seed(engine, seed=7)
        assert other_counts == counts
        assert _snapshot(engine) == _snapshot(other)
        # A seed other than the default still hits the published 4,248 exactly.
        assert _scalar(engine, _placed_between("WO500", *_year(2019))) == 4248
    finally:
        other.dispose()


def test_seed_refuses_non_empty_database(engine):
    row = {"code": "GM0546", "name": "Leiden", "kind": "gemeente", "lat": 52.2, "lon": 4.5}
    with engine.begin() as conn:
        conn.execute(area.insert(), [{**row, "current_code": "GM0546"}])
    with pytest.raises(ValueError, match="niet leeg"):
        sample.seed(engine)
    assert _scalar(engine, sa.select(sa.func.count()).select_from(programme)) == 0


def test_generate_adds_exactly_n_rows(seeded_engine):
    engine = seeded_engine
    before = _scalar(engine, sa.select(sa.func.count()).select_from(trajectory))
    assert sample.generate(engine, 5_000, seed=3) == 5_000
    assert sample.generate(engine, 1_000, seed=3) == 1_000  # keys number on, no clash
    after = _scalar(engine, sa.select(sa.func.count()).select_from(trajectory))
    generated = _scalar(
        engine,
        sa.select(sa.func.count()).where(
            trajectory.c.source_key.like("GEN-3-%"), trajectory.c.is_fictional.is_(True)
        ),
    )
    logged = _scalar(
        engine,
        sa.select(sa.func.sum(import_log.c.rows_new)).where(
            import_log.c.imported_by == "generator"
        ),
    )
    assert after - before == generated == logged == 6_000
    assert _stage_violations(engine) == []


def test_generate_refuses_database_without_programmes(engine):
    with pytest.raises(ValueError, match="voorbeelddata"):
        sample.generate(engine, 10)
