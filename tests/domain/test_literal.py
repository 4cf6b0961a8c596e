"""domain.literal: data in Markdown shows exactly its characters. Checked against markdown-it-py
(CommonMark with GitHub's tables, strikethrough and autolinks), a parser the monitor does not use
itself, for any text hypothesis makes up; Streamlit's own additions (colours, icons, formulas)
are checked by their characters."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from domain.literal import from_md, markup, md, one_line

# Raw HTML as text, as Streamlit shows Markdown without unsafe_allow_html.
_markdown = MarkdownIt("gfm-like", {"html": False})

# Texts rich in what Markdown reads as markup, and in what data holds: letters, digits, accents.
MARKUP = "\\`*_{}[]()<>#+-.!|~$:&@=;\"'/%, \n\t"
# Control characters aside: CommonMark replaces NUL, and names hold none.
texts = st.text(
    alphabet=st.sampled_from(MARKUP)
    | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    max_size=40,
)


def _rendered(markdown: str) -> str:
    out = _markdown.render(markdown).strip()
    if not out:
        return ""
    assert out.startswith("<p>") and out.endswith("</p>"), out  # one paragraph, nothing else
    inner = out[3:-4]
    assert "<" not in inner, out  # no link, emphasis, code, strikethrough or image
    return html.unescape(inner)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_any_text_renders_as_its_own_characters(text):
    assert _rendered(md(text)) == one_line(text)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_documents_get_the_characters_back(text):
    assert from_md(md(text)) == one_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "[klik](https://voorbeeld.nl)",
        '<a href="https://voorbeeld.nl">klik</a>',
        '=HYPERLINK("https://voorbeeld.nl";"klik")',
        "https://voorbeeld.nl",
        "www.voorbeeld.nl",
        "voorbeeld.nl",
        "0.AC",  # a bare domain, as linkify's fuzzy links read it (found by hypothesis)
        "info@voorbeeld.nl",
        "# Kop",
        "- punt",
        "1. punt",
        "> citaat",
        "**vet** _schuin_ ~~weg~~ `code`",
    ],
)
def test_hostile_names_render_without_markup(text):
    assert _rendered(md(text)) == text


def test_streamlits_own_markdown_is_escaped():
    # Streamlit adds colours and icons (:red[…], :material/…:) and formulas ($…$) to Markdown;
    # a backslash before ':' and '$' shows them as they are.
    assert md(":red[rood] :material/warning: $x^2$") == (
        "\\:red\\[rood\\] \\:material/warning: \\$x^2\\$"
    )


def test_numbers_dates_and_sentences_keep_their_characters():
    sentence = "4.287 van 9.378 (45,7%) op 23-11-2026; werk/opleiding + 12."
    assert md(sentence) == sentence


def test_markup_for_plotly_and_tooltips():
    assert markup('<a href="x">A & B</a>') == '&lt;a href="x"&gt;A &amp; B&lt;/a&gt;'
