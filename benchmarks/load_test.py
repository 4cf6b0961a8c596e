"""Load test (not a test of the normal suite): N concurrent sessions run the pages for real.

Usage:
    python benchmarks/load_test.py                       # 50 sessions, 120 s, seeded sample SQLite
    python benchmarks/load_test.py --sessions 50 --duration 120 --database-url URL
    python benchmarks/load_test.py --url http://127.0.0.1:8501 [--server-pid PID]   # attach
    python benchmarks/load_test.py --replicas 2 --sessions 100 --database-url URL   # via HAProxy

Without --url it starts one Streamlit server for app.py on 127.0.0.1 (PUBLIC_READ=1, so sessions
read without signing in) against --database-url, by default the sample data seeded into a SQLite
file in a temporary directory. Every session is a websocket client that speaks Streamlit's own
protocol, like a browser tab: it asks for a script run (BackMsg rerun_script with the page's
script hash, the query string and changed widget states) and waits for the ForwardMsg
script_finished. Sessions click through the pages and change the sidebar filters (jaar,
samenwerking, programma, gemeente) and the pages' own select boxes with real widget changes,
with a random think time between actions.

Counted as failures: an exception element, the Dutch error messages of components/shell/guard.py, a
run that ends with a compile error, a page that is not found, a run that does not finish within
--run-timeout, and a connection that closes or cannot be made.

It adds its report to benchmarks/results/load.md (newest first; --report FILE elsewhere): the machine, the command, page times
(median and 95th percentile, overall and per page), runs per second, the server's memory, and
how many SQL statements and cache hits the server made (cached data is shared across sessions).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/load_test.py
    sys.path.insert(0, str(ROOT))

from benchmarks import record  # noqa: E402 - needs ROOT on the path
from tests.e2e.browser import wait_healthy  # noqa: E402
from tests.pg_server import free_port  # noqa: E402

DEFAULT_REPORT = record.path_of("load")

# Beheer is for signed-in coordinators; readers see only its sign-in form, not the dashboard.
DEFAULT_SKIP = ("Beheer",)
# The sidebar's shared filters by widget key (components/shell/filters.py PARAMS).
SIDEBAR_KEYS = ("f_jaar", "f_samenwerking", "f_programma", "f_gemeente")
# A page run that takes longer than this is a failure (a visitor would think the page hangs).
DEFAULT_RUN_TIMEOUT = 30.0
# A person glances at a page for a few seconds before the next click; kept short so 50 sessions
# put real pressure on two cores.
DEFAULT_THINK = (1.0, 4.0)
# Share of actions that change a filter rather than open another page.
FILTER_SHARE = 0.4
# How often the memory sampler reads /proc.
MEMORY_SAMPLE_SECONDS = 0.25
# Text keys whose message means a page failed (components/shell/guard.py); read from every locale.
FAILURE_TEXT_KEYS = (("fout", "database"), ("presentatie", "niet_beschikbaar"))
SERVER_START_SECONDS = 90


def failure_texts() -> list[str]:
    """The Dutch (and any other locale's) texts that guard.py shows when a page fails."""
    texts = []
    for path in sorted((ROOT / "locales").glob("*.toml")):
        catalogue = tomllib.loads(path.read_text(encoding="utf-8"))
        for section, key in FAILURE_TEXT_KEYS:
            text = catalogue.get(section, {}).get(key)
            if text:
                texts.append(text)
    return texts


# --------------------------------------------------------------------------------------------
# One session


@dataclass
class RunResult:
    page: str
    kind: str  # "open" (another page) or "filter" (a widget change on the same page)
    seconds: float | None  # None when the run did not finish
    failures: list[str] = field(default_factory=list)


class SessionError(Exception):
    """The session's connection failed; the reason is the message."""


@dataclass
class Page:
    name: str
    script_hash: str


class Session:
    """One browser tab: a websocket to /_stcore/stream that asks for runs and reads the deltas."""

    def __init__(self, url: str, run_timeout: float, failure_texts: list[str]):
        self.url = url.rstrip("/")
        self.run_timeout = run_timeout
        self.failure_texts = failure_texts
        self.ws = None
        self.pages: list[Page] = []
        self.query_string = ""
        self.page_hash = ""
        # Widgets drawn in the latest run: key -> (widget id, formatted options).
        self.selectboxes: dict[str, tuple[str, list[str]]] = {}
        self._finished: asyncio.Future | None = None
        self._run_failures: list[str] = []
        self._reader: asyncio.Task | None = None

    async def connect(self) -> None:
        """Open the websocket the way Streamlit's front end does: health check (which sets the
        XSRF cookie), then the stream with subprotocols ["streamlit", <xsrf token>] and Origin."""
        cookie, xsrf = await asyncio.to_thread(self._cookies)
        headers = {"Origin": self.url}
        protocols = ["streamlit"]
        if cookie:
            headers["Cookie"] = cookie
        if xsrf:
            protocols.append(xsrf)
        ws_url = self.url.replace("http://", "ws://", 1).replace("https://", "wss://", 1)
        self.ws = await websockets.connect(
            f"{ws_url}/_stcore/stream",
            subprotocols=protocols,
            additional_headers=headers,
            max_size=None,
            open_timeout=self.run_timeout,
        )
        self._reader = asyncio.create_task(self._read())

    def _cookies(self) -> tuple[str | None, str | None]:
        """The Cookie header to send back (Streamlit's XSRF cookie and, behind HAProxy, its
        sticky cookie) and the XSRF token."""
        with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=self.run_timeout) as r:
            pairs = [h.split(";", 1)[0] for h in r.headers.get_all("set-cookie") or []]
        xsrf = next((p.split("=", 1)[1] for p in pairs if p.startswith("_streamlit_xsrf=")), None)
        return ("; ".join(pairs) or None), xsrf

    async def close(self) -> None:
        if self._reader:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg)
        except websockets.ConnectionClosed:
            pass
        finally:
            if self._finished is not None and not self._finished.done():
                self._finished.set_exception(SessionError("verbinding verbroken"))

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.pages = [Page(p.page_name, p.page_script_hash) for p in msg.navigation.app_pages]
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self._run_failures.append("pagina niet gevonden")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return  # st.rerun(): the same request goes on in a new run
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self._run_failures.append("compileerfout")
            if self._finished is not None and not self._finished.done():
                self._finished.set_result(None)

    def _element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self._run_failures.append(f"exception: {element.exception.type}")
        elif kind == "alert":
            body = element.alert.body
            if any(text in body for text in self.failure_texts):
                self._run_failures.append(f"foutmelding: {body[:60]}")
        elif kind == "selectbox":
            box = element.selectbox
            # Streamlit's ids end in the widget's key ("$$ID-<hash>-f_jaar"); unkeyed: the id.
            key = box.id.rsplit("-", 1)[-1]
            key = box.id if key == "None" else key
            self.selectboxes[key] = (box.id, list(box.options))

    async def run(self, page_hash: str, query_string: str, widgets: list[WidgetState]) -> tuple:
        """Ask for one script run and wait for it to finish: (seconds or None, failures)."""
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_script_hash = page_hash
        msg.rerun_script.widget_states.widgets.extend(widgets)
        self._run_failures = []
        self.selectboxes = {}
        self._finished = asyncio.get_running_loop().create_future()
        start = time.monotonic()
        try:
            await self.ws.send(msg.SerializeToString())
            done, _ = await asyncio.wait({self._finished}, timeout=self.run_timeout)
            if not done:
                # Wait (unmeasured) for the late end, so it is not taken for the next run's end.
                await asyncio.wait({self._finished}, timeout=self.run_timeout)
                return None, [*self._run_failures, "time-out"]
            self._finished.result()  # raises when the connection closed during the run
        except (SessionError, websockets.ConnectionClosed) as exc:
            raise SessionError(str(exc) or "verbinding verbroken") from exc
        return time.monotonic() - start, list(self._run_failures)


