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
