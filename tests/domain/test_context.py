"""The rules of public context figures (domain/context.py), without a database."""

from __future__ import annotations

import pandas as pd
import pytest

from domain import context as ctx

CURRENT = {
    "GM0363": "GM0363",  # Amsterdam
    "GM0457": "GM0363",  # Weesp, since 24-03-2022 part of Amsterdam
    "GM1992": "GM1992",  # Voorne aan Zee (2023)
    "GM0501": "GM1992",
    "GM0530": "GM1992",
    "GM0614": "GM1992",
    "GM0546": "GM0546",  # Leiden
}


def rows(*items) -> pd.DataFrame:
    return pd.DataFrame(items, columns=["area_code", "year", "measure", "value", "source_id"])


def test_weesp_counts_land_on_amsterdam_and_are_summed():
    landed = ctx.land_on_successors(
        rows(("GM0363", 2022, "inwoners", 882633, 1), ("GM0457", 2022, "inwoners", 20766, 1)),
        CURRENT,
    )
    assert landed[["area_code", "year", "measure", "value"]].to_dict("records") == [
        {"area_code": "GM0363", "year": 2022, "measure": "inwoners", "value": 903399}
    ]


@pytest.mark.parametrize(
    ("delivered", "landed"),
    [
        pytest.param(
            [("GM0501", 2022, 73.8), ("GM0530", 2022, 70.7), ("GM0614", 2022, 71.1),
             ("GM0546", 2022, 72.9)],
            [("GM0546", 2022, 72.9)],
            # No average that CBS did not publish: Voorne aan Zee has no row, Leiden keeps its own.
            id="a successor without a code of its own that year has none",
        ),
        pytest.param(
            [("GM0363", 2022, 72.8), ("GM0457", 2022, 70.1), ("GM0363", 2021, 71.9),
             ("GM0457", 2021, None)],
            [("GM0363", 2021, 71.9), ("GM0363", 2022, 72.8)],
            id="Amsterdam keeps the percentage CBS published for it without Weesp",
        ),
    ],
)  # fmt: skip
def test_a_percentage_of_a_merged_municipality_is_the_one_published_for_its_code(delivered, landed):
    result = ctx.land_on_successors(
        rows(
            *(
                (code, year, "netto_arbeidsparticipatie", value, 1)
                for code, year, value in delivered
            )
        ),
        CURRENT,
    )
    assert list(result[["area_code", "year", "value"]].itertuples(index=False, name=None)) == landed


def test_the_note_names_who_merged_in_after_the_start_of_the_year():
    areas = pd.DataFrame(
        [("GM0363", "Amsterdam", None, "GM0363"), ("GM0457", "Weesp", "2022-03-23", "GM0363"),
         ("GM0546", "Leiden", None, "GM0546")],
        columns=["code", "name", "valid_to", "current_code"],
    )  # fmt: skip
    assert ctx.merged_before(areas, "GM0363", 2022) == ["Weesp"]
    assert ctx.merged_before(areas, "GM0363", 2023) == []  # CBS counted Weesp in Amsterdam
    assert ctx.merged_before(areas, "GM0546", 2022) == []


def test_brielle_hellevoetsluis_westvoorne_counts_sum_into_voorne_aan_zee():
    landed = ctx.land_on_successors(
        rows(
            ("GM0501", 2022, "inwoners", 17704, 1),
            ("GM0530", 2022, "inwoners", 40574, 1),
            ("GM0614", 2022, "inwoners", 14960, 1),
        ),
        CURRENT,
    )
    assert landed["area_code"].tolist() == ["GM1992"]
    assert landed["value"].tolist() == [17704 + 40574 + 14960]


def test_a_merged_count_with_a_missing_part_is_missing_not_too_low():
    landed = ctx.land_on_successors(
        rows(("GM0363", 2022, "inwoners", 882633, 1), ("GM0457", 2022, "inwoners", None, 1)),
        CURRENT,
    )
    assert landed.empty


def test_unknown_code_is_refused_by_name():
    with pytest.raises(KeyError, match="GM9999"):
        ctx.land_on_successors(rows(("GM9999", 2024, "inwoners", 1, 1)), CURRENT)


