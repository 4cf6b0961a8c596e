"""The Doelen page in AppTest on the seeded sample data."""

import json

from tests.pages.apptest import open_page, page_text, plain_tables

KOP = "Matching via het Werkgeversservicepunt Kop van Noord-Holland"


def _gauges(at):
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [s for s in specs if s["data"] and s["data"][0]["type"] == "indicator"]


def _table(at):
    # The targets table comes last, its names as row headers (each history has its own table).
    return plain_tables(at)[-1].reset_index()


def test_werkoffensief_gauge_shows_the_standing_task_and_the_extra():
    at = open_page("pages/doelen.py", jaar="2019", programma="WO500")
    (gauge,) = _gauges(at)
    steps = [s["range"] for s in gauge["data"][0]["gauge"]["steps"]]
    assert steps == [[0, 4000], [4000, 4500]]
    legend = " ".join(a["text"] for a in gauge["layout"]["annotations"])
    assert "vaste taak: 0–4.000" in legend
    assert "extra (+500): 4.000–4.500" in legend
    text = page_text(at)
    assert "Gerealiseerd: 4.248 van 4.500 plaatsingen in werk of opleiding (94%)" in text
    assert "eindstand" in text
    assert "Eindstand: 252 onder het doel." in text
    assert "✔ vaste taak (tot 4.000): gehaald" in text
    assert "✖ extra (+500) (tot 4.500): niet gehaald, 252 te weinig" in text


def test_kop_van_noord_holland_gauge_is_the_sum_of_its_municipalities():
    at = open_page("pages/doelen.py", jaar="2019")
    table = _table(at)
    rows = table[table.iloc[:, 0].str.startswith(KOP)]
    whole = rows[rows.iloc[:, 0] == KOP].iloc[0]
    members = rows[rows.iloc[:, 0] != KOP]
    assert len(members) == 4

    def number(text):  # '355 plaatsingen in werk of opleiding …', '338 (95%)'
        return int(text.split()[0].replace(".", ""))

    assert number(whole["Doel"]) == sum(number(v) for v in members["Doel"]) == 355
    assert number(whole["Gerealiseerd"]) == sum(number(v) for v in members["Gerealiseerd"])
    assert number(whole["Gerealiseerd"]) in [g["data"][0]["value"] for g in _gauges(at)]
    # The members under the gauge; the other tables are the charts' text alternatives (by month).
    assert [tb.index.name for tb in plain_tables(at)].count("Gemeente") == 1


def test_a_multi_year_period_chosen_in_the_link_shows_that_target_only():
    at = open_page("pages/doelen.py", jaar="2021", periode="2020-12-01_2022-11-30")
    assert len(_gauges(at)) == 1
    assert any(m.value == "**Regionale deal glastuinbouw en agrologistiek**" for m in at.markdown)
    assert at.selectbox(key="f_periode").value == "2020-12-01_2022-11-30"
    assert "01-12-2020 – 30-11-2022" in page_text(at)


def test_a_period_that_does_not_fit_the_year_falls_back_to_all_targets():
    at = open_page("pages/doelen.py", jaar="2019", periode="2020-12-01_2022-11-30")
    assert at.selectbox(key="f_periode").value is None
    assert len(_gauges(at)) == 4
    assert not at.exception


def test_every_gauge_says_its_status_in_words_and_the_peildatum():
    at = open_page("pages/doelen.py", jaar="2026")
    statuses = (
        "Op koers",
        "Loopt achter",
        "Loopt ver achter",
        "Doel gehaald",
        "Doel niet gehaald",
        "Te klein om te beoordelen",
        "Afgeschermd, om een klein aantal elders te beschermen",
    )
    lines = [m.value for m in at.markdown if any(f"**{s}**" in m.value for s in statuses)]
    assert len(lines) == len(_gauges(at)) == 5
    assert "Peildatum" in page_text(at)
    assert "Verwacht op peildatum 31-10-2026" in page_text(at)


def test_small_counts_are_hidden_on_the_gauge_and_in_the_table(monkeypatch):
    monkeypatch.setenv("SUPPRESS_BELOW", "50")
    at = open_page("pages/doelen.py", jaar="2021", programma="BON-LEI")
    (gauge,) = _gauges(at)
    assert gauge["data"][0]["mode"] == "gauge"  # no number
    assert gauge["data"][0]["value"] == 0
    assert "<50" in [a["text"] for a in gauge["layout"]["annotations"]]
    row = _table(at).iloc[0]
    assert row["Gerealiseerd"] == "<50"  # and no share of the target beside it
    assert row["Prognose einde periode"] == "–"


def test_a_municipality_sees_the_programmes_it_takes_part_in_or_leads():
    at = open_page("pages/doelen.py", jaar="2021", gemeente="GM0518")
    headings = {m.value for m in at.markdown if m.value.startswith("**")}
    assert "**Werkoffensief +500**" in headings
    assert "**Regionale deal glastuinbouw en agrologistiek**" in headings
    assert len(_gauges(at)) == 2


def test_a_municipality_without_targets_gets_a_plain_message():
    at = open_page("pages/doelen.py", jaar="2021", gemeente="GM0363")  # Amsterdam
    assert not _gauges(at)
    assert any("geen doelen" in i.value for i in at.info)
    assert not at.exception


def test_bonaire_2026_status_and_forecast_sentence_agree():
    # 16 of 20 on the peildatum, 17 expected: the forecast (19) misses the target, so the status
    # above it says so too, in the card, the table and the download.
    at = open_page("pages/doelen.py", jaar="2026", programma="BON-LEI")
    text = page_text(at)
    assert "**Loopt achter**" in text
    assert "Op koers" not in text
    assert "Bij dit tempo wordt het doel niet gehaald: 19 van de 20 op 31-12-2026." in text
    assert "nog 4 nodig" in text
    row = _table(at).iloc[0]
    assert (row["Status"], row["Prognose einde periode"]) == ("Loopt achter (tussenstand)", "19")
