from domain.suppression import display_count, hide_parts, is_small, legend


def test_counts_below_threshold_are_small_but_zero_is_not():
    assert is_small(1, 10) and is_small(9, 10)
    assert not is_small(10, 10)
    assert not is_small(0, 10)


def test_small_count_displays_as_below_threshold():
    assert display_count(7, 10) == "<10"
    assert display_count(1234, 10) == "1.234"
    assert display_count(7, 5) == "7"


def test_single_hidden_part_hides_the_next_smallest_so_it_cannot_be_subtracted():
    # werk 95 + opleiding 5 = 100: showing 100 and 95 would reveal the 5.
    assert hide_parts(100, {"werk": 95, "opleiding": 5}, 10) == {"werk", "opleiding"}


def test_secondary_suppression_skips_zero_parts():
    assert hide_parts(120, {"a": 100, "b": 6, "c": 14, "d": 0}, 10) == {"b", "c"}


def test_two_hidden_parts_need_no_extra_suppression():
    assert hide_parts(112, {"a": 100, "b": 6, "c": 6}, 10) == {"b", "c"}


def test_nothing_hidden_when_all_parts_are_large():
    assert hide_parts(300, {"werk": 200, "opleiding": 100}, 10) == set()


def test_small_total_hides_every_part():
    assert hide_parts(8, {"werk": 5, "opleiding": 3}, 10) == {"werk", "opleiding"}


def test_the_legend_explains_only_the_hidden_marks_that_are_shown():
    assert legend(["1.234", "25", "–"], 10) == ""
    small = legend(["25", "<10"], 10)
    assert small.startswith("<10: minder dan 10 mensen") and "x:" not in small
    withheld = legend(["x", "338"], 10)
    assert withheld.startswith("x: een groter aantal dat we verbergen") and "<10" not in withheld
    both = legend(["<5", "x", "<5", "x"], 5)
    assert both.count("<5:") == 1 and both.count("x:") == 1 and "minder dan 5 mensen" in both
    # A cell that merely contains the marks is no mark: names and sources stay out of it.
    assert legend(["Texel", "<10 jaar", "x-as"], 10) == ""
    assert legend(["x"], 10, "en").startswith("x: a larger number that we withhold")
