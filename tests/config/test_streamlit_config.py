"""The hardened Streamlit settings stay in place, and no page puts data into raw HTML."""

import re
import tomllib
from pathlib import Path

from domain.upload import MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]


def config() -> dict:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_security_settings_are_on():
    server = config()["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["allowedHosts"], "an allow-list of hosts against DNS rebinding"
    assert server["enableStaticServing"] is False


def test_upload_limit_matches_what_the_import_accepts():
    assert config()["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES


def test_no_usage_stats_no_developer_toolbar_no_error_details():
    cfg = config()
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["client"]["toolbarMode"] == "viewer"
    assert cfg["client"]["showErrorDetails"] == "none"


def test_no_full_garbage_collection_after_every_run():
    # A forced gc.collect() per script run was a third of the server's CPU with fifty sessions
    # (benchmarks/results/load.md); neither file watching nor it belong in a shared deployment.
    cfg = config()
    assert cfg["runner"]["postScriptGC"] is False
    assert cfg["server"]["fileWatcherType"] == "none"


# Builders that escape every value they put in HTML (tests/components/shell/test_html_table.py);
# _table_html is components.shell.layout's shared cache of table_html (data.built), the same HTML.
ESCAPING_BUILDERS = ("table_html", "_table_html")


def test_no_data_reaches_raw_html():
    """Raw HTML (st.html, unsafe_allow_html) may only show a module constant such as a fixed CSS
    block, or the result of a builder that escapes every value: the call's first argument must be
    an UPPER_CASE name or such a builder's call, never data or an f-string."""
    allowed = re.compile(r"[A-Z_]+|(?:" + "|".join(ESCAPING_BUILDERS) + r")\(.*")
    call = re.compile(r"st\.(?:html|markdown)\(\s*([^,)]*)[^)]*?(?:unsafe_allow_html=True)?\)")
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("components/*.py"), ROOT / "app.py"]:
        text = path.read_text(encoding="utf-8")
        for match in call.finditer(text):
            raw = "st.html(" in match.group(0) or "unsafe_allow_html=True" in match.group(0)
            if raw:
                assert allowed.fullmatch(match.group(1).strip()), f"{path}: {match.group(0)}"


def test_secrets_are_not_committed():
    import subprocess

    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert ".streamlit/secrets.toml" not in tracked
    assert ".streamlit/secrets.example.toml" in tracked
