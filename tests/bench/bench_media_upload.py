#!/usr/bin/env python
"""The memory a 200 MB video upload costs the server: the admin's "Add video" form, on a real server.

    .venv/bin/python tests/bench/bench_media_upload.py [--megabytes 200] [--keep]

ffmpeg makes the video (720p, 25 Mbit/s at a constant rate, as long as the size asks). gunicorn serves the
development settings with one sync worker on a new SQLite file, migrated, with a superuser. The script signs in,
then sends the form as the browser does, one multipart body with a known Content-Length, read from the disk a
megabyte at a time (the script never holds the file either). Before it, the worker has opened the form once; its
resident memory (VmRSS) is read then, its peak (VmHWM, reset through /proc/<pid>/clear_refs where the kernel lets
us) after the upload. The goal: the worker grows by less than 50 MB. It exits 1 when the upload fails or the goal
is missed. Needs Debian's ffmpeg and Linux's /proc.
"""

import argparse
import http.client
import http.cookiejar
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.load_harness import gunicorn  # noqa: E402

USERNAME = "quantri"
PASSWORD = "bench-media-not-secret"
GOAL_MB = 50
CHUNK = 1024 * 1024
MB = 1024 * 1024
VIDEO_BITRATE = 25_000_000
AUDIO_BITRATE = 128_000
SUPERUSER = f"""
from django.contrib.auth.models import User
User.objects.create_superuser("{USERNAME}", "quantri@example.vn", "{PASSWORD}")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200, help="the video's size (default 200)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (video, database, log)")
    args = parser.parse_args()
    if not shutil.which("ffmpeg"):
        sys.exit("Debian's ffmpeg is needed (apt-get install ffmpeg).")
    workdir = Path(tempfile.mkdtemp(prefix="bench-media-"))
    try:
        return run(args, workdir)
    finally:
        if args.keep:
            print(f"  working folder    {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir):
    video = workdir / "phong-su.mp4"
    seconds = make_video(video, args.megabytes)
    database = workdir / "bench.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
    }
    prepare_database(env)
    # One sync worker: the process whose memory is read is the one that takes the upload.
    log = workdir / "gunicorn.log"
    with gunicorn(env, log, workers=1, timeout=600, ready_path="/admin/login/") as (base, master):
        browser = signed_in(base)
        form_url = f"{base}/admin/media/video/add/"
        form = browser.open(form_url, timeout=60).read().decode()
        worker = only_child(master.pid)
        before = memory(worker)
        peak_reset = reset_peak(worker)
        started = time.perf_counter()
        status, location = upload(base, browser, form_url, form, video)
        upload_seconds = time.perf_counter() - started
        after = memory(worker)
    stored = stored_item(database)
    return report(video, seconds, status, location, upload_seconds, worker, before, after, peak_reset, stored)


def make_video(path, megabytes):
    """A 720p video of `megabytes`, at a constant bitrate (x264 pads the picture to hold it): its seconds."""
    seconds = max(1, round(megabytes * MB * 8 / (VIDEO_BITRATE + AUDIO_BITRATE)))
    started = time.perf_counter()
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-y"),
            *("-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=25:duration={seconds}"),
            *("-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"),
            *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"),
            *("-b:v", str(VIDEO_BITRATE), "-minrate", str(VIDEO_BITRATE), "-maxrate", str(VIDEO_BITRATE)),
            *("-bufsize", str(VIDEO_BITRATE), "-x264-params", "nal-hrd=cbr"),
            *("-c:a", "aac", "-b:a", str(AUDIO_BITRATE), "-shortest", str(path)),
        ],
        check=True,
    )
    print(
        f"video             {path.stat().st_size / MB:.1f} MB, 1280x720, {seconds} s, "
        f"made in {time.perf_counter() - started:.0f} s"
    )
    return seconds


def prepare_database(env):
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "shell", "-v", "0", "-c", SUPERUSER], check=True, env=env, cwd=ROOT)


def signed_in(base):
    """An opener holding the session of the superuser, signed in through the admin's login form."""
    cookies = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    browser.cookies = cookies
    login_url = f"{base}/admin/login/"
    page = browser.open(login_url, timeout=60).read().decode()
    fields = {"csrfmiddlewaretoken": csrf_token(page), "username": USERNAME, "password": PASSWORD}
    request = urllib.request.Request(
        login_url, data=urllib.parse.urlencode(fields).encode(), headers={"Referer": login_url}
    )
    browser.open(request, timeout=60).read()
    if not any(cookie.name == "sessionid" for cookie in cookies):
        sys.exit("Signing in failed.")
    return browser


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def hidden_value(page, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    return match.group(1) if match else ""


def upload(base, browser, form_url, form, video):
    """POST the add form with the video, streamed from the disk: (status, Location)."""
    boundary = uuid.uuid4().hex
    fields = {
        "csrfmiddlewaretoken": csrf_token(form),
        "upload_token": hidden_value(form, "upload_token"),
        "title": "Phóng sự: đo bộ nhớ khi tải lên",
    }
    head = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
        )
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{video.name}"\r\n'
            "Content-Type: video/mp4\r\n\r\n"
        ).encode()
    )
    tail = f"\r\n--{boundary}--\r\n".encode()

    def body():
        yield head
        with open(video, "rb") as content:
            while chunk := content.read(CHUNK):
                yield chunk
        yield tail

    cookie = "; ".join(f"{cookie.name}={cookie.value}" for cookie in browser.cookies)
    connection = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=600)
    connection.request(
        "POST",
        urllib.parse.urlsplit(form_url).path,
        body=body(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(len(head) + video.stat().st_size + len(tail)),
            "Cookie": cookie,
            "Referer": form_url,
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("Location", "")


def only_child(master):
    """The pid of gunicorn's one worker: the process whose parent is the master."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            return int(stat.parent.name)
    sys.exit("gunicorn's worker was not found.")


def memory(pid):
    """{"VmRSS": bytes, "VmHWM": bytes} of a process, from /proc/<pid>/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(value.split()[0]) * 1024
    return values


def reset_peak(pid):
    """Reset the process's VmHWM to its current RSS (Linux 4.0+, writing "5" to clear_refs); False if refused."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def stored_item(database):
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT file, size, duration, width, height, mime_type FROM broadcasts_mediaitem"
        ).fetchall()


def report(video, seconds, status, location, upload_seconds, worker, before, after, peak_reset, stored):
    growth = after["VmHWM"] - before["VmRSS"]
    print(f"upload            {status} → {location or '-'} in {upload_seconds:.1f} s")
    print(
        f"worker {worker:<10} RSS before {before['VmRSS'] / MB:.1f} MB (peak so far {before['VmHWM'] / MB:.1f} MB), "
        f"peak during the upload {after['VmHWM'] / MB:.1f} MB{'' if peak_reset else ' (peak not reset)'}, "
        f"RSS after {after['VmRSS'] / MB:.1f} MB"
    )
    print(f"growth            {growth / MB:+.1f} MB (goal: under +{GOAL_MB} MB)")
    for name, size, duration, width, height, mime_type in stored:
        print(
            f"stored            {name}, {size / MB:.1f} MB, {duration:.1f} s, {width}x{height}, {mime_type}"
        )
    ok = (
        status == 302
        and len(stored) == 1
        and stored[0][1] == video.stat().st_size
        and abs(stored[0][2] - seconds) < 1
        and growth < GOAL_MB * MB
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
