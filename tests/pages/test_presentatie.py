"""Presentatie: every slide opens from its link without an exception; a failing part stays calm."""

import pytest

from components.shell import data
from domain.context_line import cases
from tests.pages.apptest import open_page, page_text

PAGE = "pages/presentatie.py"
CALM = "Dit onderdeel is even niet beschikbaar."


def _slide_count() -> int:
    # The national slide, one per case, and Holland Rijnland's providers compared.
    return 1 + len(cases(data.partnerships())) + 1


def test_the_first_slide_shows_the_national_numbers_and_the_map():
    at = open_page(PAGE)
    assert not at.exception, at.exception
    assert "Samenwerkingen voor werk en participatie" in at.title[0].value
    assert [m.value for m in at.metric][0] == "5"
    assert at.get("deck_gl_json_chart"), "the partner map is drawn"
    assert any("1 / 7" in m.value for m in at.markdown)
    assert any("Fictieve voorbeelddata" in i.value for i in at.info)


@pytest.mark.parametrize("dia", ["2", "3", "4", "5", "6"])
def test_every_partnership_slide_opens_from_its_link(dia):
    at = open_page(PAGE, dia=dia)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert CALM not in page_text(at)
    assert any(f"{dia} / {_slide_count()}" in m.value for m in at.markdown)
    assert len(at.metric) == 3
    assert "Deelnemers:" in page_text(at)


def test_a_bad_slide_number_opens_the_first_slide():
    at = open_page(PAGE, dia="zeven")
    assert not at.exception
    assert any("1 / 7" in m.value for m in at.markdown)


def test_volgende_goes_to_the_next_slide_and_into_the_url():
    at = open_page(PAGE)
    at.button(key="dia_volgende").click().run()
    assert not at.exception
    assert at.query_params["dia"] in ("2", ["2"])
    assert any("2 / 7" in m.value for m in at.markdown)


def test_a_failing_part_shows_a_calm_message_not_an_exception(monkeypatch):
    from components.drawing import maps

    def broken(*args, **kwargs):
        raise RuntimeError("the map broke on stage")

    monkeypatch.setattr(maps, "partnership_deck", broken)
    at = open_page(PAGE)
    assert not at.exception
    assert not at.error
    assert CALM in [i.value for i in at.info]
    assert not at.get("deck_gl_json_chart")
    assert "Europees Nederland" not in page_text(at), "what the part drew before failing is gone"
    assert [m.value for m in at.metric][0] == "5", "the other parts still show"


def test_the_last_slide_compares_holland_rijnlands_providers_in_plain_words():
    at = open_page(PAGE, dia="7")
    assert not at.exception, at.exception
    assert CALM not in page_text(at)
    assert any("7 / 7" in m.value for m in at.markdown)
    assert "welke aanbieder plaatst sneller" in at.title[0].value
    assert at.get("plotly_chart"), "the curves are drawn"
    verdicts = [m.value for m in at.markdown if m.value.startswith("**Aanbieder")]
    assert len(verdicts) == 3
    assert all("waarschijnlijk echt" in v or "kan toeval zijn" in v for v in verdicts)
