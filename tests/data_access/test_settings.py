"""Deployment settings: the accessibility contact comes from the environment, and is None unset."""

from data_access.settings import load_settings


def test_accessibility_contact_is_read_from_the_environment_and_trimmed():
    settings = load_settings({"A11Y_CONTACT": "  toegankelijkheid@gemeente.nl "})
    assert settings.a11y_contact == "toegankelijkheid@gemeente.nl"


def test_accessibility_contact_is_none_when_unset_or_blank():
    assert load_settings({}).a11y_contact is None
    assert load_settings({"A11Y_CONTACT": "   "}).a11y_contact is None
