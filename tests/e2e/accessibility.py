"""axe-core in the browser tests: inject the pinned axe.min.js, run the WCAG A and AA rules, and
report each violation by rule and element; plus the app's page list, read without running app.py."""

from __future__ import annotations

import ast
import json
from functools import cache
from pathlib import Path

from tests.e2e.browser import CHARTS_DRAWN, ROOT, wait_until_drawn

# Installed by scripts/test with `npm ci` from the committed package.json and package-lock.json.
NODE_DIR = ROOT / "tests" / "e2e" / "node"
AXE_JS = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no wcag22a tag: 2.2's new A rules are AA or
# best practice in axe).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
# Accounts in the accessibility tests' own database (tests/e2e/conftest.py a11y_db).
A11Y_PASSWORD = "toegankelijk-en-veilig"
A11Y_COORDINATOR, A11Y_ADMIN = "a11y-coordinator@hr.nl", "a11y-beheerder"


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        raise FileNotFoundError(
            f"{AXE_JS} is missing: run `npm ci --prefix {NODE_DIR.relative_to(ROOT)}` "
            "(./scripts/test does this)"
        )
    return AXE_JS.read_text(encoding="utf-8")


def axe_version() -> str:
    """The pinned axe-core version, as package-lock.json records it."""
    lock = json.loads((NODE_DIR / "package-lock.json").read_text())
    return lock["packages"]["node_modules/axe-core"]["version"]


def app_pages() -> list[tuple[str, str]]:
    """(url path, navigation text key) of every page in app.PAGES; the default page is ''.

    Read from the source: importing app.py would run the app."""
    tree = ast.parse((ROOT / "app.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES":
            pages = ast.literal_eval(node.value)
            return [("" if default else Path(path).stem, key) for path, key, _, default in pages]
    raise AssertionError("PAGES not found in app.py")


# A page's first draw took up to 70 s on the shared 2-core machine under load; a ceiling, not a wait.
SETTLE_MS = 90_000


def wait_until_settled(page, timeout_ms: int = SETTLE_MS) -> None:
    """Streamlit is done, and every Plotly chart and map on the page has drawn."""
    wait_until_drawn(page, timeout_ms)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms)
    wait_until_drawn(page, timeout_ms)


def run_axe(page) -> list[dict]:
    """axe's violations of the WCAG A and AA rules on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
    result = page.evaluate("(options) => axe.run(document, options)", options)
    return result["violations"]


def describe(violations: list[dict], limit: int = 6) -> str:
    """One line per rule, then each element: its selector and the start of its HTML."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:limit]:
            target = " ".join(
                json.dumps(t) if not isinstance(t, str) else t for t in node["target"]
            )
            lines.append(f"    {target}\n      {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_no_violations(page, state: str) -> None:
    violations = run_axe(page)
    assert not violations, f"axe-core found violations on {state}:\n{describe(violations)}"