async def session_loop(
    number: int,
    url: str,
    deadline: float,
    think: tuple[float, float],
    run_timeout: float,
    skip: tuple[str, ...],
    texts: list[str],
    results: list[RunResult],
    errors: list[str],
) -> None:
    """Click through the pages and change filters until the deadline."""
    rng = random.Random(number)
    session = Session(url, run_timeout, texts)
    try:
        await asyncio.sleep(rng.uniform(0, think[1]))  # people do not all click at once
        await session.connect()
        seconds, failures = await session.run("", "", [])
        current = next((p for p in session.pages if p.script_hash == session.page_hash), None)
        results.append(RunResult(current.name if current else "?", "open", seconds, failures))
        pages = [p for p in session.pages if p.name not in skip]
        if not pages:
            raise SessionError("geen pagina's in de navigatie")
        order = pages[:]
        rng.shuffle(order)
        step = 0
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(*think))
            if time.monotonic() >= deadline:
                break
            change = filter_change(session, rng) if rng.random() < FILTER_SHARE else None
            if change is not None:
                kind, widgets = "filter", [change]
                target, query = current, session.query_string
            else:
                kind, widgets = "open", []
                target, query = order[step % len(order)], ""
                step += 1
            seconds, failures = await session.run(target.script_hash, query, widgets)
            results.append(RunResult(target.name, kind, seconds, failures))
            current = target
    except (SessionError, OSError, websockets.WebSocketException) as exc:
        errors.append(f"sessie {number}: {type(exc).__name__}: {exc}")
    finally:
        await session.close()


