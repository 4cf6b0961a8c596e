import pandas as pd

from domain.disclosure import Cell, Ledger, exposed, protect
from domain.summary import FIGURES, atoms, rows_ledger


def _overzicht_2026() -> list[Cell]:
    # Issue 16: programmes 1 (Bonaire, 8), 2 (91), 3 (177), 4 (338), 5 (3.673, no partnership),
    # 6 (0). The tile adds up all of them; the table has one row per partnership; the chart one
    # bar per programme with placements.
    placed = {1: 8, 2: 91, 3: 177, 4: 338, 5: 3673, 6: 0}
    cells = [Cell("tile", frozenset(placed), sum(placed.values()))]
    cells += [Cell(("row", p), frozenset({p}), n) for p, n in placed.items() if p != 5]
    cells += [Cell(("bar", p), frozenset({p}), n) for p, n in placed.items() if n]
    return cells


def test_the_overzicht_leak_of_issue_16_is_exposed_without_secondary_suppression():
    cells = _overzicht_2026()
    primary = {("row", 1), ("bar", 1)}
    assert set(exposed(cells, primary, 10)) == primary


def test_a_second_programme_is_hidden_in_table_and_chart_alike_and_the_tile_stays():
    hidden = protect(_overzicht_2026(), 10, keep={"tile"})
    assert hidden == {("row", 1), ("bar", 1), ("row", 2), ("bar", 2)}  # the smallest other: 91
    assert not exposed(_overzicht_2026(), hidden, 10)


def test_hidden_counts_whose_sum_is_small_get_a_third_one_hidden():
    # Total 30 of parts 3 + 4 + 23: hiding 3 and 4 leaves 7 derivable as their sum.
    cells = [Cell("t", frozenset("abc"), 30)] + [
        Cell(k, frozenset(k), n) for k, n in (("a", 3), ("b", 4), ("c", 23))
    ]
    assert protect(cells, 10) == {"a", "b", "c"}


def test_two_hidden_counts_adding_up_to_two_are_pinned():
    cells = [Cell("t", frozenset("abcd"), 202)] + [
        Cell(k, frozenset(k), n) for k, n in (("a", 1), ("b", 1), ("c", 100), ("d", 100))
    ]
    assert set(exposed(cells, {"a", "b"}, 10)) == {"a", "b"}
    hidden = protect(cells, 10)
    assert {"a", "b"} < hidden and len(hidden) == 3


def test_a_split_shown_elsewhere_counts_as_parts_of_the_total():
    # Placements are work plus training: a small training count is derivable from the placements
    # and the work placements shown beside them.
    ledger = Ledger(10)
    ledger.add("geplaatst", atoms("geplaatst", [1]), 120, keep=True)
    ledger.add("werk", atoms("geplaatst_werk", [1]), 115)
    ledger.add("opleiding", atoms("geplaatst_opleiding", [1]), 5)
    assert ledger.label("opleiding") == "<10"
    assert ledger.label("werk") == "x"
    assert ledger.label("geplaatst") == "120"


def test_nothing_small_means_nothing_hidden():
    cells = [
        Cell("t", frozenset("ab"), 50),
        Cell("a", frozenset("a"), 20),
        Cell("b", frozenset("b"), 30),
    ]
    assert protect(cells, 10) == set()


def test_a_municipality_tile_minus_its_other_programme_gives_no_hidden_row_away():
    figures = pd.DataFrame({"programme_id": [1, 2], **{f: [0, 0] for f in FIGURES}})
    figures["aangemeld"], figures["geplaatst"] = [206, 7], [53, 0]
    ledger = rows_ledger(figures, ("aangemeld",), ("aangemeld", "geplaatst"), 10)
    assert ledger.label(("tile", "aangemeld")) == "213"
    assert ledger.label(("row", "aangemeld", 2)) == "<10"
    assert ledger.label(("row", "aangemeld", 1)) == "x"  # else 213 - 206 = 7
    assert ledger.label(("row", "geplaatst", 1)) == "53"
