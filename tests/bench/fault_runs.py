"""What the fault runs share (tests/bench/bench_faults*.py): a steady load in phases around a fault, the answers
counted by phase, kind of request and outcome, and the report each run hands to bench_faults.py and
bench_report.py.

A run starts its services, keeps clients sending while a script of its own injects the fault and repairs it,
stops by itself, then checks what the site kept. Each request is counted in the phase in which it was sent.
"""

import dataclasses
import threading
import time
from collections import Counter

from tests.bench.load_harness import keep_sending, percentile

# Outcomes of an answer.
OK = "ok"
REFUSED = "refused cleanly"  # a Vietnamese page that says why and to try again, no traceback
FAILED = "failed"  # a 500, a traceback, no answer at all, or an answer that is neither of the above
# What every page refusing for a service out of reach says (core/error_pages.py, the public forms).
BUSY = "Hệ thống đang bận".encode()


@dataclasses.dataclass
class FaultReport:
    fault: str
    # Counted answers: [phase, kind, outcome, number], in the order the phases ran.
    counts: list
    # What the run checked once the load had stopped: [description, passed].
    checks: list
    lost: int
    notes: list = dataclasses.field(default_factory=list)

    @property
    def survived(self):
        return self.lost == 0 and all(passed for _what, passed in self.checks) and not self.failed

    @property
    def failed(self):
        return sum(number for _phase, _kind, outcome, number in self.counts if outcome == FAILED)

    @property
    def requests(self):
        return sum(number for *_, number in self.counts)

    def print(self):
        print(f"{self.fault}: {'survived' if self.survived else 'NOT SURVIVED'}")
        for phase in dict.fromkeys(phase for phase, *_ in self.counts):
            counted = [row for row in self.counts if row[0] == phase]
            print(
                f"  {phase}: "
                + "; ".join(f"{kind} {outcome} {number}" for _p, kind, outcome, number in counted)
            )
        for what, passed in self.checks:
            print(f"  [{'ok' if passed else 'FAILED'}] {what}")
        for note in self.notes:
            print(f"  {note}")
        print(f"  lost: {self.lost}")


class Phases:
    """The phase the load is in, set by the fault's script; each request is stamped with it when it is made."""

    def __init__(self, first):
        self.current = first
        self.order = [first]
        self.ended_at = {}

    def enter(self, phase):
        self.ended_at[self.current] = time.monotonic()
        self.current = phase
        self.order.append(phase)

    def end(self):
        self.ended_at[self.current] = time.monotonic()

    def answered_within(self, request, answer):
        """Whether the request was sent and answered within its phase (not finished after the next began)."""
        return request.sent_at + answer.seconds <= self.ended_at[request.phase]


def run_load(make_request, script, concurrency, first_phase="before"):
    """Clients send `make_request(phase)` (a urllib Request with a `kind` attribute) until `script(phases)`, run
    beside them, returns. The answers: [(request, answer)], each request stamped with the phase it was made in
    (`request.phase`) and when (`request.sent_at`), and the Phases."""
    phases = Phases(first_phase)
    stop = threading.Event()
    failure = []

    def next_request():
        request = make_request(phases.current)
        request.phase, request.sent_at = phases.current, time.monotonic()
        return request

    def run_script():
        try:
            script(phases)
        except BaseException as error:
            failure.append(error)
        finally:
            stop.set()

    injector = threading.Thread(target=run_script, daemon=True)
    injector.start()
    answers = [(request, answer) for request, _sent, answer in keep_sending(next_request, concurrency, stop)]
    injector.join()
    phases.end()
    if failure:
        raise failure[0]
    return answers, phases


def tally(answers, phases, outcome_of):
    """[phase, kind, outcome, number] for `outcome_of(request, answer)`, phases in the order they ran."""
    counted = Counter(
        (request.phase, request.kind, outcome_of(request, answer)) for request, answer in answers
    )
    return [
        [phase, kind, outcome, number]
        for phase in phases.order
        for (counted_phase, kind, outcome), number in sorted(counted.items())
        if counted_phase == phase
    ]


def clean_refusal(answer, *texts):
    """A 503 page in Vietnamese that says the site is busy (or one of `texts`), without a traceback."""
    return (
        answer.status == 503
        and any(text in answer.body for text in (BUSY, *texts))
        and b"Traceback" not in answer.body
    )


def times_of(answers, kind, phase=None):
    return [
        answer.seconds
        for request, answer in answers
        if request.kind == kind and (phase is None or request.phase == phase)
    ]


def p95_note(answers, kind, phases):
    """The 95th percentile of a kind's answer times in each phase, as a line of the report."""
    parts = []
    for phase in phases.order:
        times = times_of(answers, kind, phase)
        if times:
            parts.append(f"{phase} {percentile(times, 95) * 1000:.0f} ms")
    return f"{kind} p95: " + ", ".join(parts)


def failure_notes(answers, outcome_of, most=3):
    """A few of the failed answers, for the report: what a failure looked like."""
    failures = Counter(
        (request.kind, answer.status, answer.body[:160].decode(errors="replace").replace("\n", " "))
        for request, answer in answers
        if outcome_of(request, answer) == FAILED
    )
    return [
        f"failed {request_kind} x{number}: {status} {body}"
        for (request_kind, status, body), number in failures.most_common(most)
    ]
