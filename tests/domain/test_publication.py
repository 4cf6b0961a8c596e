"""The year's one suppression decision (domain.publication): which counts it hides, and that no
hidden small count can be pinned down by the linear-programming attacker from what it shows.

The scenarios of the per-page ledger it replaces (issue 16) hold here too."""

import pandas as pd
import pytest

from domain.disclosure_audit import audit
from domain.publication import Grid, decide, family, protect


def cells(**values: int) -> dict[frozenset, int]:
    """One atom per name."""
    return {frozenset({k}): n for k, n in values.items()}


def total(values: dict[frozenset, int]) -> tuple[frozenset, int]:
    return frozenset().union(*values), sum(values.values())


PLACED_2026 = {"bonaire": 8, "altena": 91, "hr": 177, "knh": 338, "werkoffensief": 3673}


def test_the_overzicht_leak_is_closed_by_hiding_the_smallest_other_programme():
    parts = cells(**PLACED_2026)
    tile, value = total(parts)
    hidden = protect({tile: value, **parts}, 10, keep={tile})
    assert hidden == {frozenset({"bonaire"}), frozenset({"altena"})}  # the smallest other: 91


def test_hidden_counts_whose_sum_is_small_get_a_third_one_hidden():
    # Total 30 of parts 3 + 4 + 23: hiding 3 and 4 leaves 7 as their sum, so 3 lies in 0..7.
    parts = cells(a=3, b=4, c=23)
    tile, value = total(parts)
    assert protect({tile: value, **parts}, 10, keep={tile}) == set(parts)


def test_two_hidden_counts_adding_up_to_two_get_a_third_one():
    parts = cells(a=1, b=1, c=100, d=100)
    tile, value = total(parts)
    hidden = protect({tile: value, **parts}, 10, keep={tile})
    assert {frozenset("a"), frozenset("b")} < hidden and len(hidden) == 3


def test_nothing_small_means_nothing_hidden():
    parts = cells(a=20, b=30)
    tile, value = total(parts)
    assert protect({tile: value, **parts}, 10) == set()


def grid(rows: list[dict]) -> Grid:
    frame = pd.DataFrame(rows)
    for column in ("aangemeld", "gestart", "geplaatst_werk", "geplaatst_opleiding", "duurzaam",
                   "lopend"):  # fmt: skip
        if column not in frame:
            frame[column] = 0
    return Grid.from_frame(frame.fillna(0))


def test_a_split_shown_beside_its_total_hides_the_other_part():
    # Placements are work plus training: a small training count follows from the placements
    # and the work placements shown beside them.
    g = grid([{"programme_id": 1, "area_code": "GM0001", "geplaatst_werk": 115,
               "geplaatst_opleiding": 5}])  # fmt: skip
    shown = [(m, [{1}], [None]) for m in ("geplaatst", "geplaatst_werk", "geplaatst_opleiding")]
    decided = decide(g, 2026, 10, shown, keep=[("geplaatst", {1}, None)])
    assert decided.count("geplaatst_opleiding", {1}).label == "<10"
    assert decided.count("geplaatst_werk", {1}).label == "x"
    assert decided.count("geplaatst", {1}).label == "120"


def test_a_municipality_tile_minus_its_other_programme_gives_no_hidden_row_away():
    g = grid([
        {"programme_id": 1, "area_code": "GM0546", "aangemeld": 206},
        {"programme_id": 2, "area_code": "GM0546", "aangemeld": 7},
    ])  # fmt: skip
    decided = decide(g, 2026, 10, [("aangemeld", [None, {1}, {2}], [{"GM0546"}])],
                     keep=[("aangemeld", None, {"GM0546"})])  # fmt: skip
    assert decided.count("aangemeld", None, {"GM0546"}).label == "213"
    assert decided.count("aangemeld", {2}, {"GM0546"}).label == "<10"
    assert decided.count("aangemeld", {1}, {"GM0546"}).label == "x"  # else 213 - 206 = 7


