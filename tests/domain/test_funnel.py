import pandas as pd
import pytest

from domain.funnel import funnel_table


def test_conversion_from_previous_and_from_top():
    table = funnel_table(
        {"aanmelding": 200, "intake": 150, "diagnose": 120, "gestart": 100, "geplaatst": 50,
         "duurzaam": 30},
        10,
    )  # fmt: skip
    assert list(table["label"]) == [
        "Aanmelding", "Intake", "Diagnose", "Traject gestart", "Geplaatst", "Duurzaam"
    ]  # fmt: skip
    assert table["from_previous"].iloc[1] == pytest.approx(0.75)
    assert table["from_top"].iloc[4] == pytest.approx(0.25)
    assert table["from_previous"].iloc[5] == pytest.approx(0.6)


def test_small_stage_is_hidden_and_no_percentage_is_derived_from_it():
    table = funnel_table(
        {"aanmelding": 40, "intake": 30, "diagnose": 20, "gestart": 12, "geplaatst": 6,
         "duurzaam": 2},
        10,
    )  # fmt: skip
    placed = table.set_index("stage").loc["geplaatst"]
    assert placed["shown"] == "<10"
    assert placed["from_previous"] is None or placed["from_previous"] != placed["from_previous"]
    lasting = table.set_index("stage").loc["duurzaam"]
    assert lasting["from_previous"] is None or lasting["from_previous"] != lasting["from_previous"]


def test_stage_hidden_by_a_small_difference_shows_x_and_no_percentage():
    table = funnel_table(
        {"aanmelding": 200, "intake": 195, "diagnose": 150, "gestart": 100, "geplaatst": 50,
         "duurzaam": 30, "geplaatst_werk": 30, "geplaatst_opleiding": 20},
        10,
    ).set_index("stage")  # fmt: skip
    assert table.loc["intake", "shown"] == "x"
    assert pd.isna(table.loc["intake", "from_previous"])
    assert pd.isna(table.loc["diagnose", "from_previous"]), "its base is hidden"
    assert table.loc["diagnose", "from_top"] == pytest.approx(0.75)


def test_compare_table_protects_across_all_groups_not_only_the_chosen():
    from domain.funnel import compare_table

    grouped = pd.DataFrame(
        [
            dict(group=g, aanmelding=a, intake=a, diagnose=a, gestart=a, geplaatst=p, duurzaam=0,
                 geplaatst_werk=p, geplaatst_opleiding=0)
            for g, a, p in ((1, 50, 20), (2, 60, 30), (3, 40, 4))
        ]
    )  # fmt: skip
    long = compare_table(grouped, {1: "A", 2: "B", 3: "C"}, [1, 2], 10)
    placed = long[long["stage"] == "geplaatst"].set_index("name")
    # C (not chosen) has 4 placements: A's 20 is hidden so C cannot be got from the total.
    assert placed.loc["A", "shown"] == "x"
    assert placed.loc["B", "shown"] == "30"
    assert set(long["name"]) == {"A", "B"}


def test_dropout_rows_add_up_to_the_funnel_differences_and_follow_its_hidden_stages():
    from domain.funnel import NO_DROPOUT, dropout_table

    funnel = {"aanmelding": 100, "intake": 95, "diagnose": 60, "gestart": 40, "geplaatst": 20,
              "duurzaam": 0}  # fmt: skip
    hidden = {"intake": True}
    by_stage = pd.DataFrame(
        [("aanmelding", "ziek", 3), ("aanmelding", None, 2), ("intake", "ziek", 20),
         ("intake", None, 15), ("diagnose", "ziek", 12), ("diagnose", "verhuisd", 8),
         ("gestart", None, 20), ("geplaatst", None, 20)],
        columns=["stage", "reason", "n"],
    )  # fmt: skip
    counts, mask = dropout_table(funnel, hidden, by_stage, 10)
    assert counts["totaal"].tolist() == [5, 35, 20, 20, 20]
    assert (counts.drop(columns="totaal").sum(axis=1) == counts["totaal"]).all()
    assert mask.loc["aanmelding"].all() or counts.loc["aanmelding"].eq(0).any()
    assert mask.loc["intake", "totaal"], "intake is hidden in the funnel, so is its difference"
    assert mask.loc["intake", [NO_DROPOUT, "ziek"]].any(), "or the parts would add up to it"
    assert mask.loc["diagnose", "verhuisd"] and mask.loc["diagnose", "ziek"]
    assert not mask.loc["gestart"].any()


def test_trend_months_protect_each_other_and_the_funnel_of_the_period():
    from domain.funnel import trend_table

    monthly = pd.DataFrame(
        [
            dict(group=m, aanmelding=a, intake=a, diagnose=a, gestart=a, geplaatst=p, duurzaam=0,
                 geplaatst_werk=p, geplaatst_opleiding=0)
            for m, a, p in (("2024-01", 40, 20), ("2024-02", 45, 25), ("2024-03", 30, 3))
        ]
    )  # fmt: skip
    table = trend_table(monthly, 10)
    assert table["geplaatst_shown"].tolist() == ["x", "25", "<10"]
    assert pd.isna(table["geplaatst"].tolist()[2]), "no hidden value reaches the chart"
    assert table["aanmelding_shown"].tolist() == ["40", "45", "30"]
