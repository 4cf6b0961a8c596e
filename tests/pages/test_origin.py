"""What is invented and what is real, after real data arrived (issue 26 item 2): every page, the
downloads, the briefing PDF and the decks say per programme which trajectories are invented, and
say nothing of invented data where every trajectory in view is real.

The pages run in AppTest on a copy of the sample database with two real imports
(tests/origin_data.py): Bonaire–Leiden's programme wholly real, Kop van Noord-Holland's real and
invented side by side, the other programmes invented."""

from __future__ import annotations

import io
import os
import re
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from components.shell import filters, layout
from components.views import briefing, decks
from data_access.engine import make_engine
from domain.formatting import use_language
from tests.databases import sqlite_copy
from tests.origin_data import deliver_real
from tests.pages import apptest
from tests.pages.apptest import open_page

YEAR = 2026
BONAIRE = "Arbeidsmarkttoeleiding Bonaire (twinning met Leiden)"
KNH = "Matching via het Werkgeversservicepunt Kop van Noord-Holland"
HR = "Gezamenlijke inkoop trajecten meervoudige problematiek"
# Words of invented data ("niet fictief" is said of the CBS figures, which are real).
INVENTED_WORDS = re.compile(r"(?<!niet )fictie|(?<!not )fictional|verzonnen|invented", re.I)


@pytest.fixture(scope="module")
def partly_real_url(sqlite_seeded, tmp_path_factory) -> str:
    url = sqlite_copy(sqlite_seeded, tmp_path_factory.mktemp("origin"))
    engine = make_engine(url)
    deliver_real(engine)
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def _sample_database(partly_real_url):
    """This module's own database (origin is not a matter of the dialect: tests/data_access/
    test_origin.py reads it on both). Reading stays public, as PUBLIC_READ=1 lets a deployment."""
    before = {k: os.environ.get(k) for k in ("DATABASE_URL", "PUBLIC_READ")}
    os.environ.update(DATABASE_URL=partly_real_url, PUBLIC_READ="1")
    apptest.caches_for_this_environment()
    yield
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _opened(page: str, **params):
    """The page, its notices' text and the tables its downloads hold (with their Herkomst)."""
    downloads = {}
    one, both = layout.table_download, layout.table_downloads

    def watch(original):
        def watched(df, file_stem, key, found=None):
            downloads[key] = layout.with_origin(df, found)
            return original(df, file_stem, key, found)

        return watched

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(layout, "table_download", watch(one))
        mp.setattr(layout, "table_downloads", watch(both))
        at = open_page(page, **params)
    assert not at.exception, at.exception
    notices = " ".join(e.value for e in at.info)
    if page != "pages/overzicht.py":  # open_page runs the home page first
        downloads = {k: v for k, v in downloads.items() if k not in ("dl_overzicht", "dl_regios")}
    return at, notices, list(downloads.values())


def _origins(downloads: list[pd.DataFrame], column: str = "Herkomst") -> set[str]:
    return {v for df in downloads if column in df.columns for v in df[column]}


def test_overzicht_says_per_programme_what_is_invented_and_what_is_real():
    _, notice, downloads = _opened("pages/overzicht.py", jaar=str(YEAR))
    assert notice.startswith("**Deels fictieve voorbeelddata.**")
    assert re.search(rf"Verzonnen voorbeelddata: [^.]*{HR}", notice)
    assert f"Echte en verzonnen trajecten door elkaar: {KNH}." in notice
    assert f"Echte gegevens uit imports: {BONAIRE}." in notice
    assert BONAIRE not in notice.split("Verzonnen voorbeelddata:")[1].split(".")[0]
    (origin,) = _origins(downloads)
    assert origin.startswith("deels fictief: Verzonnen voorbeelddata: ")
    assert f"Echte gegevens uit imports: {BONAIRE}." in origin and "**" not in origin


def test_a_partnership_whose_data_are_real_says_nothing_of_invented_data():
    at, notice, downloads = _opened("pages/overzicht.py", jaar=str(YEAR),
                                    samenwerking="BONAIRE-LEIDEN")  # fmt: skip
    assert not INVENTED_WORDS.search(notice), notice
    assert _origins(downloads) == {"echte gegevens"}
    at, notice, downloads = _opened("pages/doelen.py", jaar=str(YEAR),
                                    samenwerking="BONAIRE-LEIDEN")  # fmt: skip
    assert not INVENTED_WORDS.search(notice), notice
    assert _origins(downloads) == {"echte gegevens"}


def test_an_invented_programme_is_named_as_invented_while_others_are_real():
    _, notice, downloads = _opened("pages/overzicht.py", jaar=str(YEAR),
                                   samenwerking="HOLLAND-RIJNLAND")  # fmt: skip
    assert notice.startswith(f"**Fictieve voorbeelddata.** De trajecten van {HR} en de cijfers")
    assert "Alle trajecten" not in notice  # the sample's sentence holds only for the whole sample
    assert _origins(downloads) == {"fictieve voorbeelddata"}


