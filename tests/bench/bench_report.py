#!/usr/bin/env python
"""The report of the anniversary-day runs: load held, faults survived, bad inputs tried, lost = 0, in one table.

    .venv/bin/python tests/bench/bench_report.py [--quick] [--skip pages,submissions,faults,fuzz]

Each part runs in a process of its own, its whole output kept in a log file named under the table:

- load held: the page load benchmark of `make bench-pages` (tests/bench/bench_page_load.py; its last line,
  `cached/uncached: N×`) and the deadline rushes of contest entries and nominations (bench_submissions.py);
- faults survived: PostgreSQL restarted, OpenSearch stopped, the upload disk full then read-only, Redis stopped,
  each in the middle of a load (bench_faults.py);
- bad inputs tried: the property-based tests (`make fuzz`: pytest -m fuzz), the inputs each target was given
  and the ones that failed it (a 500, a half-saved form), which must be none.

The runs use the PostgreSQL server DATABASE_URL names, else a private cluster started for the report. --quick
makes every part small (a few minutes each; the fuzz targets at the suite's 100 inputs instead of make fuzz's
10,000). Exit status 1 unless every part held and nothing was lost.
"""

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.throwaway_site import postgres_server  # noqa: E402

PARTS = ["pages", "submissions", "faults", "fuzz"]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BENCH = ROOT / "tests" / "bench"
# The page load benchmark at a size that runs in minutes; its own defaults are the (20,000 articles).
QUICK_PAGES = ["--articles", "1000", "--exemplars", "100", "--seconds", "3", "--cold", "5"]
RATIO = re.compile(r"cached/uncached: *([0-9.]+) *×")
STATISTICS_TARGET = re.compile(r"^(tests/\S+::\S+):$")
STATISTICS_CASES = re.compile(r"- (\d+) passing, (\d+) failing, and (\d+) invalid test cases")
SKIPPED = re.compile(r"(\d+) skipped")


@dataclasses.dataclass
class Row:
    part: str
    what: str
    figures: str
    lost: int | None
    held: bool


def main():
    options = parse_arguments()
    logs = Path(tempfile.mkdtemp(prefix="bench-report-"))
    rows = []
    with postgres_server() as server:
        env = {**os.environ, "DATABASE_URL": server}
        for part in PARTS:
            if part not in options.skip:
                print(f"running {part} (log: {logs / part}.log) ...", flush=True)
                began = time.monotonic()
                rows += RUNNERS[part](options, env, logs)
                print(f"  done in {time.monotonic() - began:.0f} s", flush=True)
    print_table(rows, logs)
    held = all(row.held for row in rows) and total_lost(rows) == 0
    return 0 if held else 1


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short phases")
    parser.add_argument(
        "--skip",
        default="",
        type=lambda names: {name for name in names.split(",") if name},
        help=f"parts left out, comma-separated ({','.join(PARTS)})",
    )
    return parser.parse_args()


def run_logged(command, env, log):
    with open(log, "w") as output:
        return subprocess.run(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT).returncode


def page_load(options, env, logs):
    log = logs / "pages.log"
    command = [PYTHON, str(BENCH / "bench_page_load.py"), *(QUICK_PAGES if options.quick else [])]
    status = run_logged(command, env, log)
    ratio = RATIO.findall(log.read_text())
    figures = f"cached/uncached: {ratio[-1]}×" if ratio else "no ratio printed"
    sizes = "1,000 articles, 100 profiles" if options.quick else "20,000 articles, 1,000 profiles"
    return [
        Row("load held", f"page load per page type ({sizes})", figures, None, status == 0 and bool(ratio))
    ]


