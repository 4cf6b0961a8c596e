import pandas as pd

from domain.export import safe_csv, safe_frame


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
