"""Start `streamlit run` in this process with a counter on every SQL statement (for the load test).

With LOAD_PROFILE_FILE set it also samples every thread's stack (a poor man's py-spy, which is
not installed here) and keeps writing the functions seen most, inclusive and self, to that file.

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
from collections import Counter

from sqlalchemy import event
from sqlalchemy.engine import Engine

# Often enough that the total read at the end of a run is current; rare enough to cost nothing.
WRITE_EVERY_SECONDS = 0.5
# Stack samples: often enough for a few thousand samples per minute, rare enough not to steal
# much of the GIL from the page runs it measures.
SAMPLE_EVERY_SECONDS = 0.01
PROFILE_WRITE_EVERY_SECONDS = 2.0
PROFILE_TOP = 60

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


def _frame_name(frame) -> str:
    code = frame.f_code
    return f"{os.path.relpath(code.co_filename)}:{code.co_name}"


def _profiler(path: str) -> None:
    """Count, per function, the samples in which it is on a stack (inclusive) or on top (self)."""
    inclusive: Counter = Counter()
    own: Counter = Counter()
    samples = 0
    me = threading.get_ident()
    last_write = time.monotonic()
    while True:
        time.sleep(SAMPLE_EVERY_SECONDS)
        for ident, frame in sys._current_frames().items():
            if ident == me:
                continue
            names = []
            while frame is not None:
                names.append(_frame_name(frame))
                frame = frame.f_back
            if "selectors.py:select" in names[0] or names[0].endswith(":wait"):
                continue  # idle threads (event loop waiting, queues, sleeps)
            samples += 1
            own[names[0]] += 1
            inclusive.update(set(names))
        if time.monotonic() - last_write > PROFILE_WRITE_EVERY_SECONDS:
            last_write = time.monotonic()
            lines = [f"busy samples: {samples} (every {SAMPLE_EVERY_SECONDS} s)", "", "inclusive:"]
            lines += [
                f"{n:7d} {100 * n / samples:5.1f}% {k}"
                for k, n in inclusive.most_common(PROFILE_TOP)
            ]
            lines += ["", "self:"]
            lines += [
                f"{n:7d} {100 * n / samples:5.1f}% {k}"
                for k, n in own.most_common(PROFILE_TOP // 2)
            ]
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")


def main() -> None:
    event.listen(Engine, "before_cursor_execute", _on_statement)
    path = os.environ.get("LOAD_QUERY_COUNT_FILE")
    if path:
        threading.Thread(target=_writer, args=(path,), daemon=True).start()
    profile = os.environ.get("LOAD_PROFILE_FILE")
    if profile:
        threading.Thread(target=_profiler, args=(profile,), daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[1:]]
    streamlit_main()


if __name__ == "__main__":
    main()
