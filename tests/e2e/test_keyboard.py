"""Keyboard only: reach the navigation, open another page, change the year; focus stays visible.
Also the contrast of the text as the browser actually draws it (captions included)."""

from __future__ import annotations

import re

import pytest

from domain.contrast import GRAPHICAL, NORMAL_TEXT, parse, ratio
from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

MAX_TABS = 80  # more stops than the sidebar and a page's controls have

FOCUS_STYLE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  let parentRing = false;
  for (let p = e.parentElement, i = 0; p && i < 4; p = p.parentElement, i++) {
    const ps = getComputedStyle(p);
    if ((ps.boxShadow && ps.boxShadow !== 'none') ||
        (ps.outlineStyle !== 'none' && parseFloat(ps.outlineWidth) > 0) ||
        ps.borderColor.includes('0, 114, 178')) { parentRing = true; break; }
  }
  return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
          tag: e.tagName, role: e.getAttribute('role'),
          label: e.closest('[data-testid="stSelectbox"]')?.innerText.split('\\n')[0] || '',
          visible: outline || ring || parentRing};
}"""


def tab_to(page, matches, what: str) -> dict:
    """Press Tab until the focused element matches; every stop on the way must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused["visible"], f"focus is not visible on {focused}"
        if matches(focused):
            return focused
    raise AssertionError(f"{what} not reached with {MAX_TABS} presses of Tab")


def test_keyboard_only_opens_a_page_and_changes_the_year(app_url, page):
    page.goto(app_url)
    wait_until_drawn(page)
    link = tab_to(
        page, lambda f: f["tag"] == "A" and f["text"].endswith("Trajecten"), "Trajecten link"
    )
    assert link["visible"], "the focused navigation link shows a focus ring"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/trajecten"), timeout=30_000)
    wait_until_drawn(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("Trajecten")
    before_url = page.url
    title_before = page.locator(".js-plotly-plot .gtitle").first.text_content()

    year = tab_to(page, lambda f: f["role"] == "combobox" and f["label"] == "Jaar", "year filter")
    assert year["visible"], "the focused year filter shows a focus ring"
    screenshot(page, "toetsenbord_focus_jaar")
    page.keyboard.press("ArrowDown")  # opens the list on the chosen year
    page.keyboard.press("ArrowDown")  # the year before
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => location.href !== {before_url!r} && location.search.includes('jaar=')",
        timeout=30_000,
    )
    wait_until_drawn(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    title_after = page.locator(".js-plotly-plot .gtitle").first.text_content()
    assert title_after != title_before, "the funnel now covers the other year"
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "toetsenbord_ander_jaar")


TEXT_COLOURS = """() => {
  const out = [];
  const bg = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const sel = "[data-testid='stCaptionContainer'] p, [data-testid='stMarkdownContainer'] p, " +
              "h1, h2, h3, [data-testid='stSidebarNav'] a span, label p, " +
              ".js-plotly-plot .xtick text, .js-plotly-plot .ytick text, " +
              ".js-plotly-plot .gtitle, .js-plotly-plot .legendtext";
  for (const e of document.querySelectorAll(sel)) {
    // Disabled controls are exempt from WCAG 1.4.3 (and drawn faded on purpose).
    if (!(e.textContent || '').trim() || e.closest('button[disabled]')) continue;
    const s = getComputedStyle(e);
    const icon = e.getAttribute('data-testid') === 'stIconMaterial';
    const svg = e instanceof SVGElement;
    out.push({text: (e.textContent || '').slice(0, 40), color: svg ? s.fill : s.color,
              bg: svg ? 'rgb(255, 255, 255)' : bg(e), icon: icon});
  }
  return out;
}"""


def _opaque(colour: str, background: str) -> str:
    """'rgba(r, g, b, a)' drawn on an opaque background, as '#rrggbb'."""
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    base = list(parse(background))
    alpha = values[3] if len(values) > 3 else 1.0
    mixed = [round(alpha * c + (1 - alpha) * b) for c, b in zip(values[:3], base, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


@pytest.mark.parametrize("path", ["", "trajecten", "doelen?jaar=2019", "kaart"])
def test_drawn_text_and_captions_meet_wcag_aa(app_url, page, path):
    page.goto(f"{app_url}/{path}")
    wait_until_drawn(page)
    failing = []
    for item in page.evaluate(TEXT_COLOURS):
        background = _opaque(item["bg"], "rgb(255, 255, 255)")
        colour = _opaque(item["color"], background)
        # Icons are graphical objects (3:1); everything else is text (4.5:1).
        if ratio(colour, background) < (GRAPHICAL if item["icon"] else NORMAL_TEXT):
            failing.append((item["text"], colour, background, round(ratio(colour, background), 2)))
    assert not failing, failing[:5]
