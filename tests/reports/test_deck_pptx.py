"""The deck writer on its own: 16:9, titles in their placeholders, native charts whose data sheet
leaves a hidden count empty, pictures with alt text, notes, and the footer with its notice."""

from __future__ import annotations

import io

import openpyxl
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from reports.deck_pptx import Deck, DeckChart, DeckSlide, Picture, deck_pptx


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 240), "#0072B2").save(buffer, format="PNG")
    return buffer.getvalue()


FUNNEL = DeckChart("bar", "Trechter", ("Aanmelding", "Intake", "Geplaatst"),
                   (("Aantal", (25, 16, None)),), description="De trechter: Aanmelding 25; ...")  # fmt: skip
DECK = Deck(
    "Proef",
    (
        DeckSlide("Briefing", subtitle="Samenwerkingsmonitor", trajectories=False),
        DeckSlide(
            "Kerncijfers",
            tiles=(("Aangemeld", "25"), ("Geplaatst", "<10")),
            charts=(FUNNEL,),
            notes="Wat de grafiek toont.",
        ),
        DeckSlide(
            "Doelen",
            pictures=(Picture(_png(), "Meter: 16 van 20", "Loopt achter"),),
            notes="Loopt achter.",
        ),
        DeckSlide("Bronnen", lines=("CBS",), trajectories=False),
    ),  # fmt: skip
    footer="Bron: CBS · Stand per 31-10-2026",
    notice="Fictieve voorbeelddata",
)


def _open(deck: Deck = DECK):
    return Presentation(io.BytesIO(deck_pptx(deck)))


def _texts(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_slides_are_16_by_9_with_their_titles_in_the_title_placeholder():
    prs = _open()
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333) + 305, Inches(7.5))
    assert [s.shapes.title.text for s in prs.slides] == ["Briefing", "Kerncijfers", "Doelen",
                                                         "Bronnen"]  # fmt: skip


def test_a_chart_is_a_chart_object_and_a_hidden_count_an_empty_cell():
    slide = _open().slides[1]
    (frame,) = [s for s in slide.shapes if s.has_chart]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == ["Aanmelding", "Intake", "Geplaatst"]
    assert chart.series[0].values == (25.0, 16.0, None)
    # The data sheet PowerPoint opens on 'Edit data': the hidden count's cell is empty.
    sheet = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).active
    assert [c.value for c in sheet["B"]][1:] == [25, 16, None]
    assert frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr").startswith("De trechter")


def test_pictures_have_alt_text_and_slides_their_notes():
    prs = _open()
    (picture,) = [s for s in prs.slides[2].shapes if s.shape_type == 13]  # a picture
    assert picture._element.xpath("./*[1]/p:cNvPr")[0].get("descr") == "Meter: 16 van 20"
    assert "Loopt achter" in _texts(prs.slides[2])
    assert prs.slides[1].notes_slide.notes_text_frame.text == "Wat de grafiek toont."


def test_every_slide_has_the_footer_and_trajectory_slides_the_notice():
    prs = _open()
    for slide, trajectories in zip(prs.slides, (False, True, True, False), strict=True):
        text = _texts(slide)
        assert "Bron: CBS · Stand per 31-10-2026" in text
        assert ("Fictieve voorbeelddata" in text) is trajectories


def test_text_carries_the_decks_language():
    english = _open(Deck("Test", (DeckSlide("Headline figures", lines=("x",)),), "Source",
                         language="en"))  # fmt: skip
    langs = {r.font._rPr.get("lang") for s in english.slides[0].shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs}  # fmt: skip
    assert langs == {"en-GB"}
