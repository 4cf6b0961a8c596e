"""A deck of slides as an editable PowerPoint file (.pptx): a pure function of content that the
pages already show, as the briefing's PDF is (reports.briefing_pdf).

Charts that PowerPoint can draw itself (bars, clustered bars, lines) go in as native chart
objects with their data inside, so that a policy officer can restyle them and read the numbers in
PowerPoint's data sheet. A hidden count is an empty cell there: the content holds None for it, never
the count. Gauges and maps go in as the pictures the PDF prints, each with its description (alt
text). Every slide carries the source and the data date in its footer, the 'fictieve
voorbeelddata' notice where it shows trajectory figures that are invented, and the sentence the page
shows under its chart in the speaker notes."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

# 16:9, the size of PowerPoint's own widescreen template.
WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13.333 by 7.5 inches
MARGIN = Inches(0.5)
# The monitor's type and colours (.streamlit/config.toml): near-black text on white, the blue of
# its buttons and links, and the grey of its borders. Source Sans is Streamlit's letter; a client
# without it substitutes its own sans-serif.
FONT = "Source Sans Pro"
TEXT = RGBColor(0x0B, 0x0C, 0x0C)
MUTED = RGBColor(0x3E, 0x47, 0x51)  # 9.6:1 on white, for footers and captions
BLUE = RGBColor(0x00, 0x72, 0xB2)
LINE = RGBColor(0xCB, 0xD2, 0xD9)
NOTICE = RGBColor(0xFF, 0xF4, 0xD6)
# The Okabe-Ito colours the monitor's charts use, in order: distinct for colour-blind readers.
SERIES = ("0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442", "000000")
KINDS = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,  # horizontal bars: the funnel's stages top to bottom
    "clustered": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


@dataclass(frozen=True)
class DeckChart:
    """A native chart: categories, and per series its values (None: hidden, an empty cell)."""

    kind: str  # a key of KINDS
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    number_format: str = "#,##0"  # '0%' for shares stored as fractions
    description: str = ""  # alt text: what the chart shows


@dataclass(frozen=True)
class Picture:
    png: bytes
    description: str  # alt text, as PowerPoint's accessibility checker asks
    caption: str = ""  # a line under the picture (the gauge's status and progress)


@dataclass(frozen=True)
class DeckSlide:
    title: str
    lines: tuple[str, ...] = ()  # short paragraphs under the title (facts, sentences)
    tiles: tuple[tuple[str, str], ...] = ()  # (label, value as the page shows it)
    charts: tuple[DeckChart, ...] = ()
    pictures: tuple[Picture, ...] = ()
    closing: str = ""  # the slide's one big sentence at the bottom
    notes: str = ""  # the speaker notes: what the page says under its charts
    trajectories: bool = True  # shows trajectory figures: carries the notice while invented
    notice: str | None = None  # this slide's own notice (its programmes); None: the deck's
    subtitle: str = ""  # only on a title slide: under the big title


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[DeckSlide, ...]
    footer: str  # 'Bron: ... · Stand per dd-mm-jjjj'
    notice: str = ""  # 'Fictieve voorbeelddata', or '' for real data
    language: str = "nl"


def _text(frame, text: str, size: float, bold: bool = False, colour: RGBColor = TEXT,
          align=PP_ALIGN.LEFT, language: str = "nl-NL") -> None:  # fmt: skip
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    _font(run, size, bold, colour, language)


def _font(run, size: float, bold: bool = False, colour: RGBColor = TEXT,
          language: str = "nl-NL") -> None:  # fmt: skip
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    # The run's language, for the spelling checker and for screen readers' pronunciation.
    run.font._rPr.set("lang", language)


def _box(slide, left, top, width, height, text: str, size: float, **kwargs):
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = Inches(0.05)
    _text(frame, text, size, **kwargs)
    return shape


# An estimate of how text wraps, for laying out a slide before any client measures it: the
# average letter is taken 0.58 of its size wide (DejaVu Sans, which LibreOffice puts in for a
# missing Source Sans, is about that wide; Source Sans and Calibri are narrower), a line 1.2
# times its size high.
LETTER = 0.58


def _height(lines: tuple[str, ...], size: float, width: int, gap: float = 6) -> int:
    per_line = max(1, int(Emu(width).inches * 72 / (size * LETTER)))
    count = sum(-(-max(1, len(line)) // per_line) for line in lines)
    return int(Pt(count * size * 1.2 + gap * len(lines)))


def _fitting(lines: tuple[str, ...], width: int, room: int, largest: float = 18) -> float:
    """The largest size from `largest` down to 12 pt at which the lines fit `room`."""
    size = largest
    while size > 12 and _height(lines, size, width) > room:
        size -= 1
    return size


def _lines(slide, left, top, width, lines: tuple[str, ...], size: float, language: str) -> int:
    """Paragraphs from `top`; returns their estimated height."""
    height = _height(lines, size, width)
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = Inches(0.05)
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        run = paragraph.add_run()
        run.text = line
        _font(run, size, language=language)
    return height


def _describe(shape, description: str) -> None:
    """The shape's alt text (cNvPr/@descr), which screen readers and PowerPoint's checker read."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", description)


