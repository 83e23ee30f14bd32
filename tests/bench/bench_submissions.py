#!/usr/bin/env python
"""Deadline rushes on a real server: contest entries and units' nominations sent at once, and nothing lost.

    .venv/bin/python tests/bench/bench_submissions.py [--entries 200] [--units 100] [--workers 4] [--threads 8]
        [--concurrency 300] [--quick] [--json FILE]

A throwaway site (tests/bench/throwaway_site.py: on the PostgreSQL server DATABASE_URL names, else on a private
cluster; production settings on the loopback) with an open contest and UNITS units, each with its officer, in
an open nomination round. gunicorn serves it; the rushes come from this process, each request released at once
(at most --concurrency in flight):

1. ENTRIES contest entries from the public, every other one with a PDF;
2. every unit's officer, logged in with a session of their own, files the round's quota of nominations (3 a
   unit), each with a PDF attached;
3. each officer submits the unit's nominations to the Department.

For each rush: requests per second, the median and 95th percentile of the answers' times, errors (any answer
but the page of a success) and lost: sent but not saved whole (no row, or a row whose file is not on disk). It
then checks that no file was left on disk without its row. Exit status 1 unless errors, lost and left files are
all 0.
"""

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.load_harness import gunicorn, percentile, send_all  # noqa: E402
from tests.bench.throwaway_site import (  # noqa: E402
    FILED_MARK,
    PDF,
    RECEIPT,
    entrant_email,
    entry_request,
    files_under,
    form_credentials,
    log_in,
    nomination_request,
    post_form,
    postgres_server,
    query,
    site_env,
    throwaway_site,
)

QUICK = {"entries": 40, "units": 10}
# What the page after a filed nomination shows (its record, with the step to submit it) and the form does not.


@dataclasses.dataclass
class Rush:
    name: str
    sent: int
    seconds: float
    p50: float
    p95: float
    errors: int
    lost: int

    @property
    def per_second(self):
        return self.sent / self.seconds if self.seconds else 0.0

    @property
    def ok(self):
        return self.errors == 0 and self.lost == 0


def main():
    options = parse_arguments()
    workdir = Path(tempfile.mkdtemp(prefix="bench-submissions-"))
    site = {"contest": True, "units": options.units}
    log = workdir / "gunicorn.log"
    with (
        postgres_server() as server,
        throwaway_site(server, "bench_submissions", site_env(workdir), **site) as (env, made),
        gunicorn(env, log, workers=options.workers, threads=options.threads) as (base, _),
    ):
        url = env["DATABASE_URL"]
        rushes = [
            entries_rush(base, made["contest"], options, url, workdir),
            *nominations_rushes(base, made["nominations"], options, url, workdir),
        ]
        left = left_files(url, workdir)
    print_report(options, rushes, left, log)
    ok = all(rush.ok for rush in rushes) and not left
    if options.json:
        figures = {
            "rushes": [{**dataclasses.asdict(rush), "ok": rush.ok} for rush in rushes],
            "left": len(left),
        }
        Path(options.json).write_text(json.dumps({**figures, "ok": ok}))
    return 0 if ok else 1


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200, help="contest entries sent at once (default 200)")
    parser.add_argument(
        "--units", type=int, default=100, help="units filing 3 nominations each (default 100)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    parser.add_argument(
        "--concurrency", type=int, default=300, help="requests in flight at most (default 300)"
    )
    parser.add_argument("--quick", action="store_true", help=f"a small run: {QUICK}")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE, as JSON")
    options = parser.parse_args()
    if options.quick:
        vars(options).update(QUICK)
    return options


def entries_rush(base, contest, options, url, workdir):
    page_url = base + contest["path"]
    credentials = form_credentials(page_url)
    with_file = {number: number % 2 == 0 for number in range(options.entries)}
    requests = [
        entry_request(
            page_url, number, contest["category"], credentials, attachment=PDF if attached else None
        )
        for number, attached in with_file.items()
    ]
    answers, seconds = send_all(requests, concurrency=min(options.concurrency, len(requests)))
    errors = sum(answer.status != 200 or not RECEIPT.search(answer.body) for answer in answers)
    saved = dict(query(url, "SELECT email, file FROM contests_entry"))
    on_disk = files_under(workdir / "private-media")
    lost = sum(
        entrant_email(number) not in saved or (attached and saved[entrant_email(number)] not in on_disk)
        for number, attached in with_file.items()
    )
    return rush("contest entries", answers, seconds, errors, lost)