FIGURES = pd.DataFrame(
    [
        ("GM0518", 2024, "inwoners", 566221.0),
        ("GM0518", 2024, "bijstand", 22000.0),
        ("GM0546", 2024, "inwoners", 130108.0),
        ("GM0546", 2024, "bijstand", 3220.0),
        ("GM0546", 2022, "netto_arbeidsparticipatie", 72.9),
        ("GM0599", 2024, "inwoners", 670610.0),
        ("GM0599", 2024, "bijstand", 33630.0),
    ],
    columns=["area_code", "year", "measure", "value"],
)


def test_group_sum_is_the_sum_over_members_and_missing_when_one_lacks_it():
    assert ctx.group_sum(FIGURES, ["GM0518", "GM0546"], "bijstand", 2024) == 25220
    assert ctx.group_sum(FIGURES, ["GM0518", "GM9001"], "bijstand", 2024) is None
    # A percentage is never summed or averaged.
    assert ctx.group_sum(FIGURES, ["GM0546"], "netto_arbeidsparticipatie", 2022) is None


def test_bonaire_has_no_figures_and_never_zero():
    assert ctx.value_of(FIGURES, "GM9001", "inwoners") == (None, None)
    line = ctx.partnership_context(FIGURES, ["GM9001", "GM0546"])
    assert line["inwoners"] == 130108 and line["bijstand"] == 3220
    assert line["zonder"] == ["GM9001"]
    nothing = ctx.partnership_context(FIGURES, ["GM9001"])
    assert nothing["inwoners"] is None and nothing["bijstand"] is None


def test_bijstand_per_thousand_of_den_haag():
    row = ctx.profile_row(FIGURES, ["GM0518"], {"inwoners": 2024, "bijstand": 2024,
                                                 "netto_arbeidsparticipatie": 2022})  # fmt: skip
    assert row["bijstand_per_1000"] == pytest.approx(38.854, abs=1e-3)
    assert row["netto_arbeidsparticipatie"] is None  # CBS has none for Den Haag in FIGURES
    group = ctx.profile_row(FIGURES, ["GM0518", "GM0546"], {"inwoners": 2024, "bijstand": 2024,
                                                            "netto_arbeidsparticipatie": 2022})  # fmt: skip
    assert group["inwoners"] == 566221 + 130108
    assert group["netto_arbeidsparticipatie"] is None  # no group averages


def test_peers_are_the_closest_in_inhabitants():
    assert ctx.peers(FIGURES, "GM0518", 2024, n=2) == ["GM0599", "GM0546"]
    assert ctx.peers(FIGURES, "GM9001", 2024) == []


def test_reach_hides_a_small_count():
    assert ctx.reach(5135, 22000, 10) == pytest.approx(23.34, abs=0.01)
    assert ctx.reach(9, 22000, 10) is None  # reach x bijstand would give the 9 back
    assert ctx.reach(50, None, 10) is None


def test_reach_of_no_trajectories_is_zero_not_hidden():
    # 0 is no person and is shown as 0 on every page: its reach gives nothing away.
    assert ctx.reach(0, 22000, 10) == 0


def test_classes_put_every_value_in_one_class():
    values = [float(v) for v in range(1, 101)]
    edges = ctx.class_edges(values, 5)
    assert len(edges) == 4
    classes = [ctx.class_of(v, edges) for v in values]
    assert min(classes) == 0 and max(classes) == 4
    assert ctx.class_of(None, edges) is None


def test_opening_municipality_prefers_the_chosen_partnership_then_the_largest_in_a_case():
    members = pd.DataFrame(
        [
            (1, "HR", "gezamenlijke_inkoop", "gemeente", "GM0546"),
            (2, "DH", "regionale_deal", "gemeente", "GM0518"),
            (3, "AMR-RR", ctx.REGION_KIND, "gemeente", "GM0599"),
        ],
        columns=["partnership_id", "partnership_code", "partnership_kind", "member_type",
                 "area_code"],
    )  # fmt: skip
    known = ["GM0518", "GM0546", "GM0599"]
    assert ctx.opening_municipality(members, FIGURES, known, (), "HR") == "GM0546"
    assert ctx.opening_municipality(members, FIGURES, known, {2}, "HR") == "GM0518"
    # Rotterdam is larger, but only in a labour-market region: Den Haag is the largest in a case.
    assert ctx.opening_municipality(members, FIGURES, known) == "GM0518"
    # Among the municipalities in the filter, a case member before a larger one.
    assert ctx.opening_municipality(members, FIGURES, ["GM0546", "GM0599"]) == "GM0546"
    # No case member in the filter: the largest there is.
    assert ctx.opening_municipality(members, FIGURES, ["GM9001", "GM0599"]) == "GM0599"
