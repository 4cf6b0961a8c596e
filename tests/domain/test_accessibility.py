"""The statement's facts: the axe-core version is the one the tests install, and a contact setting
becomes a safe link or plain text."""

import json
from pathlib import Path

from domain.accessibility import AXE_CORE_VERSION, contact_markdown

LOCK = Path(__file__).resolve().parents[1] / "e2e" / "node" / "package-lock.json"


def test_statement_names_the_axe_core_version_the_tests_install():
    lock = json.loads(LOCK.read_text())
    assert lock["packages"][""]["dependencies"]["axe-core"] == AXE_CORE_VERSION
    assert lock["packages"]["node_modules/axe-core"]["version"] == AXE_CORE_VERSION


def test_email_and_web_address_become_links():
    assert contact_markdown("a11y@leiden.nl") == r"[a11y@leiden\.nl](mailto:a11y@leiden.nl)"
    assert contact_markdown(" https://www.leiden.nl/toegankelijkheid ") == (
        r"[https://www\.leiden\.nl/toegankelijkheid](https://www.leiden.nl/toegankelijkheid)"
    )


def test_other_contacts_are_plain_text_with_markdown_escaped():
    assert (
        contact_markdown("071 516 5165 [javascript:x](y)") == r"071 516 5165 \[javascript:x\]\(y\)"
    )
    assert contact_markdown("javascript:alert(1)") == r"javascript:alert\(1\)"


def test_no_contact_is_none():
    assert contact_markdown(None) is None
    assert contact_markdown("  ") is None