def nominations_rushes(base, nominations, options, url, workdir):
    sessions = log_in_everyone(base, nominations["officers"], nominations["add_path"])
    add_url = base + nominations["add_path"]
    requests = [
        nomination_request(add_url, nominations, f"{unit}-{n}", session, attachment=PDF)
        for unit, session in enumerate(sessions)
        for n in range(nominations["quota"])
    ]
    answers, seconds = send_all(requests, concurrency=min(options.concurrency, len(requests)))
    errors = sum(answer.status != 200 or FILED_MARK not in answer.body for answer in answers)
    saved = query(
        url,
        "SELECT a.file FROM exemplars_nomination n JOIN exemplars_nominationattachment a ON a.nomination_id = n.id",
    )
    on_disk = files_under(Path(workdir / "private-media" / "nominations"))
    filed = rush(
        "nominations filed", answers, seconds, errors, len(requests) - sum(f in on_disk for (f,) in saved)
    )
    return [filed, submissions_rush(base, nominations, sessions, options, url)]


def log_in_everyone(base, officers, form_path):
    """Each officer's own session, through the login form, eight at a time (as the morning of a deadline), with
    the form of a new nomination opened."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda username: log_in(base, username, form_path), officers))


def submissions_rush(base, nominations, sessions, options, url):
    by_officer = dict(zip(nominations["officers"], sessions, strict=True))
    filed = query(
        url, "SELECT n.id, u.username FROM exemplars_nomination n JOIN auth_user u ON u.id = n.created_by_id"
    )
    step_path = nominations["step_path"].replace("/0/", "/{}/")
    requests = [
        post_form(
            base + step_path.format(pk),
            {"csrfmiddlewaretoken": by_officer[username][1], "note": ""},
            {},
            by_officer[username][0],
        )
        for pk, username in filed
    ]
    answers, seconds = send_all(requests, concurrency=min(options.concurrency, len(requests)))
    errors = sum(answer.status != 200 for answer in answers)
    [(submitted,)] = query(url, "SELECT count(*) FROM exemplars_nomination WHERE status = 'submitted'")
    expected = len(nominations["officers"]) * nominations["quota"]
    return rush("nominations submitted", answers, seconds, errors, expected - submitted)


def rush(name, answers, seconds, errors, lost):
    times = [answer.seconds for answer in answers]
    return Rush(name, len(answers), seconds, statistics.median(times), percentile(times, 95), errors, lost)


def left_files(url, workdir):
    """Files on disk that no row points to: what a failed save would have left."""
    private = workdir / "private-media"
    rows = {file for (file,) in query(url, "SELECT file FROM contests_entry WHERE file <> ''")}
    rows |= {
        f"nominations/{file}" for (file,) in query(url, "SELECT file FROM exemplars_nominationattachment")
    }
    return files_under(private) - rows


def print_report(options, rushes, left, log):
    print(
        f"Rushes on gunicorn ({options.workers} workers x {options.threads} threads, production settings, "
        f"PostgreSQL), at most {options.concurrency} requests in flight"
    )
    print(f"  {'rush':<24}{'sent':>6}{'per s':>8}{'p50 s':>8}{'p95 s':>8}{'errors':>8}{'lost':>6}")
    for each in rushes:
        print(
            f"  {each.name:<24}{each.sent:>6}{each.per_second:>8.1f}{each.p50:>8.2f}{each.p95:>8.2f}"
            f"{each.errors:>8}{each.lost:>6}"
        )
    print(f"  files left without a row: {len(left)}")
    print(f"  server log: {log}")
    print("OK" if all(each.ok for each in rushes) and not left else "FAILED")


if __name__ == "__main__":
    sys.exit(main())
