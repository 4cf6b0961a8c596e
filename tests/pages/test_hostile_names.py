"""Names are data: a partnership, programme, organisation or source named like a Markdown link,
an HTML link or a spreadsheet formula appears as those characters on every page, in both
languages, and never as a link, on the screen or in a chart, a map's tooltip or a download.

The pages run in AppTest on a copy of the sample database whose names carry a hostile tail. What
Streamlit renders as Markdown is rendered here by markdown-it-py (CommonMark with GitHub's
autolinks), a parser the monitor does not use itself; what it shows as HTML is parsed as HTML."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from datetime import date
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from markdown_it import MarkdownIt

from components.shell import layout
from domain.export import CSV_FIELDS, FORMULA_STARTS, safe_csv, safe_xlsx
from tests.pages.apptest import map_specs, open_page

MD_LINK = "[klik](https://voorbeeld.nl/md)"
HTML_LINK = '<a href="https://voorbeeld.nl/html">klik</a>'
FORMULA = '=HYPERLINK("https://voorbeeld.nl/f";"klik")'
STREAMLIT = ":red[rood] **vet** $x^2$ _schuin_"
TAIL = f"{MD_LINK} {HTML_LINK} {STREAMLIT}"
TAILS = (MD_LINK, HTML_LINK, FORMULA, STREAMLIT)
MARK = "voorbeeld.nl"

PAGES = [
    ("pages/overzicht.py", {"jaar": "2026"}),
    ("pages/overzicht.py", {"jaar": "2026", "samenwerking": "HOLLAND-RIJNLAND"}),
    ("pages/kaart.py", {"jaar": "2026"}),
    ("pages/trajecten.py", {"samenwerking": "HOLLAND-RIJNLAND", "jaar": "2025"}),
    (
        "pages/trajecten.py",
        {"samenwerking": "HOLLAND-RIJNLAND", "jaar": "2025", "vergelijk": "aanbieder"},
    ),
    ("pages/trajecten.py", {"jaar": "2025", "vergelijk": "programma"}),
    ("pages/doelen.py", {"jaar": "2026"}),
    ("pages/gemeente.py", {"gemeente": "GM0546", "jaar": "2026"}),
    ("pages/briefing.py", {"jaar": "2026"}),
    ("pages/briefing.py", {"jaar": "2026", "samenwerking": "BONAIRE-LEIDEN"}),
    ("pages/over_de_data.py", {}),
    *[("pages/presentatie.py", {"jaar": "2026", "dia": str(n)}) for n in range(1, 8)],
]

# CommonMark, tables, strikethrough and bare-URL links; raw HTML as text, as Streamlit shows it
_markdown = MarkdownIt("gfm-like", {"html": False})


@pytest.fixture(autouse=True)
def _sample_database():
    """Not the shared sample database of the other page tests (on both dialects): names are
    not a matter of the dialect, and this module reads its own copy."""
    yield


@pytest.fixture(scope="module")
def hostile_url(sqlite_seeded, tmp_path_factory) -> str:
    """A copy of the sample database in which every name a coordinator can type ends in a
    Markdown link, an HTML link and Streamlit's own Markdown, and one programme's name begins
    with a spreadsheet formula."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.sqlite"
    shutil.copy(sqlite_seeded, path)
    with sqlite3.connect(path) as db:
        db.execute("update partnership set name = name || ' ' || ?, description = ?", (TAIL, TAIL))
        db.execute("update programme set name = name || ' ' || ?, description = ?, "
                   "target_group = ?", (TAIL, TAIL, TAIL))  # fmt: skip
        # A name that is a formula from its first character, as a spreadsheet would read it.
        db.execute("update programme set name = ? || ' ' || name where code = 'HR-INKOOP'",
                   (FORMULA,))  # fmt: skip
        db.execute("update organisation set name = name || ' ' || id || ' ' || ? "
                   "where kind != 'gemeente'", (TAIL,))  # fmt: skip
        db.execute("update source set title = title || ' ' || ?, publisher = ?", (TAIL, TAIL))
    return f"sqlite:///{path}"


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_data(self, data):
        self.text.append(data)


