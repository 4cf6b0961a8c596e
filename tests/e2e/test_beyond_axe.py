"""What axe-core's rules cannot see, checked in the browser on every page of app.PAGES: reflow at
320 CSS pixels (WCAG 1.4.10), text at 200 % (1.4.4), focus order (2.4.3) and a text alternative
for every chart and map (1.1.1)."""

from __future__ import annotations

import pytest

from tests.e2e.accessibility import app_pages, wait_until_settled
from tests.e2e.browser import MAP_FRAME

pytestmark = pytest.mark.e2e

PAGES = [p for p, _ in app_pages()]
PAGE_QUERY = {"gemeente": "gemeente=GM0546", "briefing": "gemeente=GM0546"}
# Boxes that may scroll sideways inside the page (WCAG 1.4.10 allows it for tables and maps).
OWN_SCROLL = (
    ".sm-tabel, [data-testid='stDataFrame'], [data-testid='stTable'], "
    "[data-testid='stDeckGlJsonChart'], [data-testid='stPlotlyChart'], [data-testid='stCode'], "
    f"{MAP_FRAME}, "
    "[data-testid='stTabBar'], [role='tablist'], "
    # A collapsed sidebar is off the screen until opened (opened, it is checked like the page).
    "[data-testid='stSidebar'][data-collapsed='true']"
)


def url(base: str, path: str) -> str:
    query = PAGE_QUERY.get(path)
    return f"{base}/{path}" + (f"?{query}" if query else "")


SIDEWAYS = """(allowed) => {
  const doc = document.scrollingElement || document.documentElement;
  const out = [];
  if (doc.scrollWidth > doc.clientWidth + 1)
    out.push(`the document: ${doc.scrollWidth} > ${doc.clientWidth}`);
  const width = document.documentElement.clientWidth;
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest(allowed)) continue;
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden') continue;
    // Streamlit's main box scrolls itself: sideways scrolling there is scrolling the page.
    if (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
      out.push(`scrolls sideways: ${e.tagName}.${e.className} (${e.getAttribute('data-testid')})`
               + ` ${e.scrollWidth} > ${e.clientWidth}`);
    // Text that sticks out past the window's right edge, where no scroll reaches it.
    const r = e.getBoundingClientRect();
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text && r.width > 0 && r.right > width + 1)
      out.push(`past the right edge: ${e.tagName} "${e.textContent.trim().slice(0, 40)}"`
               + ` (${Math.round(r.right)} > ${width})`);
  }
  return out.slice(0, 10);
}"""


CLIPPED = """() => {
  const out = [];
  for (const e of document.querySelectorAll("[data-testid='stMain'] *")) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden') continue;
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!text) continue;
    // Text cut off by its own box (overflow hidden or an ellipsis) loses content.
    for (let box = e, i = 0; box && i < 3; box = box.parentElement, i++) {
      const b = getComputedStyle(box);
      const clips = ['hidden', 'clip'].includes(b.overflowX) || ['hidden', 'clip'].includes(b.overflowY);
      if (clips && (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)) {
        out.push(`${e.tagName} "${e.textContent.trim().slice(0, 50)}" cut off by ` +
                 `${box.tagName}(${box.getAttribute('data-testid') || box.className})`);
        break;
      }
    }
  }
  return out.slice(0, 10);
}"""


FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const all = [...document.querySelectorAll('*')];
  return {index: all.indexOf(e), tabindex: e.tabIndex, tag: e.tagName,
          text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40)};
}"""


@pytest.mark.parametrize("path", ["", "doelen", "beheer"], ids=["start", "doelen", "beheer"])
def test_focus_moves_through_the_page_in_reading_order(a11y_app, page, path):
    """WCAG 2.4.3 Focus order: Tab goes forward through the page in document order, which
    Streamlit lays out top to bottom (sidebar first); no positive tabindex reorders it."""
    page.goto(url(a11y_app, path))
    wait_until_settled(page)
    assert (
        page.evaluate(
            '() => document.querySelectorAll(\'[tabindex]:not([tabindex^="-"]):not([tabindex="0"])\').length'
        )
        == 0
    )
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["index"] <= stops[0]["index"]):
            break  # back at the start: the whole page has been walked
        stops.append(focused)
    assert len(stops) >= 5, stops
    order = [s["index"] for s in stops]
    backwards = [(a, b) for a, b in zip(stops, stops[1:], strict=False) if b["index"] < a["index"]]
    assert not backwards, f"focus went back up the page on /{path}: {backwards[:3]} ({order})"


ALTERNATIVES = """() => {
  // Charts and maps, and what can stand for them: a caption sentence, a table, an expander with a
  // table, or the text of a status line; in document order.
  const items = document.querySelectorAll(
    "[data-testid='stPlotlyChart'], [data-testid='stDeckGlJsonChart'], MAPFRAME, " +
    "[data-testid='stCaptionContainer'], .sm-tabel, [data-testid='stDataFrame'], " +
    "[data-testid='stTable'], [data-testid='stExpander'], h1, h2, h3");
  const out = [];
  let waiting = [];
  for (const e of items) {
    const chart = e.matches("[data-testid='stPlotlyChart'], [data-testid='stDeckGlJsonChart'], MAPFRAME");
    const heading = /^H[1-3]$/.test(e.tagName);
    if (chart) { waiting.push(e); continue; }
    if (heading) {
      out.push(...waiting.map(c => `${c.getAttribute('data-testid')} before "${e.textContent.trim().slice(0, 40)}"`));
      waiting = [];
      continue;
    }
    if (e.innerText.trim()) waiting = [];
  }
  out.push(...waiting.map(c => `${c.getAttribute('data-testid')} at the end of the page`));
  return {charts: document.querySelectorAll("[data-testid='stPlotlyChart'], [data-testid='stDeckGlJsonChart'], MAPFRAME").length, missing: out};
}""".replace("MAPFRAME", MAP_FRAME)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "start")
def test_page_reflows_at_320_px_keeps_text_at_200_percent_and_explains_every_chart(
    a11y_app, page, path
):
    """One load per page, three checks, every problem reported:
    - WCAG 1.4.10 Reflow: 320 CSS px wide (1280 px at 400 % zoom), nothing scrolls sideways but
      tables and maps inside their own box, and no text sticks out past the window;
    - WCAG 1.1.1: after every chart or map, before the next heading, comes a sentence, a table or an
      expander with a table, which a screen reader reaches in reading order;
    - WCAG 1.4.4 Resize text: the root font size doubled (Streamlit sizes text in rem), the heading
      and headline numbers stay visible and no text is cut off by its box."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(url(a11y_app, path))
    wait_until_settled(page)
    problems = [f"at 320 px: {p}" for p in page.evaluate(SIDEWAYS, OWN_SCROLL)]

    page.set_viewport_size({"width": 1280, "height": 1000})
    wait_until_settled(page)
    missing = page.evaluate(ALTERNATIVES)["missing"]
    problems += [f"no text alternative: {m}" for m in missing]

    page.add_style_tag(content="html { font-size: 200% !important; }")
    # The new size applies with the style; the page lays itself out anew within two frames.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 28
    if not page.locator("h1").first.is_visible():
        problems.append("at 200 %: the heading is not visible")
    values = page.locator("[data-testid='stMetricValue']")
    hidden = [i for i in range(values.count()) if not values.nth(i).is_visible()]
    problems += [f"at 200 %: headline number {i} is not visible" for i in hidden]
    problems += [f"at 200 %: {p}" for p in page.evaluate(CLIPPED)]
    assert not problems, f"/{path}:\n" + "\n".join(problems)
