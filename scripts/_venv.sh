# Sourced by the scripts: a project virtualenv with the pinned requirements installed.
# Usage: . scripts/_venv.sh requirements.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQS="$ROOT/${1:-requirements.txt}"
PY="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "==> Python-omgeving maken in .venv"
  "$PY" -m venv "$ROOT/.venv"
fi
# Reinstall only when the requirements changed since the last install.
STAMP="$ROOT/.venv/.installed-$(basename "$REQS")"
HASH="$(cat "$ROOT"/requirements*.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$HASH" ]; then
  echo "==> Pakketten installeren uit $(basename "$REQS")"
  "$ROOT/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS"
  echo "$HASH" > "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
cd "$ROOT"
