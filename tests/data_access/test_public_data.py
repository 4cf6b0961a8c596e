"""The real public layer after `seed` (both databases): CBS figures equal the source file, merged
municipalities land on their successor, the labour-market regions are partnerships of their own,
and loading the layer again changes nothing."""

from __future__ import annotations

import csv

import sqlalchemy as sa

from data_access import context, public_data
from data_access.schema import area_boundary, partnership, partnership_member, region_boundary

SOURCE = public_data.SAMPLE_DIR / "cbs" / "cbs_context_gemeenten.csv"


def _source_values() -> dict[tuple[str, int], dict[str, str]]:
    with SOURCE.open(encoding="utf-8") as fh:
        return {(r["gemeentecode"], int(r["jaar"])): r for r in csv.DictReader(fh)}


def _stored(engine) -> dict[tuple[str, int, str], float]:
    frame = context.context_figures(engine)
    return {(r.area_code, r.year, r.measure): r.value for r in frame.itertuples()}


def test_every_2024_figure_equals_the_cbs_file(sample_engine):
    stored, source = _stored(sample_engine), _source_values()
    columns = {"inwoners": "inwoners", "bijstand_personen": "bijstand", "ww_personen": "ww",
               "ao_personen": "ao", "aow_personen": "aow"}  # fmt: skip
    checked = 0
    for (code, year), row in source.items():
        if year != 2024:
            continue
        for column, measure in columns.items():
            assert stored[(code, 2024, measure)] == float(row[column]), (code, measure)
            checked += 1
    assert checked == 342 * 5


def test_known_values_of_the_cases(sample_engine):
    stored = _stored(sample_engine)
    assert stored[("GM0518", 2024, "inwoners")] == 566221  # Den Haag
    assert stored[("GM0518", 2024, "bijstand")] == 22000
    assert stored[("GM0546", 2024, "inwoners")] == 130108  # Leiden
    assert stored[("GM0546", 2022, "netto_arbeidsparticipatie")] == 72.9


def test_merged_municipalities_land_on_their_2025_successor(sample_engine):
    stored = _stored(sample_engine)
    assert stored[("GM0363", 2022, "inwoners")] == 882633 + 20766  # Amsterdam + Weesp
    assert stored[("GM1992", 2022, "inwoners")] == 17704 + 40574 + 14960  # Voorne aan Zee
    # Percentages are never averaged: Amsterdam keeps what CBS published for GM0363 in 2022
    # (72,8 %, without Weesp); Voorne aan Zee, formed in 2023, had no figure of its own in 2019.
    assert stored[("GM0363", 2022, "netto_arbeidsparticipatie")] == 72.8
    assert ("GM1992", 2019, "netto_arbeidsparticipatie") not in stored
    # No figure is stored under a code that no longer exists.
    assert not {k for k in stored if k[0] in {"GM0457", "GM0501", "GM0530", "GM0614"}}


def test_caribbean_public_bodies_have_no_figures(sample_engine):
    stored = _stored(sample_engine)
    assert not {k for k in stored if k[0] in {"GM9001", "GM9002", "GM9003"}}


def test_a_partnerships_sum_is_the_sum_over_its_members(sample_engine):
    from domain.context import partnership_context

    with sample_engine.connect() as conn:
        pid = conn.scalar(sa.select(partnership.c.id).where(partnership.c.code == "AM19"))
        codes = list(conn.execute(
            sa.select(partnership_member.c.area_code).where(partnership_member.c.partnership_id == pid)
        ).scalars())  # fmt: skip
    stored = _stored(sample_engine)
    line = partnership_context(context.context_figures(sample_engine), codes)
    assert line["inwoners"] == sum(stored[(c, 2024, "inwoners")] for c in codes)
    assert line["bijstand"] == sum(stored[(c, 2024, "bijstand")] for c in codes)


def test_labour_market_regions_are_partnerships_apart_from_the_cases(sample_engine):
    with sample_engine.connect() as conn:
        regions = dict(conn.execute(
            sa.select(partnership.c.code, partnership.c.id).where(partnership.c.kind == "arbeidsmarktregio")
        ).all())  # fmt: skip

        def members(code):
            query = sa.select(partnership_member.c.area_code).where(
                partnership_member.c.partnership_id == regions[code]
            )
            return set(conn.execute(query).scalars())

        assert len(regions) == 35
        holland_rijnland = members("AM19")
        assert len(holland_rijnland) == 12 and "GM0484" in holland_rijnland  # Alphen a/d Rijn
        assert "GM0626" not in holland_rijnland  # Voorschoten: Zuid-Holland Centraal
        assert {"GM0106", "GM1680"} <= members("AM01")  # Assen, Aa en Hunze: Drenthe in Groningen
        joint_purchase = conn.scalar(
            sa.select(sa.func.count())
            .select_from(partnership_member)
            .join(partnership, partnership.c.id == partnership_member.c.partnership_id)
            .where(partnership.c.code == "HOLLAND-RIJNLAND")
            .where(partnership_member.c.area_code.is_not(None))
        )
        assert joint_purchase == 10
        assert conn.scalar(sa.select(sa.func.count()).select_from(area_boundary)) == 342
        kinds = dict(conn.execute(
            sa.select(region_boundary.c.kind, sa.func.count()).group_by(region_boundary.c.kind)
        ).all())  # fmt: skip
        assert kinds == {"provincie": 12, "arbeidsmarktregio": 35}


def test_loading_the_public_layer_twice_changes_nothing(seeded_engine):
    engine = seeded_engine  # seeding loaded the public layer once
    before = _stored(engine)
    with engine.connect() as conn:
        partnerships_before = conn.scalar(
            sa.select(sa.func.count()).select_from(partnership_member)
        )
    with engine.begin() as conn:
        public_data.load(conn)
    assert _stored(engine) == before
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(partnership_member)) == (
            partnerships_before
        )
    with engine.begin() as conn:
        rows = public_data.figure_rows(
            public_data.declaration(), public_data.SAMPLE_DIR,
            {s["key"]: context.find_or_add_source(conn, s) for s in public_data.declaration()["sources"]},
        )  # fmt: skip
        assert context.store(conn, rows)["nieuw"] == 0
        assert context.store(conn, rows)["gewijzigd"] == 0
