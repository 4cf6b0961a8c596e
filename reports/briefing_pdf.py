"""The briefing as an A4 PDF: a pure function of the same computed content the page shows."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

# Bitstream Vera ships inside reportlab: the same letters (ë, é, –) on every machine.
FONT_DIR = Path(__import__("reportlab").__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "Vera", "VeraBd"
MARGIN = 16 * mm
TEXT = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
LINE = colors.HexColor("#cbd2d9")
WARN = colors.HexColor("#fff4d6")


@dataclass(frozen=True)
class Headline:
    label: str
    value: str  # already suppressed: '<10' for a small count
    change: str | None  # '+123 t.o.v. vorig jaar', or None when either count is small
    explanation: str


@dataclass(frozen=True)
class GaugeLine:
    name: str
    heading: str  # metric and period
    status: str  # in words, 'Op koers', with '(eindstand)' when the period is over
    progress: str
    forecast: str
    icon: str = ""  # the status as a shape, for the screen (the PDF font has no such glyphs)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    png: bytes = b""


@dataclass(frozen=True)
class BriefingContent:
    """Everything the briefing says, as display strings: the page and the PDF read this."""

    title: str
    intro: str
    headlines: tuple[Headline, ...]
    comparison: str
    placements: str
    gauges: tuple[GaugeLine, ...]
    funnel: tuple[tuple[str, str, str], ...]  # stage, shown count, % of previous stage
    funnel_note: str
    partners: tuple[tuple[str, str], ...]  # partnership, its partners
    sources: tuple[str, ...]
    source_line: str  # the footer's 'Bron: ...'
    stand_per: str  # dd-mm-jjjj, or '' when unknown
    made_on: str  # dd-mm-jjjj
    fictional: bool
    texts: dict[str, str] = field(default_factory=dict)  # headings and footer words, from nl.toml
    charts: tuple[Chart, ...] = ()
    placement_time: str = ""  # one sentence comparing providers on time to placement, or ''
    # One CBS context line per partnership (real figures: inhabitants, bijstand, year, source).
    context: tuple[str, ...] = ()
    # Said instead of the headline numbers when the subject has no trajectories (a region, a
    # municipality in no partnership, a year without any).
    no_trajectories: str = ""
    # For every case together: the programmes of one municipality that the totals also count.
    own_programmes: str = ""
    map_caption: str = ""  # what the partner map's rings and grey lines mean


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "VeraBd.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=TEXT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),  # fmt: skip
        "value": ParagraphStyle("value", parent=base, fontName=FONT_BOLD, fontSize=18, leading=22),
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD),
        "warn": ParagraphStyle("warn", parent=base, backColor=WARN, borderPadding=4),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _image(png: bytes, width: float) -> Image:
    img = Image(io.BytesIO(png))
    img.drawHeight = img.drawHeight * width / img.drawWidth
    img.drawWidth = width
    return img


def _headline_table(c: BriefingContent, s, width: float) -> Table:
    cells = []
    for h in c.headlines:
        cells.append(
            [
                _p(h.label, s["bold"]),
                _p(h.value, s["value"]),
                _p(h.change or "", s["small"]),
                _p(h.explanation, s["small"]),
            ]  # fmt: skip
        )
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(
        TableStyle([("BOX", (0, 0), (-1, -1), 0.5, LINE), ("INNERGRID", (0, 0), (-1, -1), 0.5, LINE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5)])
    )  # fmt: skip
    return table


def _grid(rows: list[list], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.8, TEXT), ("LINEBELOW", (0, 1), (-1, -1), 0.3, LINE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )  # fmt: skip
    return table


def _footer(c: BriefingContent):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        left = f"{c.texts['gemaakt_op']} {c.made_on} · {c.texts['stand_per']} {c.stand_per or '–'}"
        canvas.drawString(MARGIN, 10 * mm, left)
        right = f"{c.texts['pagina']} {doc.page}"
        if c.fictional:
            right = f"{c.texts['fictief_kort']} · {right}"
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, right)
        source = c.source_line
        while pdfmetrics.stringWidth(source, FONT, 7.5) > A4[0] - 2 * MARGIN:
            source = source[:-2].rstrip() + "…"
        canvas.drawString(MARGIN, 6.5 * mm, source)
        canvas.restoreState()

    return draw


def briefing_pdf(c: BriefingContent) -> bytes:
    """An A4 PDF of the briefing: headline numbers first, then targets, funnel, partners, sources.
    Every page carries the date made, the source and the 'stand per' in its footer."""
    _fonts()
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=20 * mm, title=c.title, author="Samenwerkingsmonitor",
    )  # fmt: skip
    width = doc.width
    charts = {chart.key: chart for chart in c.charts}
    story: list = [_p(c.title, s["title"]), _p(c.intro, s["small"]), Spacer(1, 4)]
    if c.fictional:
        story += [_p(c.texts["fictief"], s["warn"]), Spacer(1, 6)]
    if c.no_trajectories:
        story += [_p(c.no_trajectories, s["body"])]
    else:
        story += [_headline_table(c, s, width), Spacer(1, 3), _p(c.comparison, s["small"]),
                  _p(c.placements, s["small"])]  # fmt: skip
        if c.own_programmes:
            story.append(_p(c.own_programmes, s["small"]))
    if c.context:
        story += [_p(c.texts.get("context_kop", ""), s["h2"]),
                  _p(c.texts.get("context_uitleg", ""), s["small"])]  # fmt: skip
        story += [_p(f"• {line}", s["body"]) for line in c.context]

    story.append(_p(c.texts["doelen_kop"], s["h2"]))
    if not c.gauges:
        story.append(_p(c.texts["geen_doelen"], s["body"]))
    for i, g in enumerate(c.gauges):
        text = [_p(g.name, s["bold"]), _p(g.heading, s["small"]), _p(g.status, s["bold"]),
                _p(g.progress, s["body"]), _p(g.forecast, s["body"])]  # fmt: skip
        chart = charts.get(f"meter_{i}")
        row = [_image(chart.png, width * 0.3) if chart and chart.png else "", text]
        table = Table([row], colWidths=[width * 0.32, width * 0.68])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(KeepTogether(table))

    # The funnel's heading and note stay on the page of its table and chart: a heading at the
    # foot of page 1 with its funnel on page 2 reads as a section without content.
    funnel_part = [_p(c.texts["trechter_kop"], s["h2"]), _p(c.funnel_note, s["small"])]
    funnel = charts.get("trechter")
    rows = [[_p(h, s["bold"]) for h in c.texts["trechter_kolommen"].split("|")]]
    rows += [[_p(a, s["body"]), _p(b, s["body"]), _p(d, s["body"])] for a, b, d in c.funnel]
    table = _grid(rows, [width * 0.2, width * 0.12, width * 0.16])
    if not c.funnel:
        pass  # the note says there is nothing to follow; a table of headers says nothing
    elif funnel and funnel.png:
        funnel_part.append(
            Table([[table, _image(funnel.png, width * 0.5)]], colWidths=[width * 0.5, width * 0.5],
                  style=[("VALIGN", (0, 0), (-1, -1), "TOP")])
        )  # fmt: skip
    else:
        funnel_part.append(table)
    story.append(KeepTogether(funnel_part))
    if c.placement_time:
        story += [Spacer(1, 4), _p(c.placement_time, s["body"])]

    heading = _p(c.texts["partners_kop"], s["h2"])
    rows = [[_p(a, s["bold"]), _p(b, s["body"])] for a, b in c.partners]
    # The partnership's column is as wide as its longest word needs (Werkgeversservicepunt
    # broke inside the word at a fifth of the width), between a fifth and 0.3 of the width.
    longest = max((pdfmetrics.stringWidth(word, FONT_BOLD, s["bold"].fontSize) for name, _ in c.partners
                   for word in name.split()), default=0.0)  # fmt: skip
    first = min(max(width * 0.2, longest + 13), width * 0.3)
    partner_table = _grid([[_p(c.texts["samenwerking"], s["bold"]), _p(c.texts["partners"], s["bold"])], *rows],
                          [first, width * 0.54 - first])  # fmt: skip
    kaart = charts.get("kaart")
    if not c.partners:
        pass  # in no partnership: the opening sentence says so
    elif kaart and kaart.png:
        picture = [_image(kaart.png, width * 0.42), _p(c.map_caption, s["small"])]
        story.append(
            KeepTogether([heading, Table([[partner_table, picture]],
                               colWidths=[width * 0.56, width * 0.44],
                               style=[("VALIGN", (0, 0), (-1, -1), "TOP")])])
        )  # fmt: skip
    else:
        story.append(KeepTogether([heading, partner_table]))

    sources = [_p(f"• {line}", s["small"]) for line in c.sources]
    # The heading goes to the next page with its first lines, never alone at the foot.
    story.append(KeepTogether([_p(c.texts["bronnen_kop"], s["h2"]), *sources[:3]]))
    story += sources[3:]
    doc.build(story, onFirstPage=_footer(c), onLaterPages=_footer(c))
    return buffer.getvalue()
