"""PNG pictures of Plotly charts, drawn locally by kaleido in the installed Chromium (no download)."""

from __future__ import annotations

import re
import threading

import plotly.graph_objects as go
import streamlit as st

from components.shell.i18n import t

# Width in CSS pixels when a figure sets none: about the width of a chart on a laptop screen.
DEFAULT_WIDTH = 800
# Twice the pixels, so a picture stays sharp in a printed A4 or on a projector.
SCALE = 2
# kaleido's server is one browser tab shared by the process; its queue is not safe for two
# callers at once, and the download callables run on their own threads.
_LOCK = threading.Lock()


def _server() -> None:
    """Start kaleido's browser once per process (~2.5 s), after that a PNG takes ~0.2 s.

    kaleido finds /usr/bin/chromium itself (BROWSER_PATH overrides); MathJax is off because its
    default comes from the internet and our charts need no formulas."""
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)


def png(fig: go.Figure, width: int | None = None, height: int | None = None) -> bytes:
    """The figure as PNG bytes, at SCALE times its size in CSS pixels."""
    import kaleido

    opts = {
        "format": "png",
        "width": width or fig.layout.width or DEFAULT_WIDTH,
        "height": height or fig.layout.height or 400,
        "scale": SCALE,
    }
    with _LOCK:
        _server()
        return kaleido.calc_fig_sync(fig, opts=opts)


def file_name(title: str, extension: str = "png") -> str:
    """A plain file name from a Dutch title: 'Trechter Leiden, 2026' -> 'trechter_leiden_2026.png'."""
    stem = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "grafiek"
    return f"{stem}.{extension}"


def png_download(fig: go.Figure, name: str, key: str) -> None:
    """A 'Download als afbeelding (PNG)' button; the picture is only drawn when clicked."""
    st.download_button(
        t("algemeen.download_png"),
        data=lambda: png(fig),
        file_name=file_name(name),
        mime="image/png",
        key=key,
        on_click="ignore",
    )
