"""Deployment settings, read from the environment or `.streamlit/secrets.toml`, never from code."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "samenwerkingsmonitor.sqlite"

# Statistical offices do not publish counts below 10; deployments may set a stricter threshold.
DEFAULT_SUPPRESS_BELOW = 10
# Practice checks whether someone is still in work 6 (or 12) months after placement.
DEFAULT_LASTING_MONTHS = 6
# PDOK's CBS gebiedsindelingen WFS, one service per year; {year} is filled in by the import command.
DEFAULT_PDOK_BOUNDARIES_URL = (
    "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0?request=GetFeature"
    "&service=WFS&version=2.0.0&typeNames=gemeente_gegeneraliseerd&outputFormat=json"
    "&srsName=EPSG:4326"
)
# Basemaps the map may draw under its layers; off by default so an offline server fetches nothing.
MAP_BASEMAPS = ("geen", "carto")
# A query that runs longer than this is cut off rather than hanging a page; 15 s is well above any
# page's query on a large city's history, and short enough that a visitor still waits for the answer.
DEFAULT_STATEMENT_TIMEOUT_MS = 15_000
# A local sign-in lasts a working day; signing out, or an admin disabling the account, ends it at once.
DEFAULT_SESSION_HOURS = 10


@dataclass(frozen=True)
class Settings:
    database_url: str
    is_default_database: bool
    suppress_below: int
    lasting_months: int
    # Reading without signing in: None (unset) means on while the database holds only the invented
    # sample data and off once it holds real data; a deployment may set it either way.
    public_read: bool | None = None
    # "carto" draws Carto's light basemap (needs internet, no token); "geen" draws no tiles.
    map_basemap: str = "geen"
    pdok_boundaries_url: str = DEFAULT_PDOK_BOUNDARIES_URL
    # Cut-off for one SQL statement, on PostgreSQL and SQLite alike; 0 switches it off.
    statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS
    # Key that signs the local sign-in cookie; every replica needs the same one. None: a random key
    # per process (sign-ins then last only as long as that process and work on it alone).
    session_secret: str | None = None
    session_hours: int = DEFAULT_SESSION_HOURS
    # Where visitors report an accessibility problem (an e-mail address or a web address), shown
    # in the accessibility statement; each deployment (municipality) sets its own.
    a11y_contact: str | None = None


def _secrets() -> dict:
    path = PROJECT_ROOT / ".streamlit" / "secrets.toml"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings for this process: environment first, then secrets.toml, then defaults."""
    env = os.environ if environ is None else environ
    secrets = _secrets() if environ is None else {}
    url = env.get("DATABASE_URL") or secrets.get("database", {}).get("url")
    is_default = not url
    if is_default:
        url = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    suppress = int(
        env.get("SUPPRESS_BELOW") or secrets.get("suppress_below") or DEFAULT_SUPPRESS_BELOW
    )
    months = int(
        env.get("LASTING_MONTHS") or secrets.get("lasting_months") or DEFAULT_LASTING_MONTHS
    )
    public = env.get("PUBLIC_READ") or secrets.get("public_read")
    public_read = None if public is None else str(public).lower() in ("1", "true", "ja", "yes")
    basemap = str(env.get("MAP_BASEMAP") or secrets.get("map_basemap") or "geen").lower()
    pdok = env.get("PDOK_BOUNDARIES_URL") or secrets.get("pdok_boundaries_url")
    timeout = int(
        env.get("STATEMENT_TIMEOUT_MS")
        or secrets.get("statement_timeout_ms")
        or DEFAULT_STATEMENT_TIMEOUT_MS
    )
    session_secret = env.get("SESSION_SECRET") or secrets.get("session_secret") or None
    hours = int(env.get("SESSION_HOURS") or secrets.get("session_hours") or DEFAULT_SESSION_HOURS)
    contact = str(env.get("A11Y_CONTACT") or secrets.get("a11y_contact") or "").strip()
    return Settings(
        database_url=url,
        is_default_database=is_default,
        suppress_below=max(suppress, 1),
        lasting_months=months,
        public_read=public_read,
        map_basemap=basemap if basemap in MAP_BASEMAPS else "geen",
        pdok_boundaries_url=pdok or DEFAULT_PDOK_BOUNDARIES_URL,
        statement_timeout_ms=max(timeout, 0),
        session_secret=session_secret,
        session_hours=max(hours, 1),
        a11y_contact=contact or None,
    )
