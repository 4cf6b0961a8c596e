"""The README's pictures are the app as it is: made by scripts/readme_pictures.py from the running
app, not pasted by hand (issue 25: the old picture showed an older monitor)."""

from __future__ import annotations

import re

from PIL import Image

from tests.e2e.browser import ROOT

README = ROOT / "README.md"


def pictures() -> list[str]:
    return re.findall(r'src="(docs/[^"]+\.png)"|\]\((docs/[^)]+\.png)\)', README.read_text())


def test_the_readme_shows_overzicht_and_the_map():
    shown = {a or b for a, b in pictures()}
    assert shown == {"docs/overzicht.png", "docs/kaart.png"}


def test_every_readme_picture_was_made_by_the_script():
    for a, b in pictures():
        with Image.open(ROOT / (a or b)) as image:
            assert image.text.get("Software") == "scripts/readme_pictures.py", a or b
            assert image.size == (1400, 900)
