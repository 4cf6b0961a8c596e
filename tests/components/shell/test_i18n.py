"""The catalogues: Dutch and English hold the same keys with the same placeholders, none empty,
and t() speaks the language of the run."""

import string

import pytest

from components.shell.i18n import LANGUAGES, catalogue, t
from domain.formatting import use_language


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_in_every_catalogue():
    keys = {language: set(catalogue(language)) for language in LANGUAGES}
    for language in LANGUAGES:
        for other in LANGUAGES:
            missing = sorted(keys[language] - keys[other])
            assert missing == [], f"in {language}.toml but missing from {other}.toml: {missing}"


def test_placeholders_are_the_same_in_every_catalogue():
    dutch = catalogue("nl")
    for language in LANGUAGES:
        differ = [
            key
            for key, text in catalogue(language).items()
            if key in dutch and _placeholders(text) != _placeholders(dutch[key])
        ]
        assert differ == [], f"placeholders differ between nl.toml and {language}.toml: {differ}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_value_is_empty(language):
    empty = [key for key, text in catalogue(language).items() if not text.strip()]
    assert empty == []


def test_t_follows_the_language_of_the_run():
    assert t("overzicht.titel") == "Overzicht"
    with use_language("en"):
        assert t("overzicht.titel") == "Overview"
        assert t("overzicht.aangemeld", jaar=2026) == "Registered in 2026"
        assert t("overzicht.titel", "nl") == "Overzicht"  # an explicit language wins
    assert t("overzicht.titel") == "Overzicht"


def test_an_unknown_language_falls_back_to_dutch():
    with use_language("xx"):
        assert t("overzicht.titel") == "Overzicht"


def test_a_missing_key_names_the_catalogue():
    with use_language("en"), pytest.raises(KeyError, match="en.toml"):
        t("bestaat.niet")


def test_upload_problems_follow_the_language():
    from domain.upload import UploadRefused, read_table

    for language, expected in (("nl", "het bestand is leeg."), ("en", "the file is empty.")):
        with use_language(language), pytest.raises(UploadRefused) as refused:
            read_table("x.csv", b"")
        assert refused.value.problems[0].message == f"x.csv: {expected}"
