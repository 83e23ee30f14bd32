"""PostgreSQL restarted in the middle of a load (run by tests/bench/bench_faults.py).

A private PostgreSQL cluster (throwaway_site.PrivateCluster) holds the site, served by gunicorn under production
settings (persistent connections, checked before reuse). Readers open the home page, the contest page and the
search; entrants send contest entries, every other one with a PDF. After a while the cluster is stopped (a fast
shutdown, as an administrator's restart), left down for --gap seconds, and started again; the load goes on
until it has run as long again.

Counted: every answer, by phase (before, the gap, after) and kind. During the gap a request must fail cleanly: the
Vietnamese page saying the site is busy, 503 with Retry-After, never a traceback or a 500. Then checked: every
entry that got a receipt is saved with its file; no row without its file, no file without its row; every request
sent once the database was back succeeded, and no gunicorn worker was restarted.
"""

import itertools
import threading
import time
import urllib.request
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
    PDF,
    RECEIPT,
    entrant_email,
    entry_request,
    files_under,
    form_credentials,
    private_cluster,
    query,
    site_env,
    throwaway_site,
)

SEARCH = "/api/search/?q=" + quote("thi đua")


def run(options, workdir):
    with (
        private_cluster() as cluster,
        throwaway_site(cluster.url, "bench_faults_postgres", site_env(workdir), contest=True) as (env, made),
    ):
        url = env["DATABASE_URL"]
        log = workdir / "gunicorn-postgres.log"
        with gunicorn(env, log, workers=2, threads=4) as (base, _):
            answers, phases, down = load_through_a_restart(base, made["contest"], cluster, options)
        return report(answers, phases, down, url, workdir, log)


def load_through_a_restart(base, contest, cluster, options):
    page_url = base + contest["path"]
    credentials = form_credentials(page_url)
    numbers = itertools.count(1)
    lock = threading.Lock()
    reads = itertools.cycle([base + "/", page_url, base + SEARCH])
    down = {}

    def make_request(phase):
        with lock:
            number = next(numbers)
            read_url = next(reads)
        if number % 2:
            request = urllib.request.Request(read_url)
            request.kind = "read"
            return request
        with_file = number % 4 == 0
        request = entry_request(
            page_url, number, contest["category"], credentials, attachment=PDF if with_file else None
        )
        request.kind, request.number, request.with_file = "entry", number, with_file
        return request

    def script(phases):
        time.sleep(options.before)
        phases.enter("restart gap")
        stopped = time.monotonic()
        cluster.stop()
        time.sleep(options.gap)
        cluster.start()
        down["seconds"] = time.monotonic() - stopped
        phases.enter("after")
        time.sleep(options.before + options.gap)

    answers, phases = run_load(make_request, script, options.concurrency)
    return answers, phases, down["seconds"]


def outcome_of(request, answer):
    if request.kind == "entry" and answer.status == 200 and RECEIPT.search(answer.body):
        return OK
    if request.kind == "read" and answer.status == 200:
        return OK
    return REFUSED if clean_refusal(answer) else FAILED


def report(answers, phases, down, url, workdir, log):
    refusals = [answer for request, answer in answers if outcome_of(request, answer) == REFUSED]
    saved = dict(query(url, "SELECT email, file FROM contests_entry"))
    on_disk = files_under(workdir / "private-media")
    receipted = [
        request
        for request, answer in answers
        if request.kind == "entry" and outcome_of(request, answer) == OK
    ]
    lost = sum(
        entrant_email(request.number) not in saved
        or (request.with_file and saved[entrant_email(request.number)] not in on_disk)
        for request in receipted
    )
    without_file = [file for file in saved.values() if file and file not in on_disk]
    left = on_disk - {file for file in saved.values() if file}
    after = [outcome_of(request, answer) for request, answer in answers if request.phase == "after"]
    workers_booted = log.read_text().count("Booting worker")
    return FaultReport(
        fault="PostgreSQL restarted",
        counts=tally(answers, phases, outcome_of),
        checks=[
            (
                f"refusals during the gap: the busy page, 503 with Retry-After ({len(refusals)})",
                all("Retry-After" in answer.headers for answer in refusals),
            ),
            (
                f"rows without their file: {len(without_file)}; files without their row: {len(left)}",
                not without_file and not left,
            ),
            (
                f"requests sent once the database was back that failed: {after.count(FAILED) + after.count(REFUSED)}",
                bool(after) and after.count(OK) == len(after),
            ),
            (f"gunicorn workers started: {workers_booted} (none restarted)", workers_booted == 2),
        ],
        lost=lost,
        notes=[
            f"PostgreSQL stopped and started again: down {down:.1f} s",
            f"entries with a receipt: {len(receipted)}; saved in all: {len(saved)} (saved whole though their answer "
            "was the busy page, the database having gone between the commit and the page: "
            f"{len(saved) - len(receipted)}; the same form sent again shows the receipt)",
            p95_note(answers, "read", phases),
            *failure_notes(answers, outcome_of),
        ],
    )
