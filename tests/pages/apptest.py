"""Helpers that open the app in AppTest and read what it shows."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_page(page: str | None = None, **params: str) -> AppTest:
    """Run the app, optionally switch to `page` (e.g. 'pages/kaart.py'), and return it."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += (
        [e.value for e in at.title] + [e.value for e in at.header] + [e.value for e in at.subheader]
    )
    parts += [e.value for e in at.info] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)