def _parsed(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    return parser


def _markdown_texts(at) -> list[tuple[str, str]]:
    """(where, text) for every text of the page that Streamlit renders as Markdown."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is not None:
            if kind in ("markdown", "caption", "alert", "info", "warning", "error", "success",
                        "title", "header", "subheader", "exception") and hasattr(proto, "body"):  # fmt: skip
                found.append((kind, proto.body))
            for field in ("label", "help"):
                value = getattr(proto, field, None)
                if isinstance(value, str) and value:
                    found.append((f"{kind}.{field}", value))
            if kind in ("radio", "pills", "segmented_control"):
                found.extend((f"{kind}.option", o) for o in getattr(proto, "options", []))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("page", "params"), PAGES,
                         ids=[f"{p.split('/')[1][:-3]}-{'-'.join(q.values())}" for p, q in PAGES])  # fmt: skip
def test_hostile_names_are_shown_as_their_characters(monkeypatch, hostile_url, page, params,
                                                     language):  # fmt: skip
    monkeypatch.setenv("DATABASE_URL", hostile_url)
    downloads = []
    one, both = layout.table_download, layout.table_downloads
    monkeypatch.setattr(layout, "table_download",
                        lambda df, *a, **k: (downloads.append(df), one(df, *a, **k))[1])  # fmt: skip
    monkeypatch.setattr(layout, "table_downloads",
                        lambda df, *a, **k: (downloads.append(df), both(df, *a, **k))[1])  # fmt: skip
    at = open_page(page, **params, **({"taal": language} if language == "en" else {}))
    assert not at.exception, at.exception
    shown = 0

    for where, text in _markdown_texts(at):
        if MARK not in text and ":red[" not in text:
            continue
        rendered = _parsed(_markdown.render(text))
        assert not [h for h in rendered.links if MARK in h], (where, text)
        assert ":red[" not in text.replace("\\:red\\[", ""), (where, text)  # Streamlit's colours
        words = "".join(rendered.text)
        for tail in TAILS:
            if tail in text.replace("\\", ""):
                assert tail in words, (where, tail, text)
                shown += 1

    for element in at.get("html"):
        html = _parsed(element.proto.body)
        assert not [h for h in html.links if MARK in h], element.proto.body
        shown += sum(tail in "".join(html.text) for tail in TAILS)

    for chart in at.get("plotly_chart"):
        for text in _strings(json.loads(chart.proto.spec)):
            # Plotly draws <a href>, <b> and <br> in its texts: a name's tags must be entities.
            assert '<a href="https://voorbeeld' not in text, text

    for spec in map_specs(at):
        for text in _strings(spec):
            # The tooltip is HTML: a name's tags must be entities there.
            assert '<a href="https://voorbeeld' not in text, text

    for table in downloads:
        for value in table.astype(str).to_numpy().ravel():
            # The download holds the name as it is, not escaped for a screen.
            if MARK in value:
                assert any(tail in value for tail in TAILS), value
                shown += 1
        # ...and as text that a spreadsheet does not run: a formula name gets a leading quote.
        read = pd.read_csv(io.BytesIO(safe_csv(table, language)), sep=CSV_FIELDS[language],
                           dtype=str, keep_default_na=False, encoding="utf-8-sig")  # fmt: skip
        cells = [*read.columns, *read.to_numpy().ravel()]
        assert not [c for c in cells if MARK in str(c) and str(c).startswith(FORMULA_STARTS)], cells
        book = openpyxl.load_workbook(io.BytesIO(safe_xlsx(table, "Tabel")))
        for row in book.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)

    if page != "pages/over_de_data.py":
        assert shown, f"{page}: no hostile name was seen, so nothing was checked"


def _deck_texts(blob: bytes) -> tuple[str, list[str]]:
    """All text of a deck (slides and notes) and the addresses of its hyperlinks."""
    from pptx import Presentation

    texts, links = [], []
    deck = Presentation(io.BytesIO(blob))
    for slide in deck.slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                texts.append("".join(run.text for run in paragraph.runs))
                links += [run.hyperlink.address for run in paragraph.runs if run.hyperlink.address]
    return "\n".join(texts), links


def test_hostile_names_are_plain_text_in_the_pdf_and_the_decks(monkeypatch, hostile_url):
    from pypdf import PdfReader

    from components.shell import filters
    from components.views import briefing, decks
    from tests.pages import apptest

    monkeypatch.setenv("DATABASE_URL", hostile_url)
    apptest.caches_for_this_environment()
    today = date.today()
    chosen = filters.Selection(2026, partnership="HOLLAND-RIJNLAND")
    view = briefing.shared(chosen, today)
    pdf = PdfReader(io.BytesIO(briefing.pdf(view)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert TAIL in text  # the partnership's name, as its characters
    assert "\\[" not in text and "\\<" not in text  # no Markdown escapes left in a document
    annotations = [a.get_object() for page in pdf.pages for a in page.get("/Annots") or []]
    assert not [a for a in annotations if MARK in str(a.get("/A", ""))]

    for draft in (
        decks.shared_briefing(chosen, today),
        decks.shared_presentation(2026, None, today),
    ):
        words, links = _deck_texts(decks.pptx(draft, pictures=False))
        assert TAIL in words
        assert "\\[" not in words and "\\<" not in words
        assert not [link for link in links if MARK in link]
