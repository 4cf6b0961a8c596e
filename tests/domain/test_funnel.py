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
