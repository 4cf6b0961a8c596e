"""Tables that fit a laptop (#25 item 6) keep their downloads whole: what the screen shows in
fewer columns, or under the table, the CSV holds in every column and row.

tests/e2e/test_widths.py measures the widths in Chromium; these read, in AppTest, the table each
page shows beside the table it hands to its download button (layout.table_download, watched)."""

from __future__ import annotations

import pandas as pd
import pytest

from components.shell import layout
from tests.pages.apptest import open_page, page_text, plain_tables


def _opened(page: str | None, **params: str) -> tuple[object, list[pd.DataFrame]]:
    """The page run, and the tables it handed to its download buttons."""
    downloads = []
    original = layout.table_download

    def watched(df, *args, **kwargs):
        downloads.append(df)
        return original(df, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(layout, "table_download", watched)
        at = open_page(page, **params)
    assert not at.exception, at.exception
    return at, downloads


def test_overzicht_lists_each_rows_source_under_the_table_and_keeps_it_in_the_download():
    at, downloads = _opened(None, jaar="2026")
    shown = plain_tables(at)[0].reset_index()
    download = downloads[0]
    assert "Bron" not in shown.columns
    assert list(download.columns) == [*shown.columns, "Bron"]
    assert download.drop(columns="Bron").astype(str).equals(shown)
    sources = next(c.value for c in at.caption if c.value.startswith("**Bronnen**"))
    for name, source in zip(download["Samenwerking"], download["Bron"], strict=True):
        if source != "–":
            assert name in sources
            assert source.split(" (")[0] in sources.replace("\\", "")
    # A source whose publisher was not recorded is named by its title (domain.sources), not
    # as "(Uitgever niet vastgelegd)".
    assert "niet vastgelegd" not in sources + " ".join(download["Bron"])
    altena = download.set_index("Samenwerking").loc["Samenwerking Altena – MidZuid", "Bron"]
    assert altena == "Samenwerkingsovereenkomst Altena en MidZuid getekend (nieuwsbericht)"


def test_doelen_shows_every_figure_of_its_download_in_fewer_columns():
    at, downloads = _opened("pages/doelen.py", jaar="2026")
    shown = plain_tables(at)[-1].reset_index()
    (download,) = [d for d in downloads if "Opbouw doel" in d.columns]
    assert len(shown.columns) == 7 and len(download.columns) == 14
    assert list(shown["Programma"]) == list(download["Programma"])
    for (_, screen), (_, row) in zip(shown.iterrows(), download.iterrows(), strict=True):
        cells = " ".join(screen).replace("\u00a0", " ")
        for column in ("Periode", "Doel", "Gerealiseerd", "Verwacht op peildatum", "Peildatum",
                       "Prognose einde periode", "Status", "Stand"):  # fmt: skip
            assert row[column] in cells, (column, row[column], cells)
        parts = row["Opbouw doel"].split(" + ")  # 'vaste taak 4.000 + extra (+500) 500'
        for part in parts if len(parts) > 1 else [parts[0].rsplit(" ", 1)[0]]:
            assert part in screen["Doel"], (part, screen["Doel"])
        if row["Gerealiseerd van doel"] != "–":
            assert f"({row['Gerealiseerd van doel']})" in screen["Gerealiseerd"]
        reached = row["Doel bereikt op (of bij dit tempo rond)"]
        assert reached == "–" or reached in screen["Prognose einde periode"]
    # The Werkoffensief row: the forecast misses the target, so it has no day of reaching it.
    werkoffensief = shown.set_index("Programma").loc["Werkoffensief +500"]
    assert werkoffensief["Prognose einde periode"] == "4.410"
    assert werkoffensief["Verwacht op peildatum"] == "3.748 op 31-10-2026"


def test_kaart_splits_its_members_on_screen_and_keeps_every_row_in_the_download():
    at, downloads = _opened("pages/kaart.py", jaar="2026")
    (download,) = [d for d in downloads if "Rol" in d.columns]
    assert list(download.columns) == [
        "Samenwerking", "Soort", "Sinds", "Deelnemer", "Gemeente", "Rol", "Bron",
    ]  # fmt: skip
    cases = plain_tables(at)[0].reset_index()
    assert list(cases.columns) == ["Samenwerking", "Deelnemer", "Gemeente", "Rol"]
    regions = at.dataframe[0].value
    assert list(regions.columns) == ["Samenwerking", "Gemeente"]
    assert len(cases) + len(regions) == len(download) == 377
    region_rows = download[download["Soort"] == "Arbeidsmarktregio"]
    assert list(regions["Gemeente"]) == list(region_rows["Gemeente"])
    text = page_text(at).replace("\\", "")
    # Each case's kind, start and source, once under its members.
    assert "Twinning Bonaire – Leiden: Twinning, sinds 01-05-2017. Bron: Twinningproject" in text
    # What all 342 region rows share, once under their grid.
    (shared,) = set(region_rows["Bron"])
    assert f"Rol: gemeente in de arbeidsmarktregio; Bron: {shared}" in text
    assert "niet vastgelegd" not in text + " ".join(download["Bron"])
    # A source without a date has none, rather than a dash: "(Omroep West)", not "(Omroep West, –)".
    assert ", –)" not in text + " ".join(download["Bron"])
    # Holland Rijnland's tenth member as the source records it, beside its municipality today.
    merged = cases[cases["Deelnemer"] == "Noordwijkerhout"]
    assert list(merged["Gemeente"]) == ["Noordwijk"]
    assert len(cases[cases["Deelnemer"] == "Noordwijk"]) == 1
