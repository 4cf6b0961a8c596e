"""Trajecten's time to placement for Holland Rijnland's three providers: curves with bands, the
share placed within 12 months with its interval per provider, and a plain verdict per pair, in
Dutch and in English, with no bare p-value as the headline."""

from __future__ import annotations

import json

from data_access import queries
from data_access.engine import make_engine
from tests.pages.apptest import open_page, page_text, plain_tables

PROVIDERS = ("Aanbieder A", "Aanbieder B", "Aanbieder C")


def _open(seeded_url: str, **extra: str):
    engine = make_engine(seeded_url)
    try:
        providers = queries.providers(engine)
    finally:
        engine.dispose()
    ids = [str(i) for n, i in zip(providers["name"], providers["id"], strict=True)
           if n in PROVIDERS]  # fmt: skip
    at = open_page(
        "pages/trajecten.py", jaar="2025", samenwerking="HOLLAND-RIJNLAND",
        programma="HR-INKOOP", vergelijk="aanbieder", groepen=",".join(sorted(ids)), **extra,
    )  # fmt: skip
    assert not at.exception, at.exception
    return at


def _curve_chart(at) -> dict:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(s for s in specs if any(tr.get("fill") == "toself" for tr in s["data"]))


def _table_with(at, column: str):
    return next(tb for tb in plain_tables(at) if column in tb.columns)


def test_three_providers_get_curves_bands_shares_and_a_verdict_per_pair(seeded_url):
    at = _open(seeded_url)
    chart = _curve_chart(at)
    lines = [tr for tr in chart["data"] if tr.get("fill") != "toself"]
    bands = [tr for tr in chart["data"] if tr.get("fill") == "toself"]
    assert sorted(tr["name"] for tr in lines) == list(PROVIDERS)
    assert len(bands) == 3
    for line in lines:
        assert line["y"][0] == 0 and all(0 <= y <= 1 for y in line["y"])
        assert 12 in line["x"], "the step at 12 months is shown"
    shares = _table_with(at, "Binnen 12 maanden geplaatst")
    assert sorted(shares.index) == list(PROVIDERS)
    # "23% (18% tot 29%)": a share with its interval for every provider.
    assert all(" tot " in v and "%" in v for v in shares["Binnen 12 maanden geplaatst"])
    text = page_text(at)
    verdicts = [line for line in text.splitlines() if line.startswith("**Aanbieder")]
    assert len(verdicts) == 3
    assert all("waarschijnlijk echt" in v or "kan toeval zijn" in v for v in verdicts)
    # The sample data plants a large difference between B and C (C places far more).
    assert any("Aanbieder B" in v and "Aanbieder C" in v and "waarschijnlijk echt" in v
               for v in verdicts)  # fmt: skip
    assert "gemeente en hetzelfde aanmeldjaar" in text
    assert "Leeftijd, opleiding en achtergrond staan bewust niet" in text
    # The figures behind the verdicts are in an expander, not in the headline.
    assert "(p)" not in " ".join(verdicts)
    figures = _table_with(at, "Kans bij toeval (p)")
    assert len(figures) == 3


def test_the_same_comparison_reads_in_english(seeded_url):
    at = _open(seeded_url, taal="en")
    text = page_text(at)
    assert "Time to placement: what works?" in text
    verdicts = [line for line in text.splitlines() if line.startswith("**Aanbieder")]
    assert len(verdicts) == 3
    assert all("probably real" in v or "may be chance" in v for v in verdicts)
    assert "verschil" not in " ".join(verdicts)
    shares = _table_with(at, "Placed within 12 months")
    assert all(" to " in v for v in shares["Placed within 12 months"])


def test_the_briefing_and_its_pdf_say_in_one_sentence_whether_providers_differ():
    import io
    import re

    from pypdf import PdfReader

    from components.shell import filters
    from components.views import briefing

    at = open_page("pages/briefing.py", samenwerking="HOLLAND-RIJNLAND", jaar="2026")
    assert not at.exception, at.exception
    sentence = next(m.value for m in at.markdown if m.value.startswith("Tijd tot plaatsing"))
    assert "2025 t/m 2026" in sentence
    assert "waarschijnlijk echt" in sentence or "kunnen nog toeval zijn" in sentence
    view = briefing.build(filters.Selection(2026, partnership="HOLLAND-RIJNLAND"))
    assert view.content.placement_time == sentence
    pdf = briefing.pdf(view)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert re.sub(r"\s+", " ", sentence) in text
    # Kop van Noord-Holland's two providers serve different municipalities: no fair comparison.
    other = briefing.build(filters.Selection(2026, partnership="KOP-VAN-NOORD-HOLLAND"))
    assert other.content.placement_time == ""
