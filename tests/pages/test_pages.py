"""Every page renders on the sample data without an exception and shows what it is for."""

import json

import pytest

from tests.pages.apptest import map_specs, open_page, page_text, plain_tables

PAGES = [
    "pages/overzicht.py",
    "pages/kaart.py",
    "pages/trajecten.py",
    "pages/doelen.py",
    "pages/gemeente.py",
    "pages/briefing.py",
    "pages/presentatie.py",
    "pages/beheer.py",
    "pages/over_de_data.py",
    "pages/toegankelijkheid.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = open_page(None if page == PAGES[0] else page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


def test_overzicht_lists_the_five_partnerships_and_den_haags_own_programme():
    at = open_page()
    table = plain_tables(at)[0].reset_index()
    assert len(table) == 6
    names = " ".join(table.iloc[:, 0])
    for word in ("Bonaire", "Altena", "Holland Rijnland", "Kop van Noord-Holland", "Westland"):
        assert word in names
    # The programme a municipality runs on its own is a row of its own kind, last.
    assert list(table.iloc[-1, :2]) == ["Werkoffensief +500 ('s-Gravenhage)",
                                        "Eigen programma van een gemeente"]  # fmt: skip


def test_pages_with_trajectories_say_the_data_is_invented():
    for page in ("pages/overzicht.py", "pages/trajecten.py", "pages/doelen.py"):
        at = open_page(None if page == PAGES[0] else page)
        assert any("Fictieve voorbeelddata" in i.value for i in at.info), page


def test_trajecten_draws_a_funnel_with_six_stages():
    at = open_page("pages/trajecten.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    funnel = spec["data"][0]
    assert funnel["type"] == "funnel"
    assert funnel["y"] == [
        "Aanmelding", "Intake", "Diagnose", "Traject gestart", "Geplaatst", "Duurzaam"
    ]  # fmt: skip
    assert spec["layout"]["separators"] == ",."


def test_doelen_shows_werkoffensief_2019_against_4500():
    at = open_page("pages/doelen.py", jaar="2019")
    gauges = [json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")]
    assert 4248 in [g["value"] for g in gauges if g["type"] == "indicator"]
    assert any(m.value == "**Werkoffensief +500**" for m in at.markdown)
    table = plain_tables(at)[-1].reset_index()
    row = table[table.iloc[:, 0].str.contains("Werkoffensief")].iloc[0]
    assert row["Doel"] == (
        "4.500 plaatsingen in werk of opleiding\nvaste taak 4.000 + extra (+500) 500"
    )
    assert row["Gerealiseerd"] == "4.248 (94%)"
    assert row["Status"] == "Doel niet gehaald (eindstand)"


def test_kaart_draws_members_and_the_bonaire_arc():
    at = open_page("pages/kaart.py")
    deck = map_specs(at)[0]
    kinds = [layer["@@type"] for layer in deck["layers"]]
    assert "ArcLayer" in kinds
    assert "ScatterplotLayer" in kinds


def test_filters_come_from_the_url_and_go_back_into_it():
    at = open_page(None, jaar="2022", gemeente="GM0546")
    assert at.selectbox(key="f_jaar").value == 2022
    assert at.selectbox(key="f_gemeente").value == "GM0546"
    at.selectbox(key="f_jaar").set_value(2021).run()
    assert at.query_params["jaar"] in ("2021", ["2021"])
    assert at.query_params["gemeente"] in ("GM0546", ["GM0546"])


def test_a_shared_link_opens_a_page_with_its_filters():
    at = open_page("pages/trajecten.py", jaar="2022", gemeente="GM0546")
    assert at.session_state["f_jaar"] == 2022
    assert at.session_state["f_gemeente"] == "GM0546"
    assert "2022" in at.title[0].value or "2022" in " ".join(c.value for c in at.caption)


def test_a_bad_url_value_is_ignored_not_an_error():
    at = open_page(None, jaar="drieduizend", gemeente="GM9999")
    assert not at.exception
    assert at.selectbox(key="f_gemeente").value is None


def test_gemeente_profile_of_noordwijk_mentions_noordwijkerhout():
    at = open_page("pages/gemeente.py", gemeente="GM0575")
    assert "Noordwijkerhout" in page_text(at)


def test_database_error_shows_a_dutch_message(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = open_page()
    assert not at.exception
    assert any("database is op dit moment niet bereikbaar" in e.value for e in at.error)


def test_briefing_compares_a_running_year_with_the_same_period_last_year():
    at = open_page("pages/briefing.py", gemeente="GM0546", jaar="2026")
    text = page_text(at)
    assert "01-01-2026 – 31-10-2026" in text
    assert "01-01-2025 – 31-10-2025" in text
    deltas = [m.proto.delta for m in at.metric if m.proto.delta]
    assert deltas and all("vorig jaar" in d for d in deltas)


def test_without_public_reading_visitors_only_see_the_login(monkeypatch):
    monkeypatch.setenv("PUBLIC_READ", "0")
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Inloggen"
    assert not at.dataframe
    assert at.text_input  # the sign-in form


@pytest.mark.parametrize(
    "language,words",
    [
        ("nl", ("Eén besluit per aantal", "van 0 tot en met 9", "aanvullende onderdrukking")),
        ("en", ("One decision per number", "from 0 to 9", "complementary suppression")),
    ],
)
def test_over_de_data_explains_the_suppression_rule(language, words):
    text = page_text(open_page("pages/over_de_data.py", taal=language))
    for word in words:
        assert word in text


def test_overzicht_with_a_programme_counts_that_programme_in_every_part():
    """Issue 23, item 3: tiles, table and chart follow the programme filter together."""
    at = open_page(None, jaar="2025", programma="KNH-WSP")
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Samenwerkingen"] == "1" and tiles["Aangemeld in 2025"] == "950"
    table = plain_tables(at)[0].reset_index()
    assert list(table["Samenwerking"]) == ["Werkgeversservicepunt Kop van Noord-Holland"]
    assert list(table["Geplaatst 2025"]) == ["380"]
