"""What the browser tests share: starting the app on 127.0.0.1, waiting for Streamlit, screenshots."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pg_server import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "screenshots"


def wait_healthy(url: str, process: subprocess.Popen | None, seconds: float = 60) -> None:
    """Wait until the server at `url` answers its health check; fail early if `process` (the
    server we started, None when attaching to one) has stopped."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


@contextmanager
def running_app(
    env: dict[str, str],
    log_path: Path,
    *extra_args: str,
    port: int | None = None,
    script: str = "serve.py",
) -> Iterator[str]:
    """Serve `script` (default serve.py: app.py with the sign-in cookie routes) with `env` on `port` (default: a free one) of 127.0.0.1;
    yields its URL."""
    port = port or free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", script,
                "--server.headless", "true", "--server.address", "127.0.0.1",
                "--server.port", str(port), "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none", *extra_args,
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


def wait_until_drawn(pg, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished the run: script done, nothing stale, no skeletons left."""
    pg.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms
    )
    pg.wait_for_selector("h1", timeout=timeout_ms)
    pg.wait_for_function(
        "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout_ms,
    )


def screenshot(pg, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path))
    return path


# The monitor's own map (components/drawing/deck_map.py): a component frame that marks itself
# `data-getekend="ja"` once deck.gl has drawn every layer.
MAP_FRAME = "iframe[src*='samenwerkingskaart']"
MAPS_DRAWN = (
    f'() => [...document.querySelectorAll("{MAP_FRAME}")].every(f => f.dataset.getekend === "ja")'
)


def wait_until_maps_drawn(pg, at_least: int = 1, timeout_ms: int = 60_000) -> None:
    """Wait until the page has `at_least` maps and every map on it has drawn."""
    pg.wait_for_function(
        f'() => document.querySelectorAll("{MAP_FRAME}").length >= {at_least} && ({MAPS_DRAWN})()',
        timeout=timeout_ms,
    )


# Every Plotly chart has its SVG, every st.pydeck_chart its canvas and every map of ours has drawn.
CHARTS_DRAWN = f"""() =>
  [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every(c => c.querySelector('.main-svg')) &&
  [...document.querySelectorAll("[data-testid='stDeckGlJsonChart']")]
    .every(c => c.querySelector('canvas')) &&
  ({MAPS_DRAWN})()"""
