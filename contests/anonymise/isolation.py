"""Copies made in a child process, so that no entry file, however built, holds a web worker's memory or time.

The budgets stop what they can count before it is spent. What they cannot is stopped by the limits the child
sets on itself: pypdf makes a Python object of every number it parses, so 2 MB of "0 0 0 …" in a PDF took 24 s
and 210 MB, and no count sees that before the parser runs. The child is a fresh interpreter (about 0.2 s to
start), given the file on its standard input; it writes the copy on its standard output, or a report of why
there is none. Past its address space or CPU time, or killed by the wall-clock limit, it is over budget.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .budget import MB, RESAVE, refusal
from .errors import AnonymisationError, OverBudget

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFUSED = 3  # the child's exit status when it refuses the file; its report is on standard output
TOO_COSTLY = refusal("tệp cần quá nhiều bộ nhớ hoặc thời gian để xử lý", RESAVE)


@dataclass(frozen=True)
class ProcessLimits:
    """What the child may use. Within the budgets, the costliest entries accepted peak at 60–120 MB (address
    space at most 132 MB) and take under 2 s (tests/bench/bench_anonymise.py); the wall-clock limit stays
    under a web worker's own timeout (30 s for gunicorn)."""

    memory_bytes: int = 384 * MB
    cpu_seconds: int = 10
    wall_seconds: int = 20


PROCESS_LIMITS = ProcessLimits()


def anonymise_isolated(data, file_kind, limits=PROCESS_LIMITS):
    """The anonymised copy, made by a child process within the limits; raises as anonymise() does."""
    command = [
        sys.executable,
        "-m",
        "contests.anonymise",
        str(file_kind),
        str(limits.memory_bytes),
        str(limits.cpu_seconds),
    ]
    try:
        child = subprocess.run(
            command,
            input=data,
            capture_output=True,
            cwd=PROJECT_ROOT,
            timeout=limits.wall_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise OverBudget(f"The copy took longer than {limits.wall_seconds} s.", TOO_COSTLY) from error
    except OSError as error:  # no process to be had now (too many, no memory): the file is not at fault
        raise AnonymisationError(f"The copying process could not start: {error}") from error
    if child.returncode == 0:
        return child.stdout
    if child.returncode == REFUSED:
        raise error_from_report(child.stdout)
    if child.returncode < 0:  # killed: past its CPU time (SIGXCPU, then SIGKILL)
        raise OverBudget(f"The copying process was killed by signal {-child.returncode}.", TOO_COSTLY)
    raise AnonymisationError(f"The copying process failed: {child.stderr.decode(errors='replace')[-2000:]}")


def report_of(error):
    """What the child writes when it refuses the file."""
    return json.dumps(
        {
            "over_budget": isinstance(error, OverBudget),
            "message": str(error),
            "entrant_message": error.entrant_message,
        }
    ).encode()


def error_from_report(report):
    try:
        fields = json.loads(report)
        error_class = OverBudget if fields["over_budget"] else AnonymisationError
        return error_class(fields["message"], fields["entrant_message"])
    except (ValueError, KeyError, TypeError) as error:
        return AnonymisationError(f"The copying process gave a report that cannot be read: {error}")
