"""domain.origin: per programme what is invented and what is real."""

import pandas as pd

from domain.origin import origin


def frame(*rows):
    return pd.DataFrame(rows, columns=["programme_id", "programme_name", "total", "fictional"])


SAMPLE = frame((1, "Bonaire", 120, 120), (2, "Kop", 500, 500), (3, "Haag", 900, 900))
MIXED = frame((1, "Bonaire", 120, 0), (2, "Kop", 530, 500), (3, "Haag", 900, 900))


def test_the_sample_as_shipped_is_invented_everywhere():
    found = origin(SAMPLE)
    assert found.kind == "fictief" and found.everything_invented
    assert found.invented == ("Bonaire", "Kop", "Haag") and not found.real and not found.mixed


def test_after_real_imports_each_programme_is_invented_real_or_mixed():
    found = origin(MIXED)
    assert found.kind == "deels" and not found.everything_invented and found.has_invented
    assert (found.invented, found.mixed, found.real) == (("Haag",), ("Kop",), ("Bonaire",))


def test_a_scope_of_programmes_says_only_what_holds_for_them():
    assert origin(MIXED, programme_ids={1}).kind == "echt"
    assert not origin(MIXED, programme_ids={1}).has_invented
    only_haag = origin(MIXED, programme_ids={3})
    assert only_haag.kind == "fictief" and not only_haag.everything_invented
    assert origin(MIXED, programme_ids={2}).kind == "deels"
    assert origin(MIXED, programme_ids={1, 3}).kind == "deels"


def test_a_scope_counted_apart_is_judged_against_the_whole_database():
    # A municipality's own trajectories: here only invented ones, while elsewhere real ones exist.
    scoped = frame((3, "Haag", 40, 40))
    assert not origin(scoped, MIXED).everything_invented
    assert origin(scoped, SAMPLE).everything_invented


def test_programmes_without_trajectories_say_nothing():
    found = origin(frame((1, "Leeg", 0, 0)))
    assert found.kind == "leeg" and not found.has_invented
    assert origin(MIXED, programme_ids={99}).kind == "leeg"
