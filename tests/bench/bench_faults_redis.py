"""Redis, the shared cache, stopped in the middle of a load (run by tests/bench/bench_faults.py).

A redis-server of the run's own on a free port (tests/redis_servers.py) holds the shared cache of a throwaway
site: the page cache (PAGE_CACHE_SECONDS=60), the rate limits, the search's circuit breaker. Readers open the
outlets' home pages, the contest page, the content API and the search; entrants send contest entries. Mid-load
`redis-cli shutdown nosave` stops Redis; a while later it is started again, empty.

Counted: every answer, by phase and kind. While Redis is down pages must be served, made afresh; the readers'
limits (the content API) let requests through (fail open) and the public forms refuse them with a Vietnamese
message to try again in a moment (fail closed: an uncounted form would take a flood); never a 500. Then checked:
every entry with a receipt is saved, and forms take entries again once Redis is back.
"""

import itertools
import subprocess
import threading
import time
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote

from tests.bench.fault_runs import (
    FAILED,
    OK,
    REFUSED,
    FaultReport,
    clean_refusal,
    failure_notes,
    p95_note,
    run_load,
    tally,
)
from tests.bench.load_harness import gunicorn
from tests.bench.throwaway_site import (
    RECEIPT,
    entrant_email,
    entry_request,
    form_credentials,
    postgres_server,
    query,
    site_env,
    throwaway_site,
)
from tests.redis_servers import RedisServer

HOSTS = ["127.0.0.1", "drt.localhost", "congthongtin.localhost"]
DOWN = "Redis down"


def run(options, workdir):
    redis = RedisServer()
    env = site_env(workdir, REDIS_URL=redis.url, PAGE_CACHE_SECONDS=60)
    with (
        running(redis),
        postgres_server() as server,
        throwaway_site(server, "bench_faults_redis", env, contest=True) as (env, made),
    ):
        url = env["DATABASE_URL"]
        log = workdir / "gunicorn-redis.log"
        with gunicorn(env, log, workers=2, threads=4) as (base, _):
            answers, phases = load_through_an_outage(base, made["contest"], redis, options)
        return report(answers, phases, url)


@contextmanager
def running(redis):
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


def load_through_an_outage(base, contest, redis, options):
    page_url = base + contest["path"]
    credentials = form_credentials(page_url)
    numbers = itertools.count(1)
    lock = threading.Lock()
    reads = itertools.cycle(
        [*((base + "/", host) for host in HOSTS), (page_url, None), (base + "/api/v2/pages/", None)]
        + [(f"{base}/api/search/?q={quote('thi đua')}", None)]
    )

    def make_request(phase):
        with lock:
            number = next(numbers)
            read_url, host = next(reads)
        if number % 4:
            request = urllib.request.Request(read_url, headers={"Host": host} if host else {})
            request.kind = "read (API)" if "/api/" in read_url else "read (page)"
            return request
        request = entry_request(page_url, number, contest["category"], credentials, attachment=None)
        request.kind, request.number = "entry", number
        return request

    def script(phases):
        time.sleep(options.before)
        subprocess.run(["redis-cli", "-p", str(redis.port), "shutdown", "nosave"], check=False)
        redis.process.wait(timeout=10)
        phases.enter(DOWN)
        time.sleep(options.before)
        redis.start()
        phases.enter("Redis back")
        time.sleep(options.before)

    return run_load(make_request, script, options.concurrency)


def outcome_of(request, answer):
    if request.kind == "entry" and answer.status == 200 and RECEIPT.search(answer.body):
        return OK
    if request.kind.startswith("read") and answer.status == 200:
        return OK
    return REFUSED if request.kind == "entry" and clean_refusal(answer) else FAILED


def report(answers, phases, url):
    saved = {email for (email,) in query(url, "SELECT email FROM contests_entry")}
    receipted = [
        request
        for request, answer in answers
        if request.kind == "entry" and outcome_of(request, answer) == OK
    ]
    # Sent and answered while Redis was down: a request sent just before it came back may be answered after.
    down = [
        (request, outcome_of(request, answer))
        for request, answer in answers
        if request.phase == DOWN and phases.answered_within(request, answer)
    ]
    reads_down = [outcome for request, outcome in down if request.kind.startswith("read")]
    entries_down = [outcome for request, outcome in down if request.kind == "entry"]
    entries_back = [
        outcome_of(request, answer)
        for request, answer in answers
        if request.kind == "entry" and request.phase == "Redis back"
    ]
    return FaultReport(
        fault="Redis stopped",
        counts=tally(answers, phases, outcome_of),
        checks=[
            (
                f"pages and the API served while Redis was down: {reads_down.count(OK)} of {len(reads_down)}",
                bool(reads_down) and reads_down.count(OK) == len(reads_down),
            ),
            (
                f"entries refused while Redis was down (fail closed): {entries_down.count(REFUSED)} of "
                f"{len(entries_down)}",
                bool(entries_down) and entries_down.count(REFUSED) == len(entries_down),
            ),
            (
                f"entries taken again once Redis was back: {entries_back.count(OK)} of {len(entries_back)}",
                OK in entries_back,
            ),
        ],
        lost=sum(entrant_email(request.number) not in saved for request in receipted),
        notes=[
            p95_note(answers, "read (page)", phases),
            p95_note(answers, "read (API)", phases),
            *failure_notes(answers, outcome_of),
        ],
    )
