"""The facts of the accessibility statement: the standard, how and when it was tested, and the
deployment's contact for reporting a problem, as safe Markdown."""

from __future__ import annotations

import re
from datetime import date

# Besluit digitale toegankelijkheid overheid: EN 301 549, which points to WCAG 2.1 level AA.
STANDARD = "EN 301 549 / WCAG 2.1 AA"
# The axe-core the browser tests run (tests/e2e/node/package-lock.json; a test keeps them equal).
AXE_CORE_VERSION = "4.14.1"
# The day the automated checks below were last extended and run in full: update with them.
TESTED_ON = date(2026, 11, 29)
# Page states axe-core checks in tests/e2e/test_accessibility.py (a test keeps this a floor).
STATES_TESTED = 52

_EMAIL = re.compile(r"^[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[a-zA-Z]{2,}$")
_WEB = re.compile(r"^https?://[^\s<>()\[\]]+$")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def contact_markdown(contact: str | None) -> str | None:
    """A contact setting as Markdown: an e-mail address or web address becomes a link, anything
    else (a phone number, a name) is shown as plain text; None when nothing is set."""
    if not contact or not contact.strip():
        return None
    text = contact.strip()
    shown = _MARKDOWN.sub(r"\\\1", text)
    if _EMAIL.match(text):
        return f"[{shown}](mailto:{text})"
    if _WEB.match(text):
        return f"[{shown}]({text})"
    return shown
