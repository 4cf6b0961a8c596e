"""Data as text that is shown as it is: a name, a title or a file name that a coordinator typed
(or that a file brought) is data, never markup.

Streamlit renders Markdown in st.markdown, captions, alerts, headers, labels and radio options;
Plotly renders a few HTML tags in its texts; the map's tooltip is HTML. A name such as
`[klik](https://…)`, `<a href=…>` or `=HYPERLINK("https://…";…)` must appear as those characters
there, not as a link. The pages put data into such texts only through these functions."""

from __future__ import annotations

import html
import re

# CommonMark: a backslash before an ASCII punctuation character shows that character literally.
# Escaped everywhere: what can begin a link or image ([…]), emphasis (* _ ~), code (`), an HTML
# tag or entity (< > &), a Streamlit colour or icon (:red[…], :material/…:), a formula ($…$) or
# an autolink (https://, a@b.nl, www.); a colon only before a character, so that "Bron: CBS"
# keeps its own. Left alone, so that numbers, dates and sentences read as
# in their source: . , - + ( ) / % and the rest, which form nothing without the others; at the
# start of the text, where they would begin a list or a heading, they are escaped too.
_INLINE = re.compile(r"([\\`*_\[\]<>~$&@]|:(?=\S))")
_LINE_START = re.compile(r"^([-+#])|^(\d+)([.)])(?=\s|$)")
_WWW = re.compile(r"(?i)\b(www)\.")
# A dot after any character but a space or ASCII punctuation and before a letter, as in a domain
# name ("voorbeeld.nl", "0.AC"): a renderer that links bare domains (linkify's fuzzy links) would
# make it a link. Hypothesis found "0.AC" on 05-12; the escape shows as the dot it was.
_DOMAIN_DOT = re.compile(r"(?<=[^\s!-/:-@\[-`{-~])\.(?=[^\W\d_])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def one_line(text: object) -> str:
    """The text on one line: every run of white space (new lines too) as one space."""
    return " ".join(str(text).split())


def md(text: object) -> str:
    """`text` as Markdown that shows exactly its characters (on one line)."""
    escaped = _INLINE.sub(r"\\\1", one_line(text))
    escaped = _WWW.sub(r"\1\\.", escaped)
    escaped = _DOMAIN_DOT.sub(r"\\.", escaped)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def md_join(texts, separator: str = ", ") -> str:
    """Several data texts as Markdown, joined by a separator of the catalogue."""
    return separator.join(md(text) for text in texts)


def from_md(markdown: str) -> str:
    """The characters that Markdown escaped with `md` shows, for a PDF or a slide that does not
    render Markdown."""
    return _ESCAPED.sub(r"\1", markdown)


def markup(text: object) -> str:
    """`text` for Plotly's texts and the map's HTML tooltip: <, > and & as entities."""
    return html.escape(one_line(text), quote=False)
