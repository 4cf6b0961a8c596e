"""A partnership's context figures (inhabitants, bijstand) equal the sum over its members, on the
seeded sample database (SQLite and PostgreSQL), for the cases and the labour-market regions."""

from data_access import context, queries
from domain.context_line import partnership_figures


def _member_sum(figures, codes, measure, year) -> float:
    rows = figures[(figures["measure"] == measure) & (figures["year"] == year)]
    return sum(rows.loc[rows["area_code"] == code, "value"].sum() for code in codes)


def test_a_partnership_sum_equals_the_sum_over_its_members(sample_engine):
    figures = context.context_figures(sample_engine)
    members = queries.partnership_members(sample_engine)
    partnerships = queries.partnerships(sample_engine)
    table = partnership_figures(figures, members, partnerships).set_index("id")
    assert len(table) == 40
    for p in partnerships.itertuples():
        areas = members[
            (members["partnership_id"] == p.id) & (members["member_type"] == "gemeente")
        ]
        codes = set(areas["area_code"].dropna())
        row = table.loc[p.id]
        for measure in ("inwoners", "bijstand"):
            expected = _member_sum(figures, codes, measure, row[f"{measure}_jaar"])
            assert row[measure] == expected, (p.name, measure)


def test_den_haag_westland_holds_both_municipalities_2024(sample_engine):
    figures = context.context_figures(sample_engine)
    members = queries.partnership_members(sample_engine)
    partnerships = queries.partnerships(sample_engine)
    chosen = partnerships[partnerships["code"] == "DENHAAG-WESTLAND"]
    row = partnership_figures(figures, members, chosen).iloc[0]
    assert (row["inwoners"], row["inwoners_jaar"]) == (566221 + 115941, 2024)
    assert (row["bijstand"], row["bijstand_jaar"]) == (22000 + 1460, 2024)
    assert row["zonder"] == []


def test_bonaire_is_named_as_without_figures_and_leiden_alone_is_summed(sample_engine):
    figures = context.context_figures(sample_engine)
    members = queries.partnership_members(sample_engine)
    partnerships = queries.partnerships(sample_engine)
    chosen = partnerships[partnerships["code"] == "BONAIRE-LEIDEN"]
    row = partnership_figures(figures, members, chosen).iloc[0]
    assert row["inwoners"] == 130108
    assert row["zonder"] == ["GM9001"]


def test_noordwijkerhout_counts_once_under_noordwijk_in_holland_rijnland(sample_engine):
    figures = context.context_figures(sample_engine)
    members = queries.partnership_members(sample_engine)
    partnerships = queries.partnerships(sample_engine)
    chosen = partnerships[partnerships["code"] == "HOLLAND-RIJNLAND"]
    row = partnership_figures(figures, members, chosen).iloc[0]
    # Ten municipalities in the source; Noordwijkerhout joined Noordwijk in 2019: nine today,
    # in the CBS figures and in the partnership's own count (Overzicht's table) alike.
    assert row["municipalities"] == 9
    assert chosen["municipalities"].iloc[0] == 9
    codes = set(
        members.loc[members["partnership_id"] == chosen["id"].iloc[0], "area_code"].dropna()
    )
    assert row["inwoners"] == _member_sum(figures, codes, "inwoners", 2024)
