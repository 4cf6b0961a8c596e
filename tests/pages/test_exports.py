"""Every table download of the pages, as a spreadsheet program reads it: the Excel file holds
numbers as numbers and dates as dates, and the CSV read by pandas gives the page's numbers back,
in Dutch and in English.

The pages run in AppTest; layout.table_download(s) are watched, so that the tables checked are
the ones the pages hand to their download buttons, and the files are made as the buttons make
them. The check formats what the file holds with the page's own formatters (domain.formatting)
and compares it with what the page shows: a different way round than domain.export reads it."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from components.shell import layout
from domain.export import CSV_FIELDS, SEPARATORS, safe_csv, safe_xlsx
from domain.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct, use_language
from tests.pages.apptest import open_page

PAGES = [
    ("pages/overzicht.py", {"jaar": "2026"}),
    ("pages/trajecten.py", {"samenwerking": "HR-INKOOP", "jaar": "2025"}),
    ("pages/doelen.py", {"jaar": "2026"}),
    ("pages/gemeente.py", {"gemeente": "GM0546", "jaar": "2026"}),
    ("pages/kaart.py", {"jaar": "2026"}),
]
# Pages whose downloads hold trajectory figures (Kaart's is a list of members, Overzicht's regions
# are CBS figures: those files carry no Herkomst column).
TRAJECTORY_PAGES = {"pages/overzicht.py", "pages/trajecten.py", "pages/doelen.py",
                    "pages/gemeente.py"}  # fmt: skip
ORIGIN = {"nl": ("Herkomst", "fictieve voorbeelddata"), "en": ("Origin", "fictional sample data")}
HIDDEN = re.compile(r"^(<\d+|x)$")


def _downloads(page: str, params: dict, language: str) -> list[tuple[pd.DataFrame, dict, bool]]:
    """(table, the words its download was made with, whether it has an Excel file) per download
    button of the page; the table as the file holds it, with its Herkomst column when it has one."""
    seen = []
    real = layout._export_words

    def words(*args):
        made = real(*args)
        seen[-1][1].update(made)
        return made

    def one(df, file_stem, key, found=None):
        seen.append((layout.with_origin(df, found), {}, False))
        return original_one(df, file_stem, key, found)

    def both(df, file_stem, key, found=None):
        seen.append((layout.with_origin(df, found), {}, True))
        return original_both(df, file_stem, key, found)

    original_one, original_both = layout.table_download, layout.table_downloads
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(layout, "table_download", one)
        mp.setattr(layout, "table_downloads", both)
        mp.setattr(layout, "_export_words", words)
        at = open_page(page, **params, **({"taal": language} if language != "nl" else {}))
    assert not at.exception, at.exception
    return seen


def _shown_as(value, page_text: str, language: str) -> str:
    """What the file holds, formatted as the page formats it."""
    mark = SEPARATORS[language][1]
    with use_language(language):
        if isinstance(value, (datetime, date)):
            return fmt_date(value.date() if isinstance(value, datetime) else value)
        if page_text.endswith("%"):
            body = page_text[:-1]
            return fmt_pct(float(value), len(body.split(mark)[1]) if mark in body else 0)
        if mark in page_text:
            return fmt_decimal(float(value), len(page_text.split(mark)[1]))
        text = fmt_int(float(value))
        return ("+" + text) if page_text.startswith("+") else text


def _number_like(text: str, language: str) -> bool:
    thousands, mark = (re.escape(s) for s in SEPARATORS[language])
    return bool(re.fullmatch(rf"[+\-]?(\d{{1,3}}({thousands}\d{{3}})+|0|[1-9]\d*)({mark}\d+)?%?",
                             text))  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("page", "params"), PAGES, ids=[p.split("/")[1][:-3] for p, _ in PAGES])
def test_downloads_hold_numbers_as_numbers_and_give_the_pages_numbers_back(page, params, language):
    downloads = _downloads(page, params, language)
    assert downloads, f"{page} offers no table download"
    numbers = 0
    for df, words, excel in downloads:
        note = words["note"]
        assert words["language"] == language
        shown = df.astype(str).reset_index(drop=True)
        csv = pd.read_csv(
            io.BytesIO(safe_csv(df, language, note)), sep=CSV_FIELDS[language],
            decimal=SEPARATORS[language][1], encoding="utf-8-sig", keep_default_na=False,
            dtype=str,
        )  # fmt: skip
        notes = csv.pop(note) if note in csv else pd.Series("", index=csv.index)
        book = None
        if excel:
            book = openpyxl.load_workbook(io.BytesIO(safe_xlsx(df, "Tabel", **words))).active
            assert [c.value for c in book[1]][: len(df.columns)] == [str(c) for c in df.columns]
        for i in range(len(shown)):
            for j, column in enumerate(shown.columns):
                text = shown.iat[i, j].strip()
                held = csv.iat[i, j]
                if HIDDEN.match(text) and _typed_column(shown[column], language):
                    assert held == "" and f"{column}: {text}" in notes.iat[i], (column, text)
                    continue
                if _number_like(text, language) and _typed_column(shown[column], language):
                    numbers += 1
                    assert re.fullmatch(r"-?\d+([.,]\d+)?", held), (page, column, text, held)
                    value = (
                        float(held.replace(",", ".")) if "." in held or "," in held else int(held)
                    )
                    assert _shown_as(value, text, language) == text, (page, column, held, text)
                    if book is not None:
                        cell = book.cell(row=i + 2, column=j + 1)
                        assert isinstance(cell.value, (int, float)), (column, cell.value)
                        assert _shown_as(cell.value, text, language) == text
                        assert cell.number_format != "General"
                if re.fullmatch(r"\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}", text) and book is not None:
                    cell = book.cell(row=i + 2, column=j + 1)
                    assert isinstance(cell.value, datetime), (column, cell.value)
                    assert _shown_as(cell.value, text, language) == text
    assert numbers > 0, f"{page}: no number was checked"
    # On the sample every trajectory is invented, and each file of trajectory figures says so.
    origin_column, invented = ORIGIN[language]
    with_origin = [(df, words) for df, words, _ in downloads if origin_column in df.columns]
    if page in TRAJECTORY_PAGES:
        assert with_origin, f"{page}: no download says where its trajectories come from"
    for df, words in with_origin:
        assert set(df[origin_column]) == {invented}, (page, set(df[origin_column]))
        assert [k for k, _ in words["legend"]][-1] == origin_column


def _typed_column(values: pd.Series, language: str) -> bool:
    """A column the export types: every shown cell is a number (or hidden, or '–')."""
    cells = [v.strip() for v in values]
    shown = [v for v in cells if v not in ("–", "") and not HIDDEN.match(v)]
    return bool(shown) and all(_number_like(v, language) for v in shown)