def filter_change(session: Session, rng: random.Random) -> WidgetState | None:
    """A real widget change: another option in the sidebar's filters (mostly jaar and
    samenwerking) or one of the page's own select boxes, from the widgets of the latest run."""
    boxes = {k: v for k, v in session.selectboxes.items() if len(v[1]) > 1}
    if not boxes:
        return None
    sidebar = [k for k in SIDEBAR_KEYS if k in boxes]
    preferred = [k for k in ("f_jaar", "f_samenwerking") if k in boxes]
    own = [k for k in boxes if k not in SIDEBAR_KEYS]
    roll = rng.random()
    if preferred and roll < 0.6:
        key = rng.choice(preferred)
    elif own and roll < 0.85:
        key = rng.choice(own)
    else:
        key = rng.choice(sidebar or list(boxes))
    widget_id, options = boxes[key]
    # Municipalities: a few hundred options; any is a real choice.
    state = WidgetState(id=widget_id)
    state.string_value = rng.choice(options)
    return state


# --------------------------------------------------------------------------------------------
# The server and its memory


def process_tree(pid: int | list[int]) -> list[int]:
    """pid (or several: the replicas) and all descendants (by the parent field of /proc/<pid>/stat)."""
    children = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children[parent].append(int(entry.name))
    tree, todo = [], list(pid) if isinstance(pid, list) else [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def cpu_seconds(pid: int | list[int]) -> float:
    """CPU time (user + system) used so far by the server and its children."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / ticks


def rss_bytes(pid: int | list[int]) -> int:
    """Resident memory of the server and its children (VmRSS of /proc/<pid>/status)."""
    total = 0
    for p in process_tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class MemorySampler:
    """Samples the server's RSS in a thread; keeps the peak."""

    def __init__(self, pid: int | list[int]):
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            self._stop.wait(MEMORY_SAMPLE_SECONDS)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes(self.pid))


