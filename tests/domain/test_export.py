from datetime import date
from io import BytesIO

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from domain.export import CSV_FIELDS, SEPARATORS, safe_csv, safe_frame, safe_xlsx, typed
from domain.formatting import fmt_date, fmt_int, fmt_pct, use_language


def test_cells_that_read_as_formulas_are_defused():
    df = pd.DataFrame({"naam": ["=SUM(A1)", "+31", "-x", "@cmd", "gewoon"], "n": [1, 2, 3, 4, 5]})
    out = safe_frame(df)
    assert list(out["naam"]) == ["'=SUM(A1)", "'+31", "'-x", "'@cmd", "gewoon"]
    assert list(out["n"]) == [1, 2, 3, 4, 5]


def test_csv_is_semicolon_separated_with_bom_for_dutch_excel():
    data = safe_csv(pd.DataFrame({"a": ["1"], "b": ["<10"]}))
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[0] == "a;b"


def test_excel_download_has_no_formula_cells():
    from io import BytesIO
    from zipfile import ZipFile

    from openpyxl import load_workbook

    from domain.export import safe_xlsx

    df = pd.DataFrame(
        {"naam": ['=HYPERLINK("x")', "+31", "-x", "@cmd", "<10"], "n": [1, 2, 3, 4, None]}
    )
    data = safe_xlsx(df)
    sheet_xml = ZipFile(BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml, "no cell holds a formula"
    sheet = load_workbook(BytesIO(data)).active
    cells = [sheet.cell(row=r, column=1) for r in range(2, 7)]
    assert [c.value for c in cells] == ['=HYPERLINK("x")', "+31", "-x", "@cmd", "<10"]
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False]
    assert sheet.cell(row=2, column=2).value == 1
    assert sheet.cell(row=6, column=2).value is None


# Numbers as numbers (issue 26): what a spreadsheet can count.
PAGE_NL = pd.DataFrame({
    "Samenwerking": ["Leiden", "Bonaire", "GM0546"],
    "Aangemeld": ["2.143", "<10", "x"],
    "Van vorige": ["81%", "12,5%", "–"],
    "Sinds": ["01-05-2017", "–", "31-12-2025"],
    "Code": ["0546", "12", "3"],
})  # fmt: skip


def test_a_column_of_shown_numbers_becomes_numbers_and_hidden_cells_empty_with_a_note():
    t = typed(PAGE_NL, "nl")
    assert t.kinds == {"Aangemeld": "int", "Van vorige": "percent", "Sinds": "date"}
    assert list(t.frame["Aangemeld"].astype(object).where(t.frame["Aangemeld"].notna(), None)) == [
        2143, None, None]  # fmt: skip
    assert t.frame["Van vorige"].iloc[0] == pytest.approx(0.81)
    assert t.frame["Sinds"].iloc[0] == date(2017, 5, 1)
    assert list(t.frame["Code"]) == ["0546", "12", "3"]  # a code with a leading 0 stays text
    assert t.notes == ["", "Aangemeld: <10", "Aangemeld: x"]


def test_dutch_csv_has_semicolons_and_decimal_commas_english_commas_and_points():
    dutch = safe_csv(PAGE_NL, "nl").decode("utf-8-sig").splitlines()
    assert dutch[0] == "Samenwerking;Aangemeld;Van vorige;Sinds;Code;Toelichting"
    assert dutch[1] == "Leiden;2143;0,81;2017-05-01;0546;"
    assert dutch[2] == "Bonaire;;0,125;;12;Aangemeld: <10"
    english = PAGE_NL.assign(Aangemeld=["2,143", "<10", "x"], **{"Van vorige": ["81%", "12.5%", "–"]},
                             Sinds=["2017-05-01", "–", "2025-12-31"])  # fmt: skip
    lines = safe_csv(english, "en", "Note").decode("utf-8-sig").splitlines()
    assert lines[0] == "Samenwerking,Aangemeld,Van vorige,Sinds,Code,Note"
    assert lines[1] == "Leiden,2143,0.81,2017-05-01,0546,"


def test_excel_holds_numbers_in_number_formats_dates_as_dates_and_a_legend():
    data = safe_xlsx(PAGE_NL, legend=(("<10", "minder dan 10"), ("x", "afgeschermd")))
    book = load_workbook(BytesIO(data))
    sheet = book["Tabel"]
    assert [c.value for c in sheet[1]] == [*PAGE_NL.columns, "Toelichting"]
    count, share, since = sheet["B2"], sheet["C3"], sheet["D2"]
    assert (count.value, count.number_format) == (2143, "#,##0")
    assert (share.value, share.number_format) == (pytest.approx(0.125), "0.0%")
    assert since.value.date() == date(2017, 5, 1) and since.number_format == "DD-MM-YYYY"
    assert sheet["B3"].value is None and sheet["F3"].value == "Aangemeld: <10"
    assert [[c.value for c in row] for row in book["Toelichting"].iter_rows()] == [
        ["<10", "minder dan 10"], ["x", "afgeschermd"]]  # fmt: skip


# No deadline: an example writes and reads a workbook, ~0.1 s, more on a busy machine; the time
# of one example says nothing about its correctness.
@settings(deadline=None, max_examples=60)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=8),
    share=st.floats(min_value=0, max_value=10, allow_nan=False),
    decimals=st.integers(min_value=0, max_value=2),
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    language=st.sampled_from(["nl", "en"]),
)
def test_pandas_reads_back_the_numbers_the_page_showed(counts, share, decimals, day, language):
    """Whatever the page shows as a count, a percentage or a date, pandas reads the same value
    from the CSV with the language's separators (and Excel from the workbook)."""
    with use_language(language):
        page = pd.DataFrame({
            "n": [fmt_int(c) for c in counts],
            "p": [fmt_pct(share, decimals)] * len(counts),
            "d": [fmt_date(day)] * len(counts),
        })  # fmt: skip
    read = pd.read_csv(BytesIO(safe_csv(page, language)), sep=CSV_FIELDS[language],
                       decimal=SEPARATORS[language][1], encoding="utf-8-sig")  # fmt: skip
    assert list(read["n"]) == counts
    assert read["p"].iloc[0] == pytest.approx(round(share * 100, decimals) / 100, abs=1e-9)
    assert read["d"].iloc[0] == day.isoformat()
    sheet = load_workbook(BytesIO(safe_xlsx(page, language=language))).active
    assert [sheet.cell(row=i + 2, column=1).value for i in range(len(counts))] == counts
    assert sheet.cell(row=2, column=3).value.date() == day
