"""HAProxy's configuration, local (scripts/replicas) and for compose.yaml: valid, and the same
rules in both: sticky by cookie, websocket tunnel timeout, health checks, redispatch."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy import replicas

ROOT = Path(__file__).resolve().parents[2]
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
RULES = (
    "cookie MONITOR_REPLICA insert indirect nocache",
    "timeout tunnel 1h",
    "option httpchk GET /_stcore/health",
    "option redispatch",
)


def haproxy_accepts(path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    if not Path(HAPROXY).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("HAProxy is required by ./scripts/test but is missing")
        pytest.skip("HAProxy is not installed here")
    return subprocess.run([HAPROXY, "-c", "-f", str(path)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})  # fmt: skip


def test_the_local_configuration_is_valid_and_sticky_per_replica(tmp_path):
    text = replicas.haproxy_config(8600, [("r1", 8601), ("r2", 8602)])
    path = tmp_path / "haproxy.cfg"
    path.write_text(text)
    checked = haproxy_accepts(path)
    assert checked.returncode == 0, checked.stderr
    for rule in RULES:
        assert rule in text
    assert "server r1 127.0.0.1:8601 cookie r1" in text
    assert "server r2 127.0.0.1:8602 cookie r2" in text


def test_the_compose_configuration_is_valid_and_has_the_same_rules():
    path = ROOT / "deploy" / "haproxy.cfg"
    checked = haproxy_accepts(path, {"HAPROXY_COOKIE_KEY": "test"})
    assert checked.returncode == 0, checked.stderr
    text = path.read_text()
    for rule in RULES:
        assert rule in text


def test_compose_runs_serve_py_behind_haproxy_with_one_session_key():
    compose = (ROOT / "compose.yaml").read_text()
    assert "serve.py" in compose and "SESSION_SECRET" in compose
    assert "./deploy/haproxy.cfg" in compose
    assert "serve.py" in (ROOT / "Dockerfile").read_text()
