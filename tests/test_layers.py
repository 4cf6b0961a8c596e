"""The house's one rule: every import points down a layer (README, "Opbouw").

    pages/, app.py, serve.py            may import components, data_access, domain, reports
    components/views/, components/beheer/
                                        views: drawing and shell; Beheer: the shell only
    components/drawing/                 the shell
    components/shell/                   data_access, domain
    reports/                            domain
    data_access/                        domain (and SQLAlchemy), never Streamlit
    domain/                             nothing of the project but domain, no Streamlit, Plotly,
                                        pydeck or SQLAlchemy

A module may import its own package. The test reads every import with `ast` (those inside
functions too), so a lazy import that runs up a layer is found as well."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Where a module lives, and what it may import besides its own package (project packages by
# dotted prefix; outside libraries by top-level name in FORBIDDEN).
ALLOWED: dict[str, set[str]] = {
    "pages": {"components", "data_access", "domain", "reports"},
    "app": {"components", "data_access", "domain"},
    "serve": {"components", "data_access", "domain"},
    "components.views": {
        "components.drawing",
        "components.shell",
        "data_access",
        "domain",
        "reports",
    },
    "components.beheer": {"components.shell", "data_access", "domain"},
    "components.drawing": {"components.shell", "domain"},
    "components.shell": {"data_access", "domain"},
    "reports": {"domain"},
    "data_access": {"domain"},
    "domain": set(),
}
PROJECT = {"pages", "app", "serve", "components", "data_access", "domain", "reports"}
FORBIDDEN = {
    "domain": {"streamlit", "plotly", "pydeck", "sqlalchemy"},
    "data_access": {"streamlit", "plotly", "pydeck"},
    "reports": {"streamlit", "sqlalchemy"},
}


def layer_of(path: Path) -> str | None:
    """'components.drawing' for components/drawing/maps.py, 'app' for app.py."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "components":
        return "components." + parts[1] if len(parts) > 2 else "components"
    return parts[0] if parts[0] in PROJECT else None


def imported(source: str) -> list[tuple[int, str]]:
    """Every absolute module name that `source` imports, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # 'from components.shell import data' imports components.shell.data
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(layer: str, source: str, where: str = "") -> list[str]:
    """The imports of a module in `layer` that run up (or sideways) a layer."""
    out = []
    for line, name in imported(source):
        top = name.split(".")[0]
        if top in FORBIDDEN.get(layer, ()):
            out.append(f"{where}:{line}: {layer} imports {top}")
        if top not in PROJECT or _within(name, layer):
            continue
        if not any(_within(name, allowed) for allowed in ALLOWED[layer]):
            out.append(f"{where}:{line}: {layer} imports {name}")
    return out


def _modules():
    for name in sorted(PROJECT):
        folder = ROOT / name
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else [ROOT / f"{name}.py"]:
            layer = layer_of(path)
            if not (layer == "components" and path.stem == "__init__"):
                yield path, layer


def test_every_module_has_a_layer():
    """Nothing lies at the top of components/ but its __init__.py: every module has a role."""
    loose = [p.name for p in (ROOT / "components").glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert {layer for _, layer in _modules()} == set(ALLOWED)


def test_no_import_runs_up_a_layer():
    found = []
    for path, layer in _modules():
        found += violations(layer, path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("layer", "source"),
    [
        ("components.drawing", "from components.views import overview"),
        ("components.drawing", "from components.views.map_view import map_view"),
        ("components.shell", "def f():\n    from components.drawing import charts\n"),
        ("components.beheer", "from components.drawing import charts"),
        ("components.beheer", "from components.views import briefing"),
        ("components.views", "from components.beheer import upload_panel"),
        ("components.views", "import pages.overzicht"),
        ("domain", "import streamlit as st"),
        ("domain", "from data_access import queries"),
        ("data_access", "from components.shell import data"),
        ("data_access", "import plotly.graph_objects as go"),
        ("reports", "from components.drawing.chart_export import png"),
    ],
)
def test_the_rule_finds_an_upward_import(layer, source):
    assert violations(layer, source) != []


@pytest.mark.parametrize(
    ("layer", "source"),
    [
        (
            "components.views",
            "from components.drawing import charts\nfrom components.shell import data",
        ),
        ("components.views", "from components.views import target_status as ts"),
        ("components.drawing", "from components.shell.style import colour"),
        ("components.beheer", "from components.shell import layout"),
        ("pages", "from components.views.briefing import build"),
        ("domain", "from domain.suppression import is_small\nimport pandas as pd"),
        ("data_access", "import sqlalchemy as sa"),
    ],
)
def test_the_rule_lets_downward_imports_be(layer, source):
    assert violations(layer, source) == []
