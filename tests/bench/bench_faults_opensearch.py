"""OpenSearch stopped in the middle of a load, then started again (run by tests/bench/bench_faults.py).

An OpenSearch node of the run's own (search/opensearch_node/run.sh on a free port, its data in the run's folder;
a node others run is left alone) indexes a throwaway site of a few hundred imported articles; gunicorn serves it
with the scheduler beside it, as in production. Readers search through the search API while an editor publishes
draft stories one after another through the admin (the bulk "publish" action). The node is stopped, kept down a
while and started again; the load goes on until the scheduler has applied the queued index changes.

Counted: every search answer and which engine gave it (the embedded engine answers while OpenSearch cannot), every
publication. Then checked: no search failed, every publication succeeded, the queue for OpenSearch is empty, and
every story published is in OpenSearch's index: lost = published, not found there.
"""

import itertools
import json
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote

from tests.bench.bench_import import generate_articles
from tests.bench.fault_runs import (
    FAILED,
    OK,
    FaultReport,
    failure_notes,
    p95_note,
    run_load,
    tally,
)
from tests.bench.load_harness import ROOT, free_port, gunicorn
from tests.bench.throwaway_site import (
    log_in,
    manage,
    post_form,
    postgres_server,
    query,
    site_env,
    throwaway_site,
    wait_for,
)

NODE = ROOT / "search" / "opensearch_node" / "run.sh"
INDEX = "bench-faults"
ARTICLES = 300
WORDS = ["thi đua", "OCOP", "Ea Knuếc", "điển hình", "cà phê", "buôn", "khởi nghiệp", "bản tin đo tải"]
PUBLISH_EVERY_SECONDS = 0.5
SCHEDULER_INTERVAL = 5
# How long the queue may take to drain once the node is back (the scheduler's ticks, its breaker's wait).
DRAIN_SECONDS = 180
# After the queue has drained, long enough for every process's breaker to let OpenSearch answer again.
BREAKER_SECONDS = 35


def run(options, workdir):
    port = free_port()
    node_dir = workdir / "opensearch"
    opensearch = f"http://127.0.0.1:{port}"
    env = site_env(workdir, OPENSEARCH_URL=opensearch, OPENSEARCH_INDEX=INDEX)
    drafts = 60 if options.quick else 150
    with (
        opensearch_node(port, node_dir),
        postgres_server() as server,
        throwaway_site(server, "bench_faults_opensearch", env, drafts=drafts, editor=True) as (env, made),
    ):
        url = env["DATABASE_URL"]
        archive = workdir / "articles.jsonl"
        generate_articles(archive, ARTICLES, seed=18)
        manage("import_archive", str(archive), "--progress-every=0", env=env)
        manage("search_index", "rebuild", env=env)
        log = workdir / "gunicorn-opensearch.log"
        with scheduler(env, workdir), gunicorn(env, log, workers=2, threads=4) as (base, _):
            answers, phases = load_through_an_outage(base, made, url, port, node_dir, options)
        return report(answers, phases, made, url, opensearch)


@contextmanager
def opensearch_node(port, node_dir):
    start_node(port, node_dir)
    try:
        yield
    finally:
        subprocess.run([NODE, "--stop", "--base-dir", node_dir], check=False, capture_output=True)


def start_node(port, node_dir):
    started = subprocess.run(
        [NODE, "--background", "--port", str(port), "--base-dir", node_dir], capture_output=True, text=True
    )
    if started.returncode:
        sys.exit(f"The OpenSearch node did not start:\n{started.stderr[-3000:]}")


@contextmanager
def scheduler(env, workdir):
    command = [sys.executable, str(ROOT / "manage.py"), "run_scheduler", f"--interval={SCHEDULER_INTERVAL}"]
    with open(workdir / "scheduler.log", "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def load_through_an_outage(base, made, url, port, node_dir, options):
    drafts = list(made["drafts"])
    publish_path = f"/admin/bulk/wagtailcore/page/publish/?next=/admin/&id={drafts[0]}"
    editor = log_in(base, made["editor"], publish_path)
    words = itertools.cycle(WORDS)
    lock = threading.Lock()
    last_publish = [0.0]

    def make_request(phase):
        with lock:
            publish = drafts and time.monotonic() - last_publish[0] >= PUBLISH_EVERY_SECONDS
            if publish:
                last_publish[0] = time.monotonic()
                pk = drafts.pop(0)
            else:
                word = next(words)
        if publish:
            request = post_form(
                f"{base}/admin/bulk/wagtailcore/page/publish/?next=/admin/&id={pk}",
                {"csrfmiddlewaretoken": editor[1]},
                {},
                editor[0],
            )
            request.kind, request.pk = "publish", pk
            return request
        request = urllib.request.Request(f"{base}/api/search/?q={quote(word)}")
        request.kind = "search"
        return request

    def script(phases):
        time.sleep(options.before)
        phases.enter("OpenSearch down")
        subprocess.run([NODE, "--stop", "--base-dir", node_dir], check=True, capture_output=True)
        time.sleep(options.before)
        start_node(port, node_dir)
        phases.enter("after restart")
        wait_for(lambda: not queued(url), DRAIN_SECONDS)
        time.sleep(BREAKER_SECONDS)

    return run_load(make_request, script, options.concurrency)


def queued(url):
    [(count,)] = query(url, "SELECT count(*) FROM search_pendingindexchange")
    return count


def outcome_of(request, answer):
    if answer.status != 200:
        return FAILED
    if request.kind == "publish":
        return OK
    try:
        engine = json.loads(answer.body)["engine"]
    except (ValueError, KeyError):
        return FAILED
    return f"{OK} ({'OpenSearch' if engine == 'opensearch' else 'embedded engine'})"


def report(answers, phases, made, url, opensearch):
    published = {
        pk
        for (pk,) in query(url, "SELECT id FROM wagtailcore_page WHERE live AND id = ANY(%s)", made["drafts"])
    }
    during = {
        request.pk
        for request, answer in answers
        if request.kind == "publish"
        and request.phase == "OpenSearch down"
        and outcome_of(request, answer) == OK
    }
    found = found_in_opensearch(opensearch, published)
    searches = [outcome_of(request, answer) for request, answer in answers if request.kind == "search"]
    waiting = queued(url)
    return FaultReport(
        fault="OpenSearch stopped",
        counts=tally(answers, phases, outcome_of),
        checks=[
            (f"searches that failed: {searches.count(FAILED)} of {len(searches)}", FAILED not in searches),
            (f"stories published while OpenSearch was down: {len(during)}", bool(during)),
            (f"index changes still queued for OpenSearch: {waiting}", waiting == 0),
            (
                f"published stories found in OpenSearch after the restart: {len(found)} of {len(published)}",
                found == published,
            ),
        ],
        lost=len(published - found),
        notes=[
            p95_note(answers, "search", phases),
            p95_note(answers, "publish", phases),
            *failure_notes(answers, outcome_of),
        ],
    )


def found_in_opensearch(opensearch, pks):
    keys = [f"newsroom.articlepage:{pk}" for pk in pks]
    urllib.request.urlopen(
        urllib.request.Request(f"{opensearch}/{INDEX}/_refresh", method="POST"), timeout=60
    )
    body = json.dumps({"query": {"ids": {"values": keys}}, "size": len(keys), "_source": False}).encode()
    request = urllib.request.Request(
        f"{opensearch}/{INDEX}/_search", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        hits = json.loads(response.read())["hits"]["hits"]
    return {int(hit["_id"].rpartition(":")[2]) for hit in hits}
