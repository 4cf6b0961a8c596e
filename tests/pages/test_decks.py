"""The PowerPoint decks of Presentatie and Briefing, made from the sample database as the pages
make them, read back with python-pptx and converted by LibreOffice Impress as a client opens them.

The decks are made once per database (module fixture): drawing their pictures takes seconds."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from components.shell import data, filters, publication
from components.views import briefing, decks, slides
from domain.formatting import use_language
from tests.pages import apptest
from tests.pages.apptest import open_page

TODAY = date.today()
YEAR = 2026
BONAIRE = filters.Selection(YEAR, partnership="BONAIRE-LEIDEN")
HIDDEN = ("<10", "x", "–")


@pytest.fixture(scope="module")
def made(seeded_url):
    """(draft, pptx bytes) per deck: the presentation and the national briefing in both
    languages, and Bonaire's briefing, whose placements are under 10."""
    before = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = seeded_url
    apptest.caches_for_this_environment()
    out = {}
    try:
        for language in ("nl", "en"):
            with use_language(language):
                draft = decks.shared_presentation(YEAR, None, TODAY)
                out["presentatie", language] = draft, decks.pptx(draft)
                draft = decks.shared_briefing(filters.Selection(YEAR), TODAY)
                out["briefing", language] = draft, decks.pptx(draft)
        with use_language("nl"):
            draft = decks.shared_briefing(BONAIRE, TODAY)
            out["bonaire", "nl"] = draft, decks.pptx(draft)
    finally:
        os.environ["DATABASE_URL"] = before or ""
        if before is None:
            os.environ.pop("DATABASE_URL")
    return out


def _open(blob: bytes):
    return Presentation(io.BytesIO(blob))


def _text(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _charts(prs):
    return [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]


def test_the_presentation_has_one_slide_per_slide_of_presentatie_in_its_order(made):
    draft, blob = made["presentatie", "nl"]
    prs = _open(blob)
    partnerships = slides.partnerships(None)
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == [
        f"Samenwerkingen voor werk en participatie in {YEAR}",
        *partnerships["name"],
        "Holland Rijnland: welke aanbieder plaatst sneller?",
    ]
    assert prs.slide_width * 9 == prs.slide_height * 16


@pytest.mark.parametrize("number", [1, 2, 6])
def test_a_slide_shows_the_numbers_its_page_shows(made, number):
    """Slide 1 (the country), 2 (Bonaire, with '<10') and 6 (Altena, with 'x'), against the page."""
    at = open_page("pages/presentatie.py", dia=str(number), jaar=str(YEAR))
    assert not at.exception, at.exception
    on_screen = [(m.label, m.value) for m in at.metric]
    draft, _ = made["presentatie", "nl"]
    assert list(draft.slides[number - 1].tiles) == on_screen
    text = _text(_open(made["presentatie", "nl"][1]).slides[number - 1])
    for label, value in on_screen:
        assert label in text and value in text


def test_the_briefing_has_title_headlines_goals_funnel_and_context(made):
    draft, blob = made["briefing", "nl"]
    titles = [s.shapes.title.text for s in _open(blob).slides]
    view = briefing.shared(filters.Selection(YEAR), TODAY)
    assert titles[0] == view.content.title
    assert titles[1] == "Kerncijfers"
    assert "Doelen" in titles and "Van de aanmeldingen van 2026: hoe ver zij kwamen" in titles
    assert "Inwoners en bijstand (CBS)" in titles and titles[-1] == "Bronnen"
    headlines = draft.slides[1].tiles
    assert headlines == tuple((h.label, h.value) for h in view.content.headlines)


def test_charts_are_powerpoint_charts_holding_the_shown_figures(made):
    prs = _open(made["briefing", "nl"][1])
    (funnel,) = _charts(prs)
    assert funnel.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    view = briefing.shared(filters.Selection(YEAR), TODAY)
    assert list(funnel.plots[0].categories) == [stage for stage, _, _ in view.content.funnel]
    assert funnel.series[0].values == tuple(
        float(shown.replace(".", "")) for _, shown, _ in view.content.funnel
    )
    line, bars = _charts(_open(made["presentatie", "nl"][1]))
    assert line.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert bars.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in line.series] == list(bars.plots[0].categories)
    assert len(line.series) >= 2
    for series in line.series:
        shown = [v for v in series.values if v is not None]
        assert shown and all(0 <= v <= 1 for v in shown)
        assert shown == sorted(shown)  # a share placed only grows with the months


