"""What is invented and what is real per programme (queries.trajectory_origin), on both
databases, from the aggregates and from the trajectory table, through a real import and its undo."""

import pandas as pd
import sqlalchemy as sa

from data_access import imports, queries, stats
from data_access.filters import TrajectoryFilter
from data_access.schema import stat_state
from tests.origin_data import ADMIN, MIXED, NEW_ROWS, REAL, deliver_real, programme_id, rows_of


def _by_code(engine, f=None) -> pd.DataFrame:
    found = queries.trajectory_origin(engine, f)
    codes = queries.programmes(engine).set_index("id")["code"]
    return found.assign(code=found["programme_id"].map(codes)).set_index("code")


def _from_rows(engine, f=None) -> pd.DataFrame:
    """The same read from the trajectory table, with the aggregates set aside."""
    with engine.begin() as conn:
        kept = conn.execute(sa.select(stat_state)).mappings().all()
        conn.execute(stat_state.delete())
    try:
        return _by_code(engine, f)
    finally:
        with engine.begin() as conn:
            conn.execute(stat_state.insert(), [dict(r) for r in kept])


def test_the_sample_is_invented_in_every_programme(seeded_engine):
    found = _by_code(seeded_engine)
    assert len(found) >= 6 and (found["fictional"] == found["total"]).all()
    assert int(found["total"].sum()) == queries.trajectory_total(seeded_engine)["total"]
    pd.testing.assert_frame_equal(found, _from_rows(seeded_engine))


def test_a_real_import_makes_its_rows_real_and_undo_makes_them_invented_again(seeded_engine):
    bonaire = len(rows_of(seeded_engine, REAL))
    before = _by_code(seeded_engine)
    whole, added = deliver_real(seeded_engine)
    # The same rows with the same values: changed all the same, for their origin changed.
    assert (whole.new, whole.changed, whole.unchanged) == (0, bonaire, 0)
    assert (added.new, added.changed) == (NEW_ROWS, 0)
    after = _by_code(seeded_engine)
    assert after.loc[REAL, ["total", "fictional"]].tolist() == [bonaire, 0]
    assert after.loc[MIXED, "total"] == before.loc[MIXED, "total"] + NEW_ROWS
    assert after.loc[MIXED, "fictional"] == before.loc[MIXED, "fictional"]
    pd.testing.assert_frame_equal(after, _from_rows(seeded_engine))
    # A scope: one municipality of Kop van Noord-Holland (Texel), as its Gemeente page counts.
    texel = TrajectoryFilter(area_codes=("GM0448",))
    pd.testing.assert_frame_equal(_by_code(seeded_engine, texel), _from_rows(seeded_engine, texel))
    assert set(_by_code(seeded_engine, texel).index) == {MIXED}

    # Delivering the same file again changes nothing: the rows are real already.
    again = imports.write_rows(seeded_engine, rows_of(seeded_engine, REAL),
                               programme_id(seeded_engine, REAL), "bonaire_echt.csv", "a" * 64,
                               ADMIN)  # fmt: skip
    assert (again.status, again.changed) == ("ongewijzigd", 0)

    imports.undo_import(seeded_engine, added.import_id, ADMIN)
    imports.undo_import(seeded_engine, whole.import_id, ADMIN)
    pd.testing.assert_frame_equal(_by_code(seeded_engine), before)
    pd.testing.assert_frame_equal(_from_rows(seeded_engine), before)


def test_the_aggregates_rebuilt_from_the_rows_agree(seeded_engine):
    deliver_real(seeded_engine)
    kept = _by_code(seeded_engine)
    with seeded_engine.begin() as conn:
        stats.rebuild(conn, stats.built_for(conn))
    pd.testing.assert_frame_equal(_by_code(seeded_engine), kept)
