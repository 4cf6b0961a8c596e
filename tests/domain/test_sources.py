"""A footer credits each publisher once, and never the words that say none was recorded."""

from domain.sources import credited, entry, recorded


def test_each_publisher_is_credited_once_in_order_of_first_mention():
    assert credited(["CBS, PDOK", "Sleutelstad", "CBS", "Omroep West", "CBS"]) == [
        "CBS", "PDOK", "Sleutelstad", "Omroep West"
    ]  # fmt: skip


def test_an_unrecorded_publisher_is_no_credit():
    publishers = ["CBS, PDOK", "Uitgever niet vastgelegd", "Caribische nieuwssite (naam niet vastgelegd)",
                  "niet vastgelegd", "", None, "Samenwerkingsmonitor (fictief)"]  # fmt: skip
    assert credited(publishers) == ["CBS", "PDOK", "Samenwerkingsmonitor (fictief)"]
    assert not recorded("Uitgever niet vastgelegd") and recorded("Omroep West")


def test_a_source_entry_leaves_out_what_is_not_known():
    assert entry("Convenant (nieuwsbericht)", "Uitgever niet vastgelegd", "20-07-2017") == (
        "Convenant (nieuwsbericht) (20-07-2017)"
    )
    assert entry("Deal (nieuwsbericht)", "Omroep West") == "Deal (nieuwsbericht) (Omroep West)"
    assert (
        entry("Twinning (nieuwsbericht)", "Uitgever niet vastgelegd") == "Twinning (nieuwsbericht)"
    )
