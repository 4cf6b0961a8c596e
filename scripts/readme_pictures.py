"""Make the README's pictures from the running app: `.venv/bin/python scripts/readme_pictures.py`.

Starts the app on a fresh copy of the sample database (as `./scripts/start` fills it), opens
Overzicht and Kaart in headless Chromium at 1400 × 900, waits until every chart and map has drawn,
and writes docs/overzicht.png and docs/kaart.png. Each PNG says in its metadata which script made
it and from which commit (tests/config/test_readme.py reads it), so the pictures can be made again
after every change that shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import (  # noqa: E402
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    running_app,
    wait_until_drawn,
    wait_until_maps_drawn,
)

MADE_BY = "scripts/readme_pictures.py"
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 120_000
# (page path, file, what to show): the whole first screen of each page.
PICTURES = (("", "overzicht.png"), ("kaart", "kaart.png"))


def commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "onbekend"


def sample_database(folder: Path) -> str:
    """A migrated SQLite database with the sample data, as a fresh clone's first start makes it."""
    url = f"sqlite:///{folder / 'voorbeeld.sqlite'}"
    env = {**os.environ, "DATABASE_URL": url}
    for command in (["migrate"], ["seed"]):
        subprocess.run(
            [sys.executable, "-m", "data_access", *command], cwd=ROOT, env=env, check=True
        )
    return url


def stamp(path: Path, made_from: str) -> None:
    """Write the maker and the commit into the PNG's text chunks."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", MADE_BY)
    info.add_text("Source", f"Samenwerkingsmonitor, commit {made_from}, voorbeelddatabase")
    with Image.open(path) as image:
        image.load()
        image.save(path, pnginfo=info, optimize=True)


def main() -> int:
    from playwright.sync_api import sync_playwright

    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    made_from = commit()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "DATABASE_URL": sample_database(folder), "PUBLIC_READ": "1"}
        with running_app(env, folder / "streamlit.log") as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            for path, name in PICTURES:
                page.goto(f"{url}/{path}")
                wait_until_drawn(page, TIMEOUT_MS)
                if path == "kaart":
                    wait_until_maps_drawn(page, at_least=2, timeout_ms=TIMEOUT_MS)
                page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT_MS)
                wait_until_drawn(page, TIMEOUT_MS)
                target = docs / name
                page.screenshot(path=str(target))
                stamp(target, made_from)
                print(f"{target.relative_to(ROOT)} gemaakt ({target.stat().st_size // 1024} kB)")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