TILE_HEIGHT = Inches(1.25)
TILE_GAP = Inches(0.2)


def _per_row(count: int, width: int) -> int:
    return 2 if count == 4 and width < Inches(8) else count


def _tiles_height(count: int, width: int) -> int:
    rows = -(-count // _per_row(count, width))
    return rows * TILE_HEIGHT + (rows - 1) * TILE_GAP


def _tiles(slide, left, top, width, tiles: tuple[tuple[str, str], ...], language: str) -> int:
    """Headline numbers in bordered boxes: one row, or two rows of two when four share a narrow
    column. Returns the height used."""
    gap = TILE_GAP
    per_row = _per_row(len(tiles), width)
    tile_width = int((width - gap * (per_row - 1)) / per_row)
    for i, (label, value) in enumerate(tiles):
        x = left + (i % per_row) * (tile_width + gap)
        y = top + (i // per_row) * (TILE_HEIGHT + gap)
        box = slide.shapes.add_textbox(x, y, tile_width, TILE_HEIGHT)
        box.line.color.rgb = LINE
        box.line.width = Pt(1)
        frame = box.text_frame
        frame.margin_left = frame.margin_right = Inches(0.12)
        _text(frame, label, 16, language=language)
        run = frame.add_paragraph().add_run()
        run.text = value
        _font(run, 36, bold=True, language=language)
    return _tiles_height(len(tiles), width)


def _chart(slide, left, top, width, height, c: DeckChart) -> None:
    data = CategoryChartData(number_format=c.number_format)
    data.categories = list(c.categories)
    for name, values in c.series:
        data.add_series(name, list(values))
    frame = slide.shapes.add_chart(KINDS[c.kind], left, top, width, height, data)
    _describe(frame, c.description or c.title)
    chart = frame.chart
    chart.font.size, chart.font.name = Pt(16), FONT
    chart.has_title = True
    chart.chart_title.text_frame.text = c.title
    title = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title.size, title.bold = Pt(18), True
    chart.has_legend = len(c.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    if c.kind != "line":
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = c.number_format, False
        labels.font.size = Pt(14)
        plot.gap_width = 60
    for i, series in enumerate(plot.series):
        colour = RGBColor.from_string(SERIES[i % len(SERIES)])
        if c.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(3)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if c.kind == "bar":
        # Bars read top to bottom in the order of the categories, as the funnel on the page.
        chart.category_axis.reverse_order = True
    chart.value_axis.tick_labels.number_format = c.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = LINE


def _picture(slide, left, top, width, height, p: Picture, language: str) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(p.png)) as image:
        ratio = image.height / image.width
    caption = _height((p.caption,), 14, width, gap=0) if p.caption else 0
    w = int(min(width, (height - caption) / ratio))
    h = int(w * ratio)
    shape = slide.shapes.add_picture(io.BytesIO(p.png), left + (width - w) // 2, top, w, h)
    _describe(shape, p.description)
    if p.caption:
        _box(slide, left, top + h, width, caption, p.caption, 14, align=PP_ALIGN.CENTER,
             language=language)  # fmt: skip


def _footer(slide, deck: Deck, s: DeckSlide, language: str) -> None:
    top = HEIGHT - Inches(0.5)
    text = deck.footer
    notice = deck.notice if s.notice is None else s.notice
    if notice and s.trajectories:
        text = f"{notice} · {text}"
    _box(slide, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.45), text, 10, colour=MUTED,
         language=language)  # fmt: skip


def _title(slide, top, text: str, size: float, language: str) -> int:
    """The slide's title in its title placeholder, so that PowerPoint's outline, its accessibility
    checker and screen readers find it. Returns where the title ends."""
    width = WIDTH - 2 * MARGIN
    while size > 24 and _height((text,), size, width, gap=0) > Pt(size * 1.2):
        size -= 2  # one line when it can be
    height = _height((text,), size, width, gap=0) + Inches(0.1)
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, top, width, height
    frame = title.text_frame
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = Inches(0.05)
    _text(frame, text, size, bold=True, language=language)
    return top + height


def _title_slide(slide, s: DeckSlide, language: str) -> None:
    below = _title(slide, Inches(2.3), s.title, 40, language)
    _box(slide, MARGIN, below + Inches(0.2), WIDTH - 2 * MARGIN, Inches(0.8), s.subtitle, 22,
         language=language)  # fmt: skip
    if s.lines:
        _lines(slide, MARGIN, below + Inches(1.2), WIDTH - 2 * MARGIN, s.lines, 16, language)


BOTTOM = HEIGHT - Inches(0.6)  # above the footer
GAP = Inches(0.3)


def _content_slide(slide, s: DeckSlide, language: str) -> None:
    top = _title(slide, Inches(0.3), s.title, 32, language) + Inches(0.1)
    closing = _height((s.closing,), 24, WIDTH - 2 * MARGIN, gap=0) if s.closing else 0
    bottom = BOTTOM - closing - (Inches(0.15) if s.closing else 0)
    full = WIDTH - 2 * MARGIN
    # Text and numbers at the left, pictures at the right, when a slide has both: a map or a
    # gauge then keeps the slide's full height.
    side = bool(s.pictures) and not s.charts and bool(s.tiles or len(s.lines) > 1)
    column = int(full * 0.5) if side else full
    y = top
    if s.lines:
        room = (
            bottom
            - y
            - (_tiles_height(len(s.tiles), column) + Inches(0.4) if s.tiles else Inches(0.2))
        )
        room = room if side or not (s.charts or s.pictures) else min(room, Inches(2))
        y += _lines(slide, MARGIN, y, column, s.lines, _fitting(s.lines, column, room),
                    language) + Inches(0.1)  # fmt: skip
    if s.tiles:
        y += _tiles(slide, MARGIN, y, column, s.tiles, language) + Inches(0.2)
    shapes = [*s.charts, *s.pictures]
    if side:
        left, area_top, width = MARGIN + column + GAP, top, full - column - GAP
        height = int((bottom - area_top - GAP * (len(shapes) - 1)) / len(shapes))
        for i, p in enumerate(shapes):
            _picture(slide, left, area_top + i * (height + GAP), width, height, p, language)
    elif shapes:
        width = int((full - GAP * (len(shapes) - 1)) / len(shapes))
        for i, shape in enumerate(shapes):
            left = MARGIN + i * (width + GAP)
            if isinstance(shape, DeckChart):
                _chart(slide, left, y, width, bottom - y, shape)
            else:
                _picture(slide, left, y, width, bottom - y, shape, language)
    if s.closing:
        _box(slide, MARGIN, BOTTOM - closing, full, closing, s.closing, 24, bold=True,
             language=language)  # fmt: skip


def deck_pptx(deck: Deck) -> bytes:
    """The deck as .pptx bytes: 16:9, one slide per DeckSlide, the first a title slide when it
    has a subtitle."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = deck.title
    prs.core_properties.author = "Samenwerkingsmonitor"
    prs.core_properties.language = "nl-NL" if deck.language == "nl" else "en-GB"
    title_only = prs.slide_layouts[5]
    language = "nl-NL" if deck.language == "nl" else "en-GB"
    for s in deck.slides:
        slide = prs.slides.add_slide(title_only)
        if s.subtitle:
            _title_slide(slide, s, language)
        else:
            _content_slide(slide, s, language)
        _footer(slide, deck, s, language)
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
