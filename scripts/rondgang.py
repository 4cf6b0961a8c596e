"""A walk through the monitor as its users see it: `.venv/bin/python scripts/rondgang.py [MAP]`
(`--alleen-pdf`: only the Briefing PDFs).

Starts the app on a fresh copy of the sample database (as `./scripts/start` fills it) and, in
headless Chromium, at 1920 × 1080 and 1280 × 720 (projectors), 1280 × 800 (a laptop) and
390 × 844 (a phone):

- opens every page of app.PAGES and every slide of Presentatie, waits until every chart and map
  has drawn, and writes one screenshot per screen height down the page (`<size>/<name>-1.png`,
  `-2.png`, ...; Streamlit scrolls its main column, not the window, so a full-page shot would
  show only the first screen). Beheer is shown signed in as a coordinator.
- downloads the Briefing PDF of the municipalities and partnerships in BRIEFINGS as a visitor
  does, with the page's own button, and turns each PDF page into a PNG (`pdf/<name>-<page>.png`,
  with poppler's pdftoppm).

It writes `rondgang.tsv` with what it measured on each screen: whether the main column scrolls
sideways, whether the page shows an exception, and the page's heading. The screenshots are for
looking at; this script asserts nothing (the browser tests do). Default MAP: /tmp/rondgang.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from readme_pictures import sample_database  # noqa: E402

from tests.e2e.accessibility import app_pages, wait_until_settled  # noqa: E402
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

SIZES = ((1920, 1080), (1280, 720), (1280, 800), (390, 844))
TIMEOUT_MS = 120_000
# A page's address when it needs a subject; the others open as a first visitor sees them.
SUBJECTS = {"gemeente": "gemeente?gemeente=GM0546", "briefing": "briefing?gemeente=GM0546"}
# (file name, Briefing address): a municipality in a partnership, one in none, a large city
# in a city-region deal, a municipality with small counts, a partnership, and all of them.
BRIEFINGS = (
    ("leiden", "briefing?gemeente=GM0546"),
    ("amsterdam", "briefing?gemeente=GM0363"),
    ("den-haag", "briefing?gemeente=GM0518"),
    ("altena", "briefing?gemeente=GM1959"),
    ("holland-rijnland", "briefing?samenwerking=HOLLAND-RIJNLAND"),
    ("alle", "briefing"),
)
COORDINATOR = ("coordinator@voorbeeld.nl", "rondgang-wachtwoord-1")

# Per screen: the main column's widths, the number of screens, an exception shown, the heading.
MEASURE = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const h1 = document.querySelector('h1');
  return {scrollWidth: main.scrollWidth, clientWidth: main.clientWidth,
          screens: Math.ceil(main.scrollHeight / main.clientHeight),
          exception: document.querySelectorAll("[data-testid='stException']").length,
          heading: h1 ? h1.textContent.trim() : ''};
}"""
SCROLL_TO = "y => { document.querySelector(\"[data-testid='stMain']\").scrollTop = y; }"
SCREEN_HEIGHT = "() => document.querySelector(\"[data-testid='stMain']\").clientHeight"


def add_coordinator(url: str) -> None:
    """A coordinator of Holland Rijnland in the walk's own database."""
    from tests.builders import add_account

    add_account(url, COORDINATOR[0], "coordinator", COORDINATOR[1], "HOLLAND-RIJNLAND")


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/beheer")
    wait_until_settled(page, TIMEOUT_MS)
    sidebar = page.locator("[data-testid='stSidebar']")
    # On a phone the sidebar starts folded: open it as a visitor does.
    opener = page.locator("[data-testid='stExpandSidebarButton']")
    if not sidebar.get_by_label("Gebruikersnaam").is_visible() and opener.count():
        opener.first.click()
    sidebar.get_by_label("Gebruikersnaam").fill(COORDINATOR[0])
    sidebar.get_by_label("Wachtwoord").fill(COORDINATOR[1])
    sidebar.get_by_label("Wachtwoord").press("Tab")  # leaving the field hands its value over
    # On a phone the open sidebar lies over the page, and its button outside the viewport.
    sidebar.get_by_role("button", name="Inloggen").evaluate("b => b.click()")
    page.wait_for_selector("text=Ingelogd als", timeout=TIMEOUT_MS)


def shoot(page, folder: Path, name: str, log) -> None:
    """Every screen of the page, top to bottom, and one line per screen in the log."""
    wait_until_settled(page, TIMEOUT_MS)
    seen = page.evaluate(MEASURE)
    height = page.evaluate(SCREEN_HEIGHT)
    for screen in range(1, seen["screens"] + 1):
        page.evaluate(SCROLL_TO, (screen - 1) * height)
        page.wait_for_timeout(0)  # let the scroll paint before the shot
        page.screenshot(path=str(folder / f"{name}-{screen}.png"))
    sideways = "ja" if seen["scrollWidth"] > seen["clientWidth"] else "nee"
    print(folder.name, name, seen["screens"], sideways, seen["exception"], seen["heading"],
          sep="\t", file=log, flush=True)  # fmt: skip


def walk_pages(browser, base: str, out: Path, log) -> None:
    for width, height in SIZES:
        folder = out / f"{width}x{height}"
        folder.mkdir(parents=True, exist_ok=True)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        page = context.new_page()
        for path, _ in app_pages():
            if path == "beheer":
                continue
            page.goto(f"{base}/{SUBJECTS.get(path, path)}")
            shoot(page, folder, path or "overzicht", log)
        number = 1
        while True:
            page.goto(f"{base}/presentatie?dia={number}")
            shoot(page, folder, f"dia-{number}", log)
            if page.locator(".st-key-dia_volgende button").is_disabled():
                break
            number += 1
        sign_in(page, base)
        shoot(page, folder, "beheer", log)
        context.close()


def walk_pdfs(browser, base: str, out: Path) -> None:
    folder = out / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    for name, path in BRIEFINGS:
        page.goto(f"{base}/{path}")
        wait_until_settled(page, TIMEOUT_MS)
        button = page.get_by_role("button", name="Download briefing (PDF)")
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            # Streamlit scrolls its main column, not the window: click it as a script would.
            button.evaluate("b => b.click()")
        pdf = folder / f"{name}.pdf"
        download.value.save_as(pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(folder / name)], check=True)
        print(f"{pdf.name}: {len(list(folder.glob(f'{name}-*.png')))} pagina's")
    page.close()


def main() -> int:
    from playwright.sync_api import sync_playwright

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only_pdfs = "--alleen-pdf" in sys.argv
    out = Path(args[0] if args else "/tmp/rondgang")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, open(out / "rondgang.tsv", "w") as log:
        folder = Path(tmp)
        url = sample_database(folder)
        add_coordinator(url)
        env = {**os.environ, "DATABASE_URL": url, "PUBLIC_READ": "1"}
        print("maat\tnaam\tschermen\tzijwaarts\tfouten\tkop", file=log)
        with running_app(env, folder / "streamlit.log") as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if not only_pdfs:
                walk_pages(browser, base, out, log)
            walk_pdfs(browser, base, out)
            browser.close()
    print(f"schermafdrukken en PDF-pagina's in {out}, metingen in {out / 'rondgang.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