@contextlib.contextmanager
def started_server(
    database_url: str | None,
    workdir: Path,
    log_path: Path,
    script: str = "app.py",
    profile: Path | None = None,
):
    """Seed the sample data if no database is given, then serve `script` (app.py) on a free port
    of 127.0.0.1; yields (url, pid, file with the SQL statement count)."""
    env = {**os.environ, "PUBLIC_READ": "1"}
    if profile is not None:
        env["LOAD_PROFILE_FILE"] = str(profile.resolve())
    if database_url is None:
        database_url = f"sqlite:///{workdir / 'monitor.sqlite'}"
        subprocess.run(
            [sys.executable, "-m", "data_access", "--database-url", database_url, "seed"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
    count_file = workdir / "query_count"
    env.update(DATABASE_URL=database_url, LOAD_QUERY_COUNT_FILE=str(count_file))
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable, str(ROOT / "benchmarks" / "load_server.py"), "run", script,
                "--server.headless", "true", "--server.address", "127.0.0.1",
                "--server.port", str(port), "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process, SERVER_START_SECONDS)
            yield url, process.pid, count_file
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def started_replicas(n: int, database_url: str | None, workdir: Path, log_dir: Path | None):
    """`n` replicas of serve.py behind HAProxy (deploy/replicas.py) on `database_url` (PostgreSQL
    for more than one); yields (HAProxy's url, the pids of the replicas and HAProxy)."""
    from deploy import replicas as topology

    env = {**os.environ, "PUBLIC_READ": "1"}
    if database_url is None:
        database_url = f"sqlite:///{workdir / 'monitor.sqlite'}"
        subprocess.run(
            [sys.executable, "-m", "data_access", "--database-url", database_url, "seed"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
    env["DATABASE_URL"] = database_url
    logs = log_dir or workdir
    logs.mkdir(parents=True, exist_ok=True)
    with topology.running(n, env, log_dir=logs) as running:
        pids = [p.pid for p in running.replicas.values()] + [running.haproxy.pid]
        yield running.url, pids


def read_count(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return None


def cache_metrics(url: str) -> dict[str, float]:
    """Streamlit's own cache counters (/_stcore/metrics): hits, misses and bytes of the app's
    caches. The query results and the built objects are st.cache_resource since 30-11 (shared,
    not pickled; components/shell/data.py); st.cache_data is counted too."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as r:
            text = r.read().decode()
    except OSError:
        return {}
    totals: Counter = Counter()
    for line in text.splitlines():
        if line.startswith("#") or not any(
            f'cache_type="{kind}"' in line for kind in ("st_cache_data", "st_cache_resource")
        ):
            continue
        name, value = line.rsplit(" ", 1)
        if name.startswith("cache_lookups_total"):
            totals["hit" if 'result="hit"' in name else "miss"] += float(value)
        elif name.startswith("cache_memory_bytes"):
            totals["bytes"] += float(value)
            totals["entries_caches"] += 1
    return dict(totals)


# --------------------------------------------------------------------------------------------
# The run and its report


@dataclass
class LoadResult:
    sessions: int
    duration: float
    wall: float
    results: list[RunResult]
    errors: list[str]
    rss_before: int | None = None
    rss_idle: int | None = None
    rss_peak: int | None = None
    rss_after: int | None = None
    queries: int | None = None
    cache: dict = field(default_factory=dict)
    # The machine's 1-minute load average before and after: other work on it slows pages too.
    load_before: float = 0.0
    load_after: float = 0.0
    # CPU seconds used during the sessions by the server and by this process (the clients).
    server_cpu: float | None = None
    client_cpu: float = 0.0

    @property
    def finished(self) -> list[RunResult]:
        return [r for r in self.results if r.seconds is not None]

    @property
    def failures(self) -> list[str]:
        return [f"{r.page}: {f}" for r in self.results for f in r.failures] + self.errors


async def drive(
    url: str,
    sessions: int,
    duration: float,
    think: tuple[float, float],
    run_timeout: float,
    skip: tuple[str, ...],
) -> tuple[list[RunResult], list[str], float]:
    results: list[RunResult] = []
    errors: list[str] = []
    texts = failure_texts()
    start = time.monotonic()
    deadline = start + duration
    await asyncio.gather(
        *(
            session_loop(n, url, deadline, think, run_timeout, skip, texts, results, errors)
            for n in range(sessions)
        )
    )
    return results, errors, time.monotonic() - start


def warm_up(url: str, run_timeout: float) -> None:
    """One session opens the default page once, so the first measured run is not the server's
    cold start (imports, migrations check, first queries)."""

    async def once():
        session = Session(url, run_timeout, [])
        try:
            await session.connect()
            await session.run("", "", [])
        finally:
            await session.close()

    asyncio.run(once())


def run_load(
    url: str | None = None,
    database_url: str | None = None,
    sessions: int = 50,
    duration: float = 120.0,
    think: tuple[float, float] = DEFAULT_THINK,
    run_timeout: float = DEFAULT_RUN_TIMEOUT,
    skip: tuple[str, ...] = DEFAULT_SKIP,
    server_pid: int | None = None,
    log_path: Path | None = None,
    script: str = "app.py",
    profile: Path | None = None,
    replicas: int = 0,
) -> LoadResult:
    """Run the load against `url`, or against a server started here (with `replicas`: that many
    app processes behind HAProxy, see deploy/replicas.py); returns the measurements."""
    with contextlib.ExitStack() as stack:
        count_file = None
        if url is None and replicas:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-")))
            url, server_pid = stack.enter_context(
                started_replicas(replicas, database_url, workdir, log_path)
            )
        elif url is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-")))
            url, server_pid, count_file = stack.enter_context(
                started_server(
                    database_url, workdir, log_path or workdir / "streamlit.log", script, profile
                )
            )
        rss_idle = rss_bytes(server_pid) if server_pid else None
        warm_up(url, run_timeout)
        rss_before = rss_bytes(server_pid) if server_pid else None
        queries_before = read_count(count_file)
        load_before = os.getloadavg()[0]
        server_cpu_before = cpu_seconds(server_pid) if server_pid else None
        client_cpu_before = time.process_time()
        sampler = MemorySampler(server_pid) if server_pid else contextlib.nullcontext()
        with sampler:
            results, errors, wall = asyncio.run(
                drive(url, sessions, duration, think, run_timeout, skip)
            )
        if count_file is not None:
            time.sleep(1.0)  # the counter file is written every half second
        queries_after = read_count(count_file)
        outcome = LoadResult(sessions, duration, wall, results, errors)
        outcome.load_before, outcome.load_after = load_before, os.getloadavg()[0]
        outcome.client_cpu = time.process_time() - client_cpu_before
        if server_cpu_before is not None:
            outcome.server_cpu = cpu_seconds(server_pid) - server_cpu_before
        if server_pid:
            outcome.rss_idle, outcome.rss_before = rss_idle, rss_before
            outcome.rss_peak, outcome.rss_after = sampler.peak, rss_bytes(server_pid)
        if queries_before is not None and queries_after is not None:
            outcome.queries = queries_after - queries_before
        outcome.cache = cache_metrics(url)
        return outcome


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def machine() -> str:
    model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    return f"{model}, {os.cpu_count()} cores, {ram} RAM, Python {platform.python_version()}"


def _mb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024 / 1024:.0f} MB"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def report(outcome: LoadResult, command: str, database: str) -> str:
    done = outcome.finished
    times = [r.seconds for r in done]
    lines = [
        f"- Datum: {datetime.now().strftime('%d-%m-%Y %H:%M')}",
        f"- Machine: {machine()}",
        f"- Opdracht: `{command}`",
        f"- Database: {database}",
        f"- Sessies: {outcome.sessions} tegelijk, {outcome.duration:.0f} s "
        f"(gemeten {outcome.wall:.0f} s)",
        f"- Load average van de machine (1 min) voor / na: {outcome.load_before:.1f} / "
        f"{outcome.load_after:.1f} (de server en de {outcome.sessions} clients delen de cores)",
        "",
        "| maat | waarde |",
        "| --- | --- |",
        f"| paginaruns afgerond | {len(done)} |",
        f"| runs per seconde | {len(done) / outcome.wall:.1f} |".replace(".", ","),
        f"| mediaan paginatijd | {_ms(median(times)) if times else '–'} ms |",
        f"| 95e percentiel | {_ms(percentile(times, 95)) if times else '–'} ms |",
        f"| langste run | {_ms(max(times)) if times else '–'} ms |",
        f"| fouten | {len(outcome.failures)} |",
    ]
    if outcome.rss_before is not None:
        per_session = (outcome.rss_peak - outcome.rss_before) / outcome.sessions
        lines += [
            f"| servergeheugen (RSS) na start / voor sessies | {_mb(outcome.rss_idle)} / "
            f"{_mb(outcome.rss_before)} |",
            f"| servergeheugen piek / na afloop | {_mb(outcome.rss_peak)} / "
            f"{_mb(outcome.rss_after)} |",
            f"| geheugen per sessie ((piek − voor) / N) | {per_session / 1024 / 1024:.1f} MB |"
            .replace(".", ","),
        ]  # fmt: skip
    if outcome.server_cpu is not None and done:
        lines.append(
            f"| CPU-tijd server / clients | {outcome.server_cpu:.0f} s / {outcome.client_cpu:.0f} s "
            f"({outcome.server_cpu / len(done) * 1000:.0f} ms server-CPU per run; "
            f"{outcome.server_cpu / outcome.wall:.2f} van een core) |".replace(".", ",")
        )
    if outcome.queries is not None:
        lines.append(
            f"| SQL-statements tijdens de test | {outcome.queries} (bij {len(done)} paginaruns) |"
        )
    if outcome.cache:
        lines.append(
            f"| Streamlit-caches: treffers / missers / omvang | {outcome.cache.get('hit', 0):.0f} / "
            f"{outcome.cache.get('miss', 0):.0f} / {outcome.cache.get('bytes', 0) / 1024:.0f} kB |"
        )
    lines += [
        "",
        "Paginatijd = van het verzoek om een run (BackMsg `rerun_script`) tot `script_finished`.",
        "",
        "| pagina | soort | runs | mediaan (ms) | p95 (ms) | langste (ms) | fouten |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    groups = defaultdict(list)
    for r in outcome.results:
        groups[(r.page, r.kind)].append(r)
    for (page, kind), runs in sorted(groups.items()):
        t = [r.seconds for r in runs if r.seconds is not None]
        fails = sum(len(r.failures) for r in runs)
        soort = "openen" if kind == "open" else "filter"
        cells = (_ms(median(t)), _ms(percentile(t, 95)), _ms(max(t))) if t else ("–",) * 3
        lines.append(f"| {page} | {soort} | {len(runs)} | {' | '.join(cells)} | {fails} |")
    for kind, label in (("open", "alle pagina's openen"), ("filter", "alle filterwijzigingen")):
        t = [r.seconds for r in done if r.kind == kind]
        if t:
            fails = sum(len(r.failures) for r in outcome.results if r.kind == kind)
            lines.append(
                f"| **{label}** | | {len(t)} | {_ms(median(t))} | {_ms(percentile(t, 95))} "
                f"| {_ms(max(t))} | {fails} |"
            )
    if outcome.failures:
        lines += ["", "Fouten (eerste 20):", ""]
        lines += [f"- {f}" for f in outcome.failures[:20]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="attach to a running server instead of starting one")
    parser.add_argument("--server-pid", type=int, help="with --url: the server's pid (memory)")
    parser.add_argument("--database-url", help="default: the sample data in a temporary SQLite")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds")
    parser.add_argument("--think", type=float, nargs=2, default=DEFAULT_THINK,
                        metavar=("MIN", "MAX"), help="think time between actions, seconds")  # fmt: skip
    parser.add_argument("--run-timeout", type=float, default=DEFAULT_RUN_TIMEOUT)
    parser.add_argument("--skip", nargs="*", default=list(DEFAULT_SKIP), help="page titles")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--server-log", type=Path,
                        help="keep the started server's log here (with --replicas: a folder)")  # fmt: skip
    parser.add_argument("--replicas", type=int, default=0,
                        help="start this many app processes behind HAProxy (deploy/replicas.py)")  # fmt: skip
    parser.add_argument("--profile", type=Path,
                        help="sample the started server's stacks; write the top functions here")  # fmt: skip
    args = parser.parse_args(argv)

    outcome = run_load(
        url=args.url,
        database_url=args.database_url,
        sessions=args.sessions,
        duration=args.duration,
        think=tuple(args.think),
        run_timeout=args.run_timeout,
        skip=tuple(args.skip),
        server_pid=args.server_pid,
        log_path=args.server_log,
        profile=args.profile,
        replicas=args.replicas,
    )
    database = (
        args.url or args.database_url or "voorbeelddata (seed) in een tijdelijk SQLite-bestand"
    )
    if args.database_url and "@" in args.database_url:
        database = "PostgreSQL"  # never write a password into the report
    command = "python benchmarks/load_test.py " + shlex.join(argv or sys.argv[1:])
    text = report(outcome, command.strip(), database)
    started = datetime.now()
    where = f"{args.replicas} replica's achter HAProxy" if args.replicas else "één server"
    heading = (f"{started:%d-%m-%Y %H:%M}: {args.sessions} sessies, {args.duration:.0f} s, "
               f"{where}, {database}")  # fmt: skip
    record.add_run("load", heading, text, run_id=f"{started:%Y%m%d-%H%M%S}", path=args.report)
    print(text)
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