def test_trajecten_in_english_says_its_programme_mixes_real_and_invented_trajectories():
    _, notice, downloads = _opened("pages/trajecten.py", jaar="2025", taal="en",
                                   samenwerking="KOP-VAN-NOORD-HOLLAND")  # fmt: skip
    assert notice.startswith("**Partly fictional sample data.**")
    assert f"Real and invented trajectories mixed: {KNH}." in notice
    assert "Verzonnen" not in notice and "Invented sample data:" not in notice
    origins = _origins(downloads, "Origin")
    assert len(downloads) >= 4 and origins == {
        f"partly fictional: Real and invented trajectories mixed: {KNH}."
    }


def test_a_municipalitys_page_and_its_reach_say_what_holds_for_their_own_trajectories():
    # Leiden's own trajectories are Holland Rijnland's (invented): Bonaire–Leiden's real ones
    # are Bonaire's. Its reach table counts both partnerships, so it is partly invented.
    at, notice, downloads = _opened("pages/gemeente.py", gemeente="GM0546", jaar=str(YEAR))
    assert notice.startswith(f"**Fictieve voorbeelddata.** De trajecten van {HR} en de")
    assert BONAIRE not in notice and KNH not in notice
    assert any(c.value.startswith("Deels fictief: het bereik") for c in at.caption)
    assert _origins(downloads) == {"fictieve voorbeelddata"}
    # Texel is in Kop van Noord-Holland only.
    _, notice, downloads = _opened("pages/gemeente.py", gemeente="GM0448", jaar=str(YEAR))
    assert f"Echte en verzonnen trajecten door elkaar: {KNH}." in notice and HR not in notice


def test_beheer_counts_what_each_programme_holds_now():
    at, _, _ = _opened("pages/beheer.py")
    table = at.dataframe[0].value.set_index("Programma")
    assert table.loc[BONAIRE, "Fictief"] == "nee"
    assert table.loc[HR, "Fictief"] == "ja"
    assert re.fullmatch(r"deels: [\d.]+ verzonnen", table.loc[KNH, "Fictief"])
    invented = int(table.loc[KNH, "Fictief"].split()[1].replace(".", ""))
    assert int(table.loc[KNH, "Trajecten"].replace(".", "")) - invented == 30


def _pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _footers(blob: bytes) -> list[str]:
    """The last text box of every slide: its footer."""
    prs = Presentation(io.BytesIO(blob))
    return [
        [s.text_frame.text for s in slide.shapes if s.has_text_frame][-1] for slide in prs.slides
    ]


def test_the_briefing_pdf_and_deck_say_it_for_their_own_subject():
    today = date.today()
    bonaire = filters.Selection(YEAR, partnership="BONAIRE-LEIDEN")
    knh = filters.Selection(YEAR, partnership="KOP-VAN-NOORD-HOLLAND")
    with use_language("nl"):
        real = briefing.build(bonaire, today)
        mixed = briefing.build(knh, today)
        assert not INVENTED_WORDS.search(_pdf_text(briefing.pdf(real)))
        text = _pdf_text(briefing.pdf(mixed))
        assert "Deels fictieve voorbeelddata. De cijfers hier tellen echte en verzonnen" in text
        assert "**" not in text
        assert not any(
            "fictie" in f.lower()
            for f in _footers(decks.pptx(decks.shared_briefing(bonaire, today), pictures=False))
        )
        footers = _footers(decks.pptx(decks.shared_briefing(knh, today), pictures=False))
        assert any(f.startswith("Deels fictieve voorbeelddata · ") for f in footers)


def test_each_slide_of_the_presentation_deck_says_it_for_its_own_partnership():
    with use_language("nl"):
        draft = decks.shared_presentation(YEAR, None, date.today())
        footers = dict(
            zip(
                (s.title for s in draft.slides),
                _footers(decks.pptx(draft, pictures=False)),
                strict=True,
            )
        )
    assert footers["Twinning Bonaire – Leiden"].startswith("Bron:")
    assert footers["Werkgeversservicepunt Kop van Noord-Holland"].startswith(
        "Deels fictieve voorbeelddata · "
    )
    assert footers["Gezamenlijke inkoop re-integratie Holland Rijnland"].startswith(
        "Fictieve voorbeelddata · "
    )
    assert footers[draft.slides[0].title].startswith("Deels fictieve voorbeelddata · ")


def test_over_de_data_counts_the_real_and_the_invented_trajectories_per_programme():
    at, _, _ = _opened("pages/over_de_data.py")
    text = " ".join(e.value for e in at.markdown)
    invented = re.search(r"de trajecten van de voorbeelddata \(([\d.]+) van de ([\d.]+) in de "
                         r"database\) en wat daaruit komt, in: ([^;]+);", text)  # fmt: skip
    real = re.search(r"de trajecten uit imports \(([\d.]+) van de ([\d.]+)\), in: ([^.]+)\.", text)
    assert invented and real, text
    assert invented[2] == real[2]
    as_int = lambda n: int(n.replace(".", ""))  # noqa: E731
    assert as_int(invented[1]) + as_int(real[1]) == as_int(real[2])
    assert HR in invented[3] and KNH in invented[3] and BONAIRE not in invented[3]
    assert BONAIRE in real[3] and KNH in real[3] and HR not in real[3]
    assert "alle trajecten (" not in text and "per programma echt, verzonnen" in text
