"""The house style: colour-blind-safe colours and Plotly defaults with the reader's number formats."""

from __future__ import annotations

import json
import textwrap

import plotly.graph_objects as go

from domain.formatting import plotly_separators

# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
TEXT = "#1f2933"
MUTED = "#52606d"
FONT = "Source Sans Pro, Arial, sans-serif"
# Static CSS, never data, on every page: every element reached with Tab shows a ring in the primary
# colour (5,2:1 on white); Streamlit's navigation links and charts show no focus of their own. And
# headline numbers, their labels and button texts wrap instead of being cut off with an ellipsis
# when text is enlarged to 200 % (WCAG 1.4.4; tests/e2e/test_beyond_axe.py). The day, month and
# year of a date field are targets of at least 24 by 24 px (WCAG 2.5.8; axe-core target-size).
# A headline tile's label flows as text with its help icon after the last word: as a flex row the
# icon took its own column, and five tiles at 1280 px broke the label inside a word
# ("Samenwerkinge / n"). Doelen's gauge cards (its container keyed "meters") fill a grid of as
# many columns of at least 23rem as fit: two on a laptop, where three left a card's table too
# narrow for its columns, three at 1920 px, one on a phone; in reading order, row by row.
FOCUS_CSS = """
<style>
a:focus-visible, button:focus-visible, [tabindex]:focus-visible, canvas:focus-visible,
summary:focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px; }
[data-testid='stMetric'] [data-testid='stMarkdownContainer'], [data-testid='stMetric'] p,
[data-testid='stMetricValue'], [data-testid='stMetricValue'] > div,
button [data-testid='stMarkdownContainer'], button [data-testid='stMarkdownContainer'] p {
  overflow: visible !important; text-overflow: clip !important; white-space: normal !important;
  overflow-wrap: break-word; }
[data-testid='stDateInput'] [role='spinbutton'] { display: inline-block; min-width: 24px;
  min-height: 24px; line-height: 24px; text-align: center; }
[data-testid='stMetricLabel'] { display: block !important; }
[data-testid='stMetricLabel'] > div, [data-testid='stMetricLabel'] > div > div,
[data-testid='stMetricLabel'] p { display: inline !important; }
[data-testid='stMetricLabel'] > span { display: inline-block !important; vertical-align: middle;
  margin-left: 0.25rem; }
.st-key-meters { display: grid !important; align-items: start;
  grid-template-columns: repeat(auto-fill, minmax(min(23rem, 100%), 1fr)); }
</style>
"""


def uploader_html(button: str, instructions: str) -> str:
    """Streamlit's file uploader in the interface language: its button says "Upload", its line
    "150MB per file" and its input's name is "file upload", in English whatever the app's
    language. The English text is taken out (display: none, so screen readers skip it too) and
    ours is shown in its place; a small script names the button and the input in our words for
    screen readers (axe-core does not take a CSS text as a name) and names them again whenever
    Streamlit draws the uploader anew. The two texts are the catalogue's, never data; they are
    escaped for CSS and for the script all the same."""

    def css_string(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    name = json.dumps(button).replace("</", "<\\/")
    return f"""
<style>
[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p {{
  display: none; }}
[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer']::after {{
  content: {css_string(button)}; }}
[data-testid='stFileUploaderDropzoneInstructions'] span {{ display: none; }}
[data-testid='stFileUploaderDropzoneInstructions'] > div::after {{
  content: {css_string(instructions)}; color: {MUTED}; font-size: 0.875rem; }}
</style>
<script>
(() => {{
  window.smUploaderName = {name};
  const apply = () => document.querySelectorAll("[data-testid='stFileUploaderDropzone']")
    .forEach(zone => zone.querySelectorAll("button, input[type='file']").forEach(el => {{
      if (el.getAttribute("aria-label") !== window.smUploaderName) {{
        el.setAttribute("aria-label", window.smUploaderName);
      }}
    }}));
  apply();
  if (!window.smUploaderWatch) {{
    window.smUploaderWatch = new MutationObserver(apply);
    window.smUploaderWatch.observe(document.body, {{ childList: true, subtree: true }});
  }}
}})();
</script>
"""


# Static CSS, never data: layout.plain_table's HTML tables, in the theme's text colour, with a
# light grid; a table wider than its column scrolls inside its own (focusable) box. A line break
# in a cell's text breaks the line, and a date (components/shell/html_table.py) stays whole.
TABLE_CSS = """
<style>
.sm-tabel { overflow-x: auto; max-width: 100%; margin: 0 0 1rem 0; }
.sm-tabel table { border-collapse: collapse; font-size: 0.875rem; line-height: 1.4; }
.sm-tabel th, .sm-tabel td { border: 1px solid #d5d4d2; padding: 0.25rem 0.5rem;
  text-align: left; vertical-align: top; white-space: pre-line; }
.sm-tabel .sm-datum { white-space: nowrap; }
.sm-tabel thead th { background: #f8f8f7; font-weight: 600; }
.sm-tabel tbody th { font-weight: 600; }
</style>
"""


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def rgb(hex_colour: str) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)]


# Text on a slide: 20 px reads from the back of a room on a projector at 1280 × 720.
ROOM_TEXT = 20


# A chart's title in lines of at most this many characters: Plotly does not wrap a title, and on
# a phone (390 px) 'Trechter van het cohort aangemeld 01-01-2026 t/m 31-12-2026' was cut after
# 48 characters.
TITLE_LINE = 44
TITLE_LINE_PX = 20  # the top margin grows by this for each further line


def house_layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    """The reader's separators (Dutch: decimal comma, thousands dot; English the other way round),
    readable fonts, no clutter; a long title wraps so that a phone shows it whole."""
    lines = textwrap.wrap(title, TITLE_LINE, break_long_words=False) if title else []
    fig.update_layout(
        separators=plotly_separators(),
        font={"family": FONT, "size": 14, "color": TEXT},
        title={"text": "<br>".join(lines), "x": 0, "xanchor": "left"} if title else None,
        margin={
            "l": 10,
            "r": 10,
            "b": 10,
            "t": 50 + TITLE_LINE_PX * (len(lines) - 1) if title else 10,
        },  # fmt: skip
        height=height + TITLE_LINE_PX * max(len(lines) - 1, 0),
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    # Streamlit's chart theme greys the axis labels to 3,7:1; these reach WCAG AA (6,5:1).
    axis = {"tickfont": {"color": MUTED}, "title": {"font": {"color": MUTED}}}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    return fig


def for_room(fig: go.Figure) -> go.Figure:
    """Text of a chart for a slide on a projector: ROOM_TEXT pixels for axes, ticks and legend
    (a chart's default is 12 to 14). Changes `fig`: call it on a figure of one's own."""
    fig.update_layout(font={"size": ROOM_TEXT}, legend={"font": {"size": ROOM_TEXT}})
    room = {"tickfont": {"size": ROOM_TEXT}, "title": {"font": {"size": ROOM_TEXT}}}
    fig.update_xaxes(**room)
    fig.update_yaxes(**room)
    return fig
