"""Start `streamlit run` in this process with a counter on every SQL statement (for the load test).

Usage (the load test does this itself):
    LOAD_QUERY_COUNT_FILE=/tmp/count python benchmarks/load_server.py run app.py --server.port 8501 ...

The counter listens on SQLAlchemy's Engine class, so it sees every statement of every engine the
app makes, without touching the app's code. Every half second it writes the running total to the
file named by LOAD_QUERY_COUNT_FILE, so the load test can compare it with the number of page runs.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

# Often enough that the total read at the end of a run is current; rare enough to cost nothing.
WRITE_EVERY_SECONDS = 0.5

_count = 0
_lock = threading.Lock()


def _on_statement(*_args) -> None:
    global _count
    with _lock:
        _count += 1


def _writer(path: str) -> None:
    while True:
        tmp = f"{path}.tmp"
        with open(tmp, "w") as f:
            f.write(str(_count))
        os.replace(tmp, path)
        time.sleep(WRITE_EVERY_SECONDS)


def main() -> None:
    event.listen(Engine, "before_cursor_execute", _on_statement)
    path = os.environ.get("LOAD_QUERY_COUNT_FILE")
    if path:
        threading.Thread(target=_writer, args=(path,), daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[1:]]
    streamlit_main()


if __name__ == "__main__":
    main()
