"""Text alternatives: one Dutch sentence per chart, from its data, with small counts hidden."""

import pandas as pd

from components.drawing import alt_text


def test_bar_sentence_names_the_largest_programme_and_leaves_small_ones_out():
    text = alt_text.bar_sentence(["A", "B", "C"], [1200, 40, 3], 2024, 10)
    assert "(programma's in de grafiek: 2)" in text
    assert "A (1.200)" in text
    assert "minder dan 10" in text
    assert " 3" not in text


def test_funnel_sentence_keeps_suppressed_labels():
    text = alt_text.funnel_sentence([("Aanmelding", "120"), ("Geplaatst", "<10")])
    assert "Aanmelding 120; Geplaatst <10" in text


def test_lead_time_sentence_names_the_longest_shown_step():
    lead = pd.DataFrame({"label": ["Intake", "Plaatsing"], "median": [12.0, 90.0],
                         "hidden": [False, True]})  # fmt: skip
    text = alt_text.lead_time_sentence(lead)
    assert "Intake met 12 dagen" in text and "Plaatsing" not in text
    lead["hidden"] = True
    assert "langste" not in alt_text.lead_time_sentence(lead)


def test_history_sentence_gives_the_last_shown_point_only():
    table = pd.DataFrame({"label": ["jan 2024", "feb 2024", "mrt 2024"],
                          "cumulative": [0, 1250, None], "target_cumulative": [100.2, 200.4, 300.6]})  # fmt: skip
    text = alt_text.history_sentence(table)
    assert "eind feb 2024" in text and "1.250" in text and "200" in text
    table["cumulative"] = None
    assert "kleine aantallen" in alt_text.history_sentence(table)


def test_map_sentence_counts_partnerships_and_municipalities():
    members = pd.DataFrame({
        "partnership_name": ["P1", "P1", "P2", "P2"],
        "member_type": ["gemeente", "organisatie", "gemeente", "gemeente"],
        "area_code": ["GM1", None, "GM1", "GM2"],
    })  # fmt: skip
    text = alt_text.map_sentence(members)
    assert text == "Samenwerkingen op de kaart: 2, met samen 2 deelnemende gemeenten: P1, P2."


def test_map_sentence_names_the_cases_and_counts_the_regions():
    members = pd.DataFrame({
        "partnership_name": ["P1", "Arbeidsmarktregio A", "Arbeidsmarktregio B"],
        "partnership_kind": ["convenant", "arbeidsmarktregio", "arbeidsmarktregio"],
        "member_type": ["gemeente", "gemeente", "gemeente"],
        "area_code": ["GM1", "GM1", "GM2"],
    })  # fmt: skip
    text = alt_text.map_sentence(members)
    # One vocabulary with the tiles: the regions are no partnerships, and their municipalities
    # are counted apart (slide 1 said "Samenwerkingen op de kaart: 40" beside a tile of 5).
    assert text == (
        "Samenwerkingen op de kaart: 1, met samen 1 deelnemende gemeenten: P1. Daarnaast de 2 "
        "arbeidsmarktregio's als omlijning (2 gemeenten); die tellen niet mee als samenwerking."
    )
    only = alt_text.map_sentence(members[members["partnership_kind"] == "arbeidsmarktregio"])
    assert only == "Op de kaart: 2 arbeidsmarktregio's als omlijning (2 gemeenten)."


def test_figure_map_sentence_does_not_reveal_small_counts():
    info = pd.DataFrame({"naam": ["Leiden", "Katwijk", "Oegstgeest", "Bonaire"],
                         "aantal": [340, 25, 4, 0]})  # fmt: skip
    text = alt_text.figure_map_sentence(info, 2024, 10)
    assert "getoond aantal: 2;" in text and "Leiden (340)" in text
    assert "of afgeschermd): 1." in text  # a count after a colon: never "1 gemeenten"
    assert "Oegstgeest" not in text and " 4" not in text
    assert "geen enkele" in alt_text.figure_map_sentence(info.iloc[2:], 2024, 10)
