"""The upload disk full, then read-only, while entries and nominations arrive (run by tests/bench/bench_faults.py).

The site's private files (PRIVATE_MEDIA_ROOT, the nominations' attachments under it) go to a small tmpfs of its
own (`mount -t tmpfs -o size=2m`: the run needs root; as root, file permissions would not stop a write). Entrants
send contest entries, most with a 26 kB PDF, and units' officers file nominations with one attached, until the
disk is full and a while after; then the disk is remounted read-only and the same goes on; then it is unmounted.

Counted: every answer, by phase and kind. An entry or a nomination whose file cannot be stored must be refused
with the page's own message (Vietnamese: the entry form's, the nomination form's), never a 500; an entry without
a file is taken whatever the disk. Then checked: every entry with a receipt and every nomination filed is saved
with its whole file; no row without its file, no file (or part of one) without its row.
"""

import itertools
import os
import subprocess
import threading
import time
from contextlib import contextmanager

from tests.bench.fault_runs import (
    FAILED,
    OK,
    REFUSED,
    FaultReport,
    clean_refusal,
    failure_notes,
    run_load,
    tally,
)
from tests.bench.load_harness import gunicorn
from tests.bench.throwaway_site import (
    FILED_MARK,
    PDF,
    RECEIPT,
    entrant_email,
    entry_request,
    files_under,
    form_credentials,
    log_in,
    nomination_request,
    postgres_server,
    query,
    site_env,
    throwaway_site,
)

# The refusals the forms give when the disk cannot take a file (contests/views.py, exemplars' nomination views).
ENTRY_NOT_STORED = "không lưu được tệp đính kèm nên bài dự thi của bạn chưa được nhận".encode()
ATTACHMENT_NOT_STORED = "Không lưu được tệp đính kèm: ổ đĩa của máy chủ đã đầy hoặc chỉ cho phép đọc".encode()
DISK_SIZE = "2m"
PHASES = ["disk filling up", "disk full", "disk read-only"]
UNITS_PER_PHASE = 2


def run(options, workdir):
    if os.geteuid() != 0:
        return FaultReport(
            "Upload disk full, then read-only",
            counts=[],
            checks=[("not run: mounting the small tmpfs needs root", False)],
            lost=0,
        )
    private = workdir / "private-media"
    private.mkdir()
    with (
        postgres_server() as server,
        throwaway_site(
            server, "bench_faults_disk", site_env(workdir), contest=True, units=UNITS_PER_PHASE * len(PHASES)
        ) as (env, made),
        small_disk(private),
    ):
        url = env["DATABASE_URL"]
        log = workdir / "gunicorn-disk.log"
        with gunicorn(env, log, workers=2, threads=4) as (base, _):
            answers, phases = load_until_the_disk_fails(base, made, private, options)
        return report(answers, phases, url, private)


@contextmanager
def small_disk(folder):
    """A tmpfs of DISK_SIZE mounted on `folder` for the length of the block."""
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", folder], check=True)
    try:
        yield
    finally:
        subprocess.run(["umount", folder], check=True)


def load_until_the_disk_fails(base, made, private, options):
    contest, nominations = made["contest"], made["nominations"]
    page_url = base + contest["path"]
    add_url = base + nominations["add_path"]
    credentials = form_credentials(page_url)
    sessions = [log_in(base, officer, nominations["add_path"]) for officer in nominations["officers"]]
    numbers = itertools.count(1)
    lock = threading.Lock()
    # Each phase has units of its own, each filing the round's quota: a refusal can only be the disk's.
    units = {
        phase: list(range(index * UNITS_PER_PHASE, (index + 1) * UNITS_PER_PHASE))
        for index, phase in enumerate(PHASES)
    }
    filed = [0] * len(sessions)

    def make_request(phase):
        with lock:
            number = next(numbers)
            unit = next((unit for unit in units[phase] if filed[unit] < nominations["quota"]), None)
            nominate = unit is not None and number % 3 == 0
            if nominate:
                filed[unit] += 1
        if nominate:
            request = nomination_request(
                add_url, nominations, f"{unit}-{number}", sessions[unit], attachment=PDF
            )
            request.kind, request.with_file = "nomination", True
            return request
        with_file = number % 5 != 0
        request = entry_request(
            page_url, number, contest["category"], credentials, attachment=PDF if with_file else None
        )
        request.kind = "entry with a file" if with_file else "entry without a file"
        request.number, request.with_file = number, with_file
        return request

    def script(phases):
        wait_until_full(private, seconds=120)
        phases.enter(PHASES[1])
        time.sleep(options.before)
        subprocess.run(["mount", "-o", "remount,ro", private], check=True)
        phases.enter(PHASES[2])
        time.sleep(options.before)

    return run_load(make_request, script, options.concurrency, first_phase=PHASES[0])


def wait_until_full(folder, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stats = os.statvfs(folder)
        if stats.f_bavail * stats.f_frsize < len(PDF):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the disk at {folder} did not fill up in {seconds} s")


def outcome_of(request, answer):
    if request.kind == "nomination":
        if answer.status == 200 and FILED_MARK in answer.body:
            return OK
        return REFUSED if answer.status == 200 and ATTACHMENT_NOT_STORED in answer.body else FAILED
    if answer.status == 200 and RECEIPT.search(answer.body):
        return OK
    if request.with_file and clean_refusal(answer, ENTRY_NOT_STORED):
        return REFUSED
    return FAILED


def report(answers, phases, url, private):
    on_disk = files_under(private)
    entries = {
        email: (file, size)
        for email, file, size in query(url, "SELECT email, file, file_size FROM contests_entry")
    }
    attachments = query(url, "SELECT file, size FROM exemplars_nominationattachment")
    rows = [(file, size) for file, size in entries.values() if file]
    rows += [(f"nominations/{file}", size) for file, size in attachments]
    not_whole = [
        file for file, size in rows if file not in on_disk or (private / file).stat().st_size != size
    ]
    left = on_disk - {file for file, _size in rows}
    receipted = [
        request
        for request, answer in answers
        if request.kind.startswith("entry") and outcome_of(request, answer) == OK
    ]
    lost = sum(entrant_email(request.number) not in entries for request in receipted)
    filed = sum(
        request.kind == "nomination" and outcome_of(request, answer) == OK for request, answer in answers
    )
    lost += max(filed - len(attachments), 0)
    without_file = [
        outcome_of(request, answer) for request, answer in answers if request.kind == "entry without a file"
    ]
    refused = [answer for request, answer in answers if outcome_of(request, answer) == REFUSED]
    return FaultReport(
        fault="Upload disk full, then read-only",
        counts=tally(answers, phases, outcome_of),
        checks=[
            (
                f"rows without their whole file: {len(not_whole)}; files (or parts) without their row: {len(left)}",
                not not_whole and not left,
            ),
            (
                f"refused with the form's Vietnamese message: {len(refused)}",
                bool(refused) and all(b"Traceback" not in answer.body for answer in refused),
            ),
            (
                f"entries without a file taken whatever the disk: {without_file.count(OK)} of {len(without_file)}",
                bool(without_file) and without_file.count(OK) == len(without_file),
            ),
        ],
        lost=lost,
        notes=[
            f"a tmpfs of {DISK_SIZE}: {len(rows)} files stored before it was full",
            f"entries with a receipt: {len(receipted)}; nominations filed: {filed}",
            *failure_notes(answers, outcome_of),
        ],
    )