def sample_like() -> Grid:
    """Placements of 2026 as the sample has them: Bonaire 8 (work 6, training 2) in one
    municipality; Altena 91; Holland Rijnland 177 over municipalities of which one has 8."""
    return grid([
        {"programme_id": 1, "area_code": "GM9001", "geplaatst_werk": 6, "geplaatst_opleiding": 2},
        {"programme_id": 2, "area_code": "GM1959", "geplaatst_werk": 76, "geplaatst_opleiding": 15},
        {"programme_id": 3, "area_code": "GM0579", "geplaatst_werk": 5, "geplaatst_opleiding": 3},
        {"programme_id": 3, "area_code": "GM0546", "geplaatst_werk": 34, "geplaatst_opleiding": 19},
        {"programme_id": 3, "area_code": "GM0575", "geplaatst_werk": 77, "geplaatst_opleiding": 39},
        {"programme_id": 5, "area_code": "GM0518", "geplaatst_werk": 2949,
         "geplaatst_opleiding": 724},
    ])  # fmt: skip


SHOWN = [
    ("geplaatst", [None, {1}, {2}, {3}, {5}], [None, {"GM9001"}, {"GM1959"}, {"GM0579"},
                                               {"GM0546"}, {"GM0575"}, {"GM0518"}]),
    ("geplaatst_werk", [None, {1}, {2}, {3}, {5}], [None]),
    ("geplaatst_opleiding", [None, {1}, {2}, {3}, {5}], [None]),
]  # fmt: skip


def test_one_decision_for_the_year_leaves_no_small_count_pinned_down():
    decided = decide(sample_like(), 2026, 10, SHOWN, keep=[("geplaatst", None, None)])
    small = decided.small_hidden()
    assert (
        frozenset({("geplaatst_werk", 1, "GM9001"), ("geplaatst_opleiding", 1, "GM9001")}) in small
    )
    assert audit(decided.published(), small, 10) == []
    assert decided.count("geplaatst").label == "3.949"  # the headline stays


def test_the_same_count_has_the_same_fate_however_it_is_asked_for():
    decided = decide(sample_like(), 2026, 10, SHOWN, keep=[("geplaatst", None, None)])
    # Bonaire's programme and Bonaire the municipality are one count.
    assert decided.count("geplaatst", {1}) == decided.count("geplaatst", None, {"GM9001"})
    assert decided.count("geplaatst", {1}).label == "<10"
    assert decided.count("geplaatst", {2}) == decided.count("geplaatst", {2}, {"GM1959"})


def test_a_count_the_family_does_not_hold_is_hidden_and_noted():
    decided = decide(sample_like(), 2026, 10, SHOWN)
    asked = decided.count("geplaatst_werk", {3}, {"GM0546"})  # never planned: not shown
    assert asked.hidden and asked.label == "x"
    assert asked.atoms in decided.unplanned


def test_a_view_that_shows_a_count_the_decision_hides_is_caught_by_the_audit():
    """The proof of issue 23's 'done when': one view showing Altena's 91 beside the decision
    (which hides it to protect Bonaire) lets the attacker pin Bonaire's 8."""
    from domain.disclosure_audit import Published

    decided = decide(sample_like(), 2026, 10, SHOWN, keep=[("geplaatst", None, None)])
    altena = decided.count("geplaatst", {2})
    assert altena.hidden
    leaked = [*decided.published(), Published.exact(altena.atoms, altena.value)]
    found = audit(leaked, decided.small_hidden(), 10)
    bonaire = decided.count("geplaatst", {1}).atoms
    assert any(f.atoms == bonaire and (f.low, f.high) == pytest.approx((8, 8)) for f in found)


def test_the_family_leaves_out_counts_of_nothing():
    g = sample_like()
    assert frozenset() not in family(g, [("geplaatst", [{4}], [None])])
    assert family(g, [("geplaatst", [{4}], [None])]) == set()
