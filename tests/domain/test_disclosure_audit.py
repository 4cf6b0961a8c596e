"""The disclosure audit's attacker finds the two leaks of issue 23 from the numbers as published,
and finds a hidden count safe where nothing pins it down."""

import math

import pytest

from domain.disclosure_audit import Published, audit, is_protected, ranges

# Placements per programme (atoms), as the sample database has them.
PROGRAMMES = ("BON-LEI", "ALT-MZ", "HR-INKOOP", "KNH-WSP", "DHW-TUINBOUW", "WO500")
BONAIRE = frozenset({"BON-LEI"})


def test_across_pages_bonaires_2026_placements_follow_by_subtraction():
    """Overzicht's tile 4.287 and its chart, with Doelen's "91 van 90" for Altena: 8."""
    published = [
        Published.exact(PROGRAMMES, 4287),  # Overzicht: the tile
        Published.exact({"KNH-WSP"}, 338),  # Overzicht: the chart
        Published.exact({"HR-INKOOP"}, 177),
        Published.exact({"WO500"}, 3673),
        Published.exact({"DHW-TUINBOUW"}, 0),
        Published.small({"BON-LEI"}, 10),  # Overzicht: the table
        Published.hidden({"ALT-MZ"}),  # Overzicht: the table's complementary "x"
        Published.exact({"ALT-MZ"}, 91),  # Doelen, the briefing and slide 6
    ]
    assert ranges(published, [BONAIRE])[BONAIRE] == pytest.approx((8, 8))
    (finding,) = audit(published, {BONAIRE: 8}, threshold=10)
    assert (finding.low, finding.high) == pytest.approx((8, 8))
    assert "BON-LEI: 8 to 8 (true 8)" in str(finding)


def test_across_filters_bonaires_2025_placements_follow_by_subtraction():
    """2025 with "Alle" hides Altena as "x"; the Kop van Noord-Holland filter shows its 107."""
    published = [
        Published.exact(PROGRAMMES, 5165),
        Published.exact({"KNH-WSP"}, 380),
        Published.exact({"HR-INKOOP"}, 192),
        Published.exact({"WO500"}, 4477),
        Published.exact({"DHW-TUINBOUW"}, 0),
        Published.small({"BON-LEI"}, 10),
        Published.hidden({"ALT-MZ"}),
        Published.exact({"ALT-MZ"}, 107),  # the same table under another filter
    ]
    assert [(f.low, f.high) for f in audit(published, {BONAIRE: 9}, 10)] == [(9, 9)]


def test_one_decision_everywhere_keeps_bonaire_in_its_band():
    """Altena hidden wherever it appears: the total gives away Bonaire and Altena together
    (99), which leaves Bonaire anywhere from 0 to 9."""
    published = [
        Published.exact(PROGRAMMES, 4287),
        Published.exact({"KNH-WSP"}, 338),
        Published.exact({"HR-INKOOP"}, 177),
        Published.exact({"WO500"}, 3673),
        Published.exact({"DHW-TUINBOUW"}, 0),
        Published.small({"BON-LEI"}, 10),
        Published.hidden({"ALT-MZ"}),
    ]
    assert ranges(published, [BONAIRE])[BONAIRE] == pytest.approx((0, 9))
    assert audit(published, {BONAIRE: 8}, 10) == []


def test_a_count_shown_nowhere_but_under_a_hidden_total_is_unbounded_above():
    published = [Published.hidden({"a", "b"}), Published.small({"a"}, 10)]
    low, high = ranges(published, [frozenset({"b"})])[frozenset({"b"})]
    assert low == 0 and math.isinf(high)


def test_contradicting_numbers_are_an_error_not_a_verdict():
    with pytest.raises(ValueError, match="contradict"):
        ranges([Published.exact({"a"}, 5), Published.exact({"a"}, 6)], [frozenset({"a"})])


@pytest.mark.parametrize(
    ("low", "high", "true", "protected"),
    [
        (0, 9, 8, True),  # the whole band under 10
        (0, 12, 8, True),  # more than the band
        (3, 13, 8, True),  # five on each side
        (4, 13, 8, False),  # four below
        (3, 12, 8, False),  # four above, and the band is not covered
        (8, 8, 8, False),  # pinned down
        (0, 5, 0, True),  # down to 0 and five above
        (1, 20, 3, False),  # 0 is excluded: "at least one" is known
    ],
)
def test_the_protection_rule(low, high, true, protected):
    assert is_protected(low, high, true, threshold=10) is protected
