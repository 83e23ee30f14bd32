#!/usr/bin/env python
"""The deadline rush: N entries posted at once to a real server on a throwaway PostgreSQL database.

    DATABASE_URL=postgres://user:password@127.0.0.1/newsroom .venv/bin/python tests/bench/bench_contest_entries.py \
        [--entries 200] [--workers 4] [--threads 8]

A new database `<name>_bench_contests` is created beside the one DATABASE_URL names, migrated, given an open
contest, and dropped at the end. gunicorn serves it on 127.0.0.1 with the development settings (console
e-mail, sent to a log file). Half of the entries carry a PDF. The script prints the timing and checks that
every entry was saved once, with distinct receipts, and that no request failed; it exits 1 otherwise.
"""

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SETUP = """
import datetime
from django.utils import timezone
from contests.models import ContestCategory, ContestIndexPage, ContestPage, RubricCriterion
from newsroom.outlets import ensure_all_outlets

home = ensure_all_outlets()["newspaper"]
index = home.add_child(instance=ContestIndexPage(title="Cuộc thi", slug="cuoc-thi"))
now = timezone.now()
contest = ContestPage(
    title="Cuộc thi đo tải", slug="do-tai", theme="Đo tải", rules="<p>Thể lệ.</p>", eligibility="Mọi người.",
    opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(hours=1),
)
contest.categories = [ContestCategory(name="Bút ký")]
contest.rubric_criteria = [RubricCriterion(name="Nội dung", weight=100)]
index.add_child(instance=contest)
contest.save_revision().publish()
print(contest.get_url_parts()[2], contest.categories.first().pk)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_postgres(url):
    import psycopg
    from dj_database_url import parse

    settings = parse(url)
    if not settings["ENGINE"].endswith("postgresql"):
        sys.exit("DATABASE_URL must name a PostgreSQL database: the rush is measured on PostgreSQL.")
    name = f"{settings['NAME']}_bench_contests"
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": settings["NAME"],
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}", {**server, "dbname": name}
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def server(env, port, workers, threads, log_path):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "newsroom.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--timeout=120",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(port, process):
    for _ in range(150):
        if process.poll() is not None:
            sys.exit("gunicorn stopped; see its log.")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer in 30 seconds.")


def form_credentials(page_url):
    """The CSRF cookie and the form's token, read once: one browser's session is reused by every thread."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = opener.open(page_url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
    return cookie, token


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        header = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(header.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def entry_request(page_url, number, category, cookie, csrf_token):
    fields = {
        "csrfmiddlewaretoken": csrf_token,
        "submission_token": str(uuid.uuid4()),
        "full_name": f"Người dự thi số {number}",
        "email": f"nguoi{number}@example.vn",
        "phone": "0912 345 678",
        "address": "Buôn Ma Thuột",
        "category": category,
        "title": f"Bài dự thi số {number}",
        "text": "Chị H'Linh dạy chữ cho trẻ em buôn Ea Knuếc suốt mười năm. " * 20,
        "credit": "full_name",
        "consented_to_rules": "on",
        "consented_to_publication": "on",
        "homepage": "",
    }
    files = {"attachment": (f"bai-{number}.pdf", PDF)} if number % 2 else {}
    body, content_type = multipart(fields, files)
    headers = {"Content-Type": content_type, "Cookie": f"csrftoken={cookie}", "Referer": page_url}
    return urllib.request.Request(page_url, data=body, headers=headers, method="POST")


def fire(requests):
    """Every request at once, one thread each: [(status, body, seconds)] and the wall-clock seconds."""
    start = threading.Barrier(len(requests) + 1)
    results = [None] * len(requests)

    def send(index, request):
        start.wait()
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                results[index] = (response.status, response.read().decode(), time.perf_counter() - began)
        except urllib.error.HTTPError as error:
            results[index] = (error.code, error.read().decode(), time.perf_counter() - began)
        except OSError as error:
            results[index] = (0, str(error), time.perf_counter() - began)

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(requests)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def saved_entries(connection_settings):
    import psycopg

    with psycopg.connect(**connection_settings) as connection:
        return connection.execute(
            "SELECT count(*), count(DISTINCT receipt_code), count(DISTINCT number), count(NULLIF(file, ''))"
            " FROM contests_entry"
        ).fetchone()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose role may create databases.")
    workdir = Path(tempfile.mkdtemp(prefix="bench-contests-"))
    with throwaway_postgres(os.environ["DATABASE_URL"]) as (url, connection_settings):
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
            "CONTEST_ENTRIES_PER_ADDRESS": str(args.entries * 10),  # every request comes from 127.0.0.1
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, env=env, cwd=ROOT)
        setup = subprocess.run(
            [*manage, "shell", "-c", SETUP], check=True, env=env, cwd=ROOT, capture_output=True, text=True
        )
        path, category = setup.stdout.split()[-2:]
        port = free_port()
        with server({**env, "PORT": str(port)}, port, args.workers, args.threads, workdir / "gunicorn.log"):
            page_url = f"http://127.0.0.1:{port}{path}"
            cookie, csrf_token = form_credentials(page_url)
            requests = [entry_request(page_url, n, category, cookie, csrf_token) for n in range(args.entries)]
            results, seconds = fire(requests)
        saved, receipts, numbers, with_files = saved_entries(connection_settings)
    return report(args, results, seconds, saved, receipts, numbers, with_files, workdir)


def report(args, results, seconds, saved, receipts, numbers, with_files, workdir):
    shown = {
        match.group(1)
        for _, body, _ in results
        for match in re.finditer(r'receipt-code"><strong>([^<]+)<', body)
    }
    errors = [status for status, _, _ in results if status != 200]
    latencies = sorted(latency for _, _, latency in results)
    print(
        f"{args.entries} concurrent entries, gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL"
    )
    print(f"  wall clock        {seconds:.2f} s ({args.entries / seconds:.0f} entries/s)")
    print(
        f"  latency           p50 {statistics.median(latencies):.2f} s, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.2f} s, max {latencies[-1]:.2f} s"
    )
    print(
        f"  saved             {saved} (with a file: {with_files}), distinct receipts {receipts}, numbers {numbers}"
    )
    print(f"  receipts shown    {len(shown)} distinct")
    print(f"  non-200 responses {len(errors)} {sorted(set(errors)) if errors else ''}")
    print(f"  server log        {workdir / 'gunicorn.log'}")
    ok = saved == receipts == numbers == len(shown) == args.entries and not errors
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
