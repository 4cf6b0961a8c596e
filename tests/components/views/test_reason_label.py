"""Drop-out reasons as column headings: the field's common reasons in the interface language, any
other reason as the file wrote it."""

from components.views.trajecten_view import reason_label
from domain.formatting import use_language


def test_common_reasons_follow_the_language_and_others_stay_as_delivered():
    with use_language("en"):
        assert reason_label("gezondheid") == "Health"
        assert reason_label("terugval na plaatsing") == "Fell back after placement"
        assert reason_label(" Terugval  na plaatsing ") == "Fell back after placement"
        assert reason_label("schulden") == "Schulden"  # the coordinator's own word
    with use_language("nl"):
        assert reason_label("niet verschenen") == "Niet verschenen"
        assert reason_label("ander werk via eigen netwerk") == "Ander werk via eigen netwerk"
