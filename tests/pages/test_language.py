"""The language switch: `taal=en` opens a page in English, without it the page is Dutch, and the
switch writes (only) English into the URL."""

from tests.pages.apptest import open_page, page_text


def test_overzicht_renders_english_with_taal_en():
    at = open_page(taal="en")
    assert not at.exception
    assert [e.value for e in at.title] == ["Overview"]
    text = page_text(at)
    assert "Fictional sample data" in text
    assert "4,248" in text  # English number format in the catalogue text and the figures
    assert "Fictieve voorbeelddata" not in text
    assert at.query_params["taal"] == "en"


def test_overzicht_renders_dutch_without_taal():
    at = open_page()
    assert not at.exception
    assert [e.value for e in at.title] == ["Overzicht"]
    assert "Fictieve voorbeelddata" in page_text(at)
    assert "taal" not in at.query_params


def test_an_unknown_language_in_the_url_means_dutch_and_is_dropped():
    at = open_page(taal="xx")
    assert [e.value for e in at.title] == ["Overzicht"]
    assert "taal" not in at.query_params


def test_switching_to_english_writes_taal_and_switching_back_removes_it():
    at = open_page()
    at.radio(key="f_taal").set_value("en").run()
    assert [e.value for e in at.title] == ["Overview"]
    assert at.query_params["taal"] == "en"
    at.radio(key="f_taal").set_value("nl").run()
    assert [e.value for e in at.title] == ["Overzicht"]
    assert "taal" not in at.query_params


def test_trajecten_funnel_in_english_uses_english_stage_names_and_separators():
    at = open_page("pages/trajecten.py", taal="en")
    assert not at.exception
    assert [e.value for e in at.title] == ["Trajectories"]
    spec = at.get("plotly_chart")[0].proto.spec
    assert '"separators":".,"' in spec.replace(" ", "")
    assert "Registration (aanmelding)" in spec
    assert "van vorige" not in spec
