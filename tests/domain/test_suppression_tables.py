"""Primary and complementary suppression of whole tables: funnels, groups of funnels, rows."""

import pandas as pd

from domain.suppression import (
    cell_label,
    protect_chain,
    protect_grouped_funnel,
    protect_parts,
    protect_rows,
)


def test_a_small_difference_between_funnel_stages_hides_the_lower_stage():
    # 100 registered, 95 at intake: showing both would say 5 people stopped at registration.
    assert protect_chain([100, 95, 80], set(), 10) == {1}


def test_after_a_hidden_stage_the_next_is_compared_with_the_last_shown_one():
    # 100 -> (95 hidden) -> 92: 100 - 92 = 8 would still reveal a small group.
    assert protect_chain([100, 95, 92, 50], set(), 10) == {1, 2}


def test_equal_or_far_apart_stages_are_safe():
    assert protect_chain([100, 100, 60, 0], set(), 10) == set()


def test_shown_total_with_one_hidden_part_hides_another():
    assert protect_parts(100, {"a": 5, "b": 40, "c": 55}, set(), 10) == {"a", "b"}


def test_hidden_total_with_all_parts_shown_hides_the_smallest_part():
    # Otherwise adding the parts gives the hidden total back.
    assert protect_parts(60, {"a": 20, "b": 40}, set(), 10, total_hidden=True) == {"a"}


def test_small_total_hides_every_non_zero_part():
    assert protect_parts(7, {"a": 7, "b": 0}, set(), 10) == {"a"}


def test_groups_are_protected_across_the_partition():
    # Provider C's 4 placements would follow from the total minus A and B.
    counts = pd.DataFrame({"in": [50, 60, 40], "out": [20, 30, 4]}, index=["A", "B", "C"])
    mask = protect_grouped_funnel(counts, ["in", "out"], threshold=10)
    assert mask.loc["C", "out"]
    assert mask["out"].sum() == 2, "a second group's placements are hidden too"
    assert not mask["in"].any()
    # Whatever is hidden, no hidden cell equals a shown total minus shown cells.
    for column in counts:
        hidden = counts.loc[mask[column], column]
        assert len(hidden) != 1


def test_grouped_funnel_without_partition_only_protects_each_row():
    counts = pd.DataFrame({"in": [50, 60], "out": [20, 4]})
    mask = protect_grouped_funnel(counts, ["in", "out"], threshold=10, partition=False)
    assert mask["out"].tolist() == [False, True]


def test_rows_with_hidden_totals_keep_a_hidden_part():
    parts = pd.DataFrame({"x": [30, 3], "y": [20, 40]})
    mask = protect_rows([50, 43], parts, 10, totals_hidden=[True, False])
    assert mask.loc[0].tolist() == [False, True], "the smaller part, 20"
    assert mask.loc[1].tolist() == [True, True]


def test_labels_distinguish_small_from_complementary():
    assert cell_label(4, 10) == "<10"
    assert cell_label(40, 10, hidden=True) == "x"
    assert cell_label(1234, 10) == "1.234"
    assert cell_label(7, 5) == "7"


def test_rows_do_not_add_up_to_a_total_hidden_on_the_page():
    # The page's funnel hides 'out' (x); two months that are both shown would give it back.
    counts = pd.DataFrame({"in": [50, 60], "out": [20, 30]})
    mask = protect_grouped_funnel(counts, ["in", "out"], threshold=10, total_hidden={"out": True})
    assert mask["out"].sum() >= 1
    assert not mask["in"].any()
