"""What the load benchmarks share: gunicorn started on a free port of the loopback, wrk pointed at a URL, and a
bounded pool of Python clients for requests wrk cannot make (forms, uploads, a different body each time).

Figures measured on loopback say what one machine serves, both processes sharing its cores: they compare page
types and settings with each other, not with a production server.
"""

import dataclasses
import http.client
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# wrk prints its own summary without a 95th percentile: this script prints the figures as one JSON line.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "non_2xx_3xx": %d, '
    .. '"socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env, log_path, *, workers=2, threads=1, timeout=120, ready_path="/"):
    """gunicorn serving newsroom.wsgi on a free loopback port for the length of the block; yields (base URL, the
    master's Popen). It is stopped at the end whatever happened inside."""
    port = free_port()
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "newsroom.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--timeout={timeout}",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + ready_path, process, log_path)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def cpu_seconds(pid):
    """The CPU time (user and system) a process and its descendants have used so far (Linux's /proc): gunicorn's
    master and its workers, for the CPU a request costs, which other work on the machine changes less than its
    latency."""
    pending, total = [pid], 0
    while pending:
        current = pending.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue  # ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()  # from the third field on: the name may hold spaces
        total += int(fields[11]) + int(fields[12])  # utime and stime, in clock ticks
        pending += [int(child) for child in children]
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_up(url, process, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped; see {log_path}.")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return  # Any answer is an answer: the server is up.
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer in {seconds} seconds; see {log_path}.")


@dataclasses.dataclass(frozen=True)
class LoadFigures:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    failed: int  # non-2xx/3xx answers and socket errors

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(url, *, host=None, connections=8, seconds=10, threads=2, headers=()):
    """Figures of wrk hammering one URL over `connections` kept-alive connections for `seconds`."""
    if not shutil.which("wrk"):
        sys.exit("Debian's wrk is needed (apt-get install wrk).")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    command = ["wrk", f"--connections={connections}", f"--threads={threads}", f"--duration={seconds}s"]
    command += ["--timeout=30s", f"--script={script.name}"]
    for name, value in [*headers, *([("Host", host)] if host else [])]:
        command += ["--header", f"{name}: {value}"]
    finished = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    Path(script.name).unlink()
    figures = json.loads(finished.stdout.strip().splitlines()[-1])
    return LoadFigures(
        requests=figures["requests"],
        seconds=figures["seconds"],
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        failed=figures["non_2xx_3xx"] + figures["socket_errors"],
    )


@dataclasses.dataclass(frozen=True)
class Answer:
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    body: bytes
    seconds: float
    headers: dict = dataclasses.field(default_factory=dict)  # of the last response, after any redirect


def send(request, timeout=120):
    """The Answer to one urllib Request (redirects followed), whatever happened."""
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(
                response.status, response.read(), time.perf_counter() - began, dict(response.headers)
            )
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(), time.perf_counter() - began, dict(error.headers))
    except (OSError, http.client.HTTPException) as error:
        return Answer(0, str(error).encode(), time.perf_counter() - began)


def send_all(requests, concurrency, timeout=120):
    """Each urllib Request sent once, at most `concurrency` at a time, all released together: the answers in the
    order of the requests and the wall-clock seconds of the whole."""
    start = threading.Barrier(min(concurrency, len(requests)) + 1)

    def first_wave(request):
        start.wait()
        return send(request, timeout)

    wave = min(concurrency, len(requests))
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(first_wave, request) for request in requests[:wave]]
        start.wait()
        began = time.perf_counter()
        futures += [pool.submit(send, request, timeout) for request in requests[wave:]]
        answers = [future.result() for future in futures]
    return answers, time.perf_counter() - began


def keep_sending(next_request, concurrency, stop, timeout=30):
    """A steady load: `concurrency` clients, each sending `next_request()` (a urllib Request) as soon as it has its
    previous answer, until the threading.Event `stop` is set. Yields, as they come, (the request, the seconds since
    the load began when it was sent, its Answer)."""
    answers = queue.SimpleQueue()
    began = time.perf_counter()

    def client():
        while not stop.is_set():
            request = next_request()
            sent = time.perf_counter() - began
            answers.put((request, sent, send(request, timeout)))
        answers.put(None)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    running = len(threads)
    while running:
        item = answers.get()
        if item is None:
            running -= 1
        else:
            yield item


def percentile(values, percent):
    """The nearest-rank percentile of a list of numbers."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * percent // 100) - 1)]
