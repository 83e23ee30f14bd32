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
import statistics
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import dj_database_url  # noqa: E402

from tests.bench.bench_import import postgres_database  # noqa: E402
from tests.bench.load_harness import gunicorn, percentile, send_all  # noqa: E402

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


def saved_entries(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
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
    if not dj_database_url.parse(os.environ["DATABASE_URL"])["ENGINE"].endswith("postgresql"):
        sys.exit("DATABASE_URL must name a PostgreSQL database: the rush is measured on PostgreSQL.")
    workdir = Path(tempfile.mkdtemp(prefix="bench-contests-"))
    with postgres_database(os.environ["DATABASE_URL"], "bench_contests") as url:
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
        log = workdir / "gunicorn.log"
        with gunicorn(env, log, workers=args.workers, threads=args.threads) as (base, _):
            page_url = base + path
            cookie, csrf_token = form_credentials(page_url)
            requests = [entry_request(page_url, n, category, cookie, csrf_token) for n in range(args.entries)]
            answers, seconds = send_all(requests, concurrency=len(requests))
        saved, receipts, numbers, with_files = saved_entries(url)
    return report(args, answers, seconds, saved, receipts, numbers, with_files, workdir)


def report(args, answers, seconds, saved, receipts, numbers, with_files, workdir):
    shown = {
        match.group(1)
        for answer in answers
        for match in re.finditer(r'receipt-code"><strong>([^<]+)<', answer.body.decode())
    }
    errors = [answer.status for answer in answers if answer.status != 200]
    latencies = sorted(answer.seconds for answer in answers)
    print(
        f"{args.entries} concurrent entries, gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL"
    )
    print(f"  wall clock        {seconds:.2f} s ({args.entries / seconds:.0f} entries/s)")
    print(
        f"  latency           p50 {statistics.median(latencies):.2f} s, "
        f"p95 {percentile(latencies, 95):.2f} s, max {latencies[-1]:.2f} s"
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
