"""Presentatie on a projector: every slide fits the screen at 1280 × 720 and 1920 × 1080 without
scrolling, its text is large enough to read from the back of a room, and none of it is faded.

What must fit is the slide itself (pages/presentatie.py's container `dia`: the buttons, the
title and everything the audience reads). The full origin notice, the method of slide 7 and the
definitions follow below it, for whoever scrolls."""

from __future__ import annotations

import pytest

from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

SLIDES = 7  # the national slide, five partnerships, Holland Rijnland's providers compared
TIMEOUT_MS = 60_000
SLIDE = ".st-key-dia"
SMALLEST_TEXT = 16  # px, at 1280 × 720: body text of the slide, captions included
SMALLEST_CHART_TEXT = 18  # px: gauge ticks and the curves' axes and legend (were 12 to 14)

DRAWN = f"""() => {{
  const slide = document.querySelector('{SLIDE}');
  if (!slide) return false;
  const charts = [...slide.querySelectorAll("[data-testid='stPlotlyChart']")];
  const maps = [...slide.querySelectorAll("[data-testid='stDeckGlJsonChart']")];
  return charts.every(c => c.querySelector('.main-svg'))
    && maps.every(m => m.querySelector('canvas'));
}}"""

# The slide's box, anything in it that scrolls sideways, text smaller than allowed, and text
# that is faded (an ancestor's opacity below 1, or a grey colour).
MEASURE = f"""() => {{
  const slide = document.querySelector('{SLIDE}');
  const box = slide.getBoundingClientRect();
  const wide = [...slide.querySelectorAll('*')]
    .filter(e => e.scrollWidth > e.clientWidth + 1
                 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
    .map(e => e.getAttribute('data-testid') || e.tagName);
  const small = [], faded = [], chart = [];
  for (const e of slide.querySelectorAll('*')) {{
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    const size = parseFloat(style.fontSize);
    const text = e.textContent.trim().slice(0, 40);
    if (e.closest('svg')) {{
      if (size < {SMALLEST_CHART_TEXT}) chart.push([text, size]);
      continue;
    }}
    if (size < {SMALLEST_TEXT}) small.push([text, size]);
    if (e.closest('button:disabled')) continue;  // a button that does nothing may look so
    let opacity = 1;
    for (let a = e; a && a !== slide.parentElement; a = a.parentElement)
      opacity *= parseFloat(getComputedStyle(a).opacity);
    const [r, g, b] = style.color.match(/\\d+/g).map(Number);
    if (opacity < 1 || Math.max(r, g, b) > 90) faded.push([text, style.color, opacity]);
  }}
  return {{bottom: box.bottom, right: box.right, width: innerWidth, height: innerHeight,
          scrollY: document.querySelector("[data-testid='stMain']").scrollTop,
          wide, small, faded, chart}};
}}"""


@pytest.fixture(scope="module", params=[(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def projector(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    yield context.new_page(), f"{width}x{height}"
    context.close()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("number", range(1, SLIDES + 1))
def test_the_slide_fits_the_screen_in_type_a_room_can_read(app_url, projector, number, language):
    """In English too: a ministry's visitors may follow the English slides, whose words run
    longer."""
    page, size = projector
    page.goto(f"{app_url}/presentatie?dia={number}" + ("&taal=en" if language == "en" else ""))
    wait_until_drawn(page, TIMEOUT_MS)
    page.get_by_text(f"{number} / {SLIDES}", exact=True).wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
    found = page.evaluate(MEASURE)
    screenshot(page, f"presentatie_{size}_{number}" + ("" if language == "nl" else "_en"))
    assert found["scrollY"] == 0
    assert found["bottom"] <= found["height"], f"slide {number} runs {found['bottom']:.0f} px down"
    assert found["right"] <= found["width"] and not found["wide"], found["wide"]
    assert not found["small"], f"text below {SMALLEST_TEXT} px: {found['small']}"
    assert not found["chart"], f"chart text below {SMALLEST_CHART_TEXT} px: {found['chart']}"
    assert not found["faded"], f"faded text: {found['faded']}"
