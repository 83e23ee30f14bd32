#!/usr/bin/env python
"""Faults survived: each run starts its services, injects a fault in the middle of a load, stops by itself and
prints what it counted; lost must be 0.

    .venv/bin/python tests/bench/bench_faults.py [--only postgres,opensearch,disk,redis] [--quick] [--json FILE]

- postgres   PostgreSQL restarted mid-load (tests/bench/bench_faults_postgres.py)
- opensearch OpenSearch stopped mid-load, then started again (tests/bench/bench_faults_opensearch.py)
- disk       the upload disk full, then read-only, while entries and nominations arrive (bench_faults_disk.py)
- redis      Redis, the shared cache, stopped mid-load (tests/bench/bench_faults_redis.py)

Each run has a throwaway site of its own on PostgreSQL (tests/bench/throwaway_site.py); --quick shortens the
phases. Exit status 1 unless every run survived with nothing lost.
"""

import argparse
import dataclasses
import importlib
import json
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.fault_runs import FaultReport  # noqa: E402

RUNS = {
    "postgres": "tests.bench.bench_faults_postgres",
    "opensearch": "tests.bench.bench_faults_opensearch",
    "disk": "tests.bench.bench_faults_disk",
    "redis": "tests.bench.bench_faults_redis",
}


def main():
    options = parse_arguments()
    reports = []
    for name in options.only:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-faults-{name}-"))
        print(f"--- {name} (files in {workdir})", flush=True)
        report = run_one(name, options, workdir)
        report.print()
        reports.append(report)
    survived = all(report.survived for report in reports)
    if options.json:
        figures = [
            {**dataclasses.asdict(report), "survived": report.survived, "requests": report.requests}
            for report in reports
        ]
        Path(options.json).write_text(json.dumps({"faults": figures, "ok": survived}, ensure_ascii=False))
    print("OK" if survived else "FAILED")
    return 0 if survived else 1


def run_one(name, options, workdir):
    """The run's report; a run that could not be carried out (a service that would not start) reports why."""
    try:
        return importlib.import_module(RUNS[name]).run(options, workdir)
    except (Exception, SystemExit) as error:
        traceback.print_exc()
        reason = f"{type(error).__name__}: {error}".strip()[:300]
        return FaultReport(name, counts=[], checks=[(f"did not run to its end: {reason}", False)], lost=0)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        default=",".join(RUNS),
        type=lambda names: [name for name in names.split(",") if name],
        help=f"the runs, comma-separated (default: {','.join(RUNS)})",
    )
    parser.add_argument("--quick", action="store_true", help="shorter phases")
    parser.add_argument("--concurrency", type=int, default=8, help="clients sending at once (default 8)")
    parser.add_argument("--json", metavar="FILE", help="also write the reports to FILE, as JSON")
    options = parser.parse_args()
    unknown = set(options.only) - set(RUNS)
    if unknown:
        parser.error(f"unknown runs: {', '.join(sorted(unknown))}")
    # Seconds of load before the fault, and of the fault itself (a PostgreSQL restart's gap, say).
    options.before, options.gap = (5, 3) if options.quick else (10, 5)
    return options


if __name__ == "__main__":
    sys.exit(main())