def submissions(options, env, logs):
    figures_file = logs / "submissions.json"
    command = [PYTHON, str(BENCH / "bench_submissions.py"), "--json", str(figures_file)]
    status = run_logged([*command, *(["--quick"] if options.quick else [])], env, logs / "submissions.log")
    if not figures_file.exists():
        return [Row("load held", "deadline rushes", "did not run to its end", None, False)]
    figures = json.loads(figures_file.read_text())
    rows = [
        Row(
            "load held",
            f"{rush['name']}, {rush['sent']} at once",
            f"{rush['sent'] / rush['seconds']:.1f}/s, p95 {rush['p95']:.2f} s, errors {rush['errors']}",
            rush["lost"],
            rush["ok"],
        )
        for rush in figures["rushes"]
    ]
    rows.append(
        Row("load held", "files left without their row", str(figures["left"]), None, figures["left"] == 0)
    )
    rows[-1].held = rows[-1].held and status == 0
    return rows


def faults(options, env, logs):
    figures_file = logs / "faults.json"
    command = [PYTHON, str(BENCH / "bench_faults.py"), "--json", str(figures_file)]
    status = run_logged([*command, *(["--quick"] if options.quick else [])], env, logs / "faults.log")
    if not figures_file.exists():
        return [Row("faults survived", "fault runs", "did not run to their end", None, False)]
    rows = []
    for fault in json.loads(figures_file.read_text())["faults"]:
        outcomes = {}
        for _phase, _kind, outcome, number in fault["counts"]:
            outcome = outcome.split(" (")[0]
            outcomes[outcome] = outcomes.get(outcome, 0) + number
        passed = sum(passed for _what, passed in fault["checks"])
        summary = ", ".join(f"{outcome} {number}" for outcome, number in outcomes.items())
        figures = f"{fault['requests']} requests ({summary}); checks {passed}/{len(fault['checks'])}"
        rows.append(Row("faults survived", fault["fault"], figures, fault["lost"], fault["survived"]))
    if status and all(row.held for row in rows):
        rows.append(Row("faults survived", "bench_faults.py", f"exit status {status}", None, False))
    return rows


def fuzz(options, env, logs):
    log = logs / "fuzz.log"
    profile = "default" if options.quick else "bench"
    command = [
        PYTHON,
        "-m",
        "pytest",
        "-m",
        "fuzz",
        "--hypothesis-show-statistics",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    # As `make fuzz` runs them: on the database the suite is given, not on the report's server.
    status = run_logged(command, {**os.environ, "HYPOTHESIS_PROFILE": profile}, log)
    output = log.read_text()
    targets = fuzz_statistics(output)
    inputs = sum(passing + failing for passing, failing in targets.values())
    failing = sum(failing for _passing, failing in targets.values())
    figures = f"{inputs:,} inputs over {len(targets)} targets, failing {failing}"
    if skipped := SKIPPED.findall(output):
        # A target whose service is missing here (OpenSearch's, unless OPENSEARCH_URL is set).
        figures += f", {skipped[-1]} skipped"
    held = status == 0 and failing == 0 and bool(targets)
    return [Row("bad inputs tried", "property-based tests (make fuzz), no 500", figures, None, held)]


def fuzz_statistics(output):
    """{target: (passing, failing)} from Hypothesis' statistics, every phase of each target added up."""
    targets, current = {}, None
    for line in output.splitlines():
        if match := STATISTICS_TARGET.match(line.strip()):
            current = match.group(1)
            targets[current] = (0, 0)
        elif current and (match := STATISTICS_CASES.search(line)):
            passing, failing = targets[current]
            targets[current] = (passing + int(match.group(1)), failing + int(match.group(2)))
    return targets


RUNNERS = {"pages": page_load, "submissions": submissions, "faults": faults, "fuzz": fuzz}


def total_lost(rows):
    return sum(row.lost or 0 for row in rows)


def print_table(rows, logs):
    widths = [max(len(str(value)) for value in column) for column in zip(*table_cells(rows), strict=True)]
    for cells in table_cells(rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())
    print(f"logs: {logs}")
    held = all(row.held for row in rows)
    print(f"lost = {total_lost(rows)}; {'everything held' if held else 'NOT everything held'}")


def table_cells(rows):
    yield ["part", "what", "figures", "lost", "held"]
    for row in rows:
        yield [
            row.part,
            row.what,
            row.figures,
            "-" if row.lost is None else row.lost,
            "yes" if row.held else "NO",
        ]


if __name__ == "__main__":
    sys.exit(main())