def test_a_hidden_count_is_nowhere_in_the_deck(made):
    """Bonaire's placements in 2026 are under 10: shown as '<10', an empty cell in the funnel's
    data sheet, and the count itself in no text, chart cache or workbook of the file."""
    draft, blob = made["bonaire", "nl"]
    ids = set(data.programmes().query("code.str.startswith('BON')", engine="python")["id"])
    placed = publication.year(YEAR).count("geplaatst", ids, None)
    assert placed.label == "<10" and 0 < placed.value < 10
    prs = _open(blob)
    (funnel,) = _charts(prs)
    values = dict(zip(funnel.plots[0].categories, funnel.series[0].values, strict=True))
    assert values["Geplaatst"] is None
    sheet = openpyxl.load_workbook(io.BytesIO(funnel.part.chart_workbook.xlsx_part.blob)).active
    assert sheet.cell(row=1 + list(values).index("Geplaatst") + 1, column=2).value is None
    assert "Geplaatst in 2026 <10" in _text(prs.slides[1]).replace("\n", " ")
    secret = {placed.value}
    pattern = re.compile(r">\s*(\d+)\s*<")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slides/", "ppt/charts/", "ppt/notesSlides/")):
                found = {int(n) for n in pattern.findall(z.read(name).decode("utf-8"))}
                assert not found & secret, (name, found & secret)
            if name.endswith(".xlsx"):
                book = openpyxl.load_workbook(io.BytesIO(z.read(name)))
                cells = {c.value for row in book.active.iter_rows() for c in row}
                assert not cells & secret, name


def test_every_slide_has_source_and_date_and_trajectory_slides_the_notice(made):
    for (kind, language), (draft, blob) in made.items():
        prs = _open(blob)
        stand = "Stand per 31-10-2026" if language == "nl" else "Data as of 2026-10-31"
        notice = "Fictieve voorbeelddata" if language == "nl" else "Fictional sample data"
        for slide, drafted in zip(prs.slides, draft.slides, strict=True):
            footer = slide.shapes[-1].text_frame.text  # the last shape of each slide
            assert stand in footer and footer.split(" · ")[-3].startswith(("Bron: ", "Source: "))
            assert footer.startswith(notice) is drafted.trajectories, (kind, drafted.title)


def test_pictures_have_alt_text_and_slides_with_charts_or_pictures_notes(made):
    for (kind, _), (_, blob) in made.items():
        for slide in _open(blob).slides:
            pictures = [s for s in slide.shapes if s.shape_type == 13]
            for picture in pictures:
                descr = picture._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
                assert descr and len(descr) > 20, (kind, slide.shapes.title.text)
            if pictures or any(s.has_chart for s in slide.shapes):
                assert slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text


def test_the_english_deck_speaks_english(made):
    prs = _open(made["briefing", "en"][1])
    titles = [s.shapes.title.text for s in prs.slides]
    assert "Headline figures" in titles and "Targets" in titles
    text = " ".join(_text(s) for s in prs.slides)
    assert "Aangemeld" not in text and "Registered" in text


def test_libreoffice_opens_every_deck_and_prints_its_titles_and_figures(made, tmp_path):
    """As a client opens them: LibreOffice Impress converts each deck to PDF without an error,
    pdftotext finds the titles and key figures, and pdftoppm draws a page that is not blank."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Impress is missing: ./scripts/test installs it"
    files = []
    for (kind, language), (_, blob) in made.items():
        path = tmp_path / f"{kind}_{language}.pptx"
        path.write_bytes(blob)
        files.append(path)
    profile = tmp_path / "profile"  # its own profile: two workers may convert at once
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, files)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for path, ((kind, language), (draft, _)) in zip(files, made.items(), strict=True):
        pdf = path.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 10_000, done.stdout + done.stderr
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        flat = re.sub(r"\s+", " ", text)
        pages = len(re.findall(r"\f", text))
        assert pages == len(draft.slides), (kind, language, pages)
        for s in draft.slides:
            assert re.sub(r"\s+", " ", s.title)[:30] in flat, (kind, s.title)
            for _, value in s.tiles:
                assert value in flat, (kind, s.title, value)
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf),
                        str(tmp_path / f"{kind}_{language}")], check=True)  # fmt: skip
        (png,) = tmp_path.glob(f"{kind}_{language}*.png")
        with Image.open(png) as image:
            assert image.width / image.height == pytest.approx(16 / 9, abs=0.02)
            inked = sum(image.convert("L").histogram()[:128])
            assert inked > 500, f"page 1 of {kind} ({language}) is blank"
