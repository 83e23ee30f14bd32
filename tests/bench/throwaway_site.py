"""A throwaway site for the load and fault runs, and what a client needs to use it.

The site: a PostgreSQL database of its own, created beside the one DATABASE_URL names when it names PostgreSQL,
else on a private cluster started for the run (PrivateCluster: PostgreSQL's own initdb and pg_ctl, in a temporary
directory, on a free port; the PostgreSQL fault run always uses one, since it restarts it); migrated, set up as
`manage.py setup` sets up production, then given what the run needs (set_up_for_bench, run in the site's own
Django); served by gunicorn under production settings on the loopback (tests/bench/loopback_settings.py).

The client: officers' logins, a form's CSRF token, multipart bodies, as a browser sends them.
"""

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from tests.bench.bench_import import postgres_database
from tests.bench.load_harness import ROOT, free_port

SETTINGS = "tests.bench.loopback_settings"
# Every login the setup makes has this password: a throwaway site on the loopback.
PASSWORD = "bench-only-password"
# A PDF of 26 kB, as a short entry or a unit's letter of proposal saved as PDF.
PDF = b"%PDF-1.4\n" + b"% bai du thi\n" * 2000 + b"%%EOF\n"
# What the page after an entry shows (its receipt), and the page after a filed nomination (its record, with the
# step to submit it) but not the form.
RECEIPT = re.compile(rb'receipt-code"><strong>([^<]+)<')
FILED_MARK = b"/step/submit/"
# The user PostgreSQL's programs run as when the run is root's (they refuse root).
POSTGRES_SYSTEM_USER = "postgres"


def is_postgres(url):
    import dj_database_url

    return bool(url) and dj_database_url.parse(url)["ENGINE"].endswith("postgresql")


class PrivateCluster:
    """A PostgreSQL cluster of the run's own on 127.0.0.1:`port`, trusting local connections; stop() and start()
    restart it without touching any other server."""

    def __init__(self):
        self.bindir = postgres_bindir()
        # Its own temporary directory, which the postgres system user may enter when the run is root's.
        self.directory = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.port = free_port()
        self.url = f"postgres://bench@127.0.0.1:{self.port}/postgres"

    def create(self):
        if os.geteuid() == 0:
            shutil.chown(self.directory, POSTGRES_SYSTEM_USER, POSTGRES_SYSTEM_USER)
        self._run("initdb", "-D", self.data, "-U", "bench", "--auth=trust", "-E", "UTF8", "--no-instructions")
        self.start()

    def start(self):
        # fsync off: a throwaway cluster, stopped cleanly (a fast stop writes everything before it ends).
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self):
        """A fast stop, as an administrator's restart does: sessions are ended, what was committed is kept."""
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def destroy(self):
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, program, *arguments):
        command = [str(self.bindir / program), *map(str, arguments)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", POSTGRES_SYSTEM_USER, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/")


def postgres_bindir():
    """Where PostgreSQL's server programs are: pg_config's answer, else Debian's /usr/lib/postgresql/N/bin, the
    newest first."""
    candidates = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(Path(found.stdout.strip()))
    newest_first = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
    candidates += reversed(newest_first)
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    sys.exit("PostgreSQL's server programs (initdb, pg_ctl) are needed: apt-get install postgresql.")


@contextmanager
def private_cluster():
    cluster = PrivateCluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()


@contextmanager
def postgres_server():
    """The URL of a database to create throwaway ones beside: DATABASE_URL's when it names PostgreSQL, else the
    maintenance database of a private cluster kept for the length of the block."""
    url = os.environ.get("DATABASE_URL", "")
    if is_postgres(url):
        yield url
        return
    with private_cluster() as cluster:
        yield cluster.url


def site_env(workdir, **extra):
    """The environment of the site's processes (gunicorn, manage.py): its files and settings; throwaway_site adds
    its database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
        "NOMINATION_FILES_ROOT": str(workdir / "private-media" / "nominations"),
        "PAGE_CACHE_SECONDS": "0",
        # Every request of a run comes from 127.0.0.1: the limits per address would stop the load itself.
        "CONTEST_ENTRIES_PER_ADDRESS": "1000000",
        "CONTENT_API_REQUESTS_PER_ADDRESS": "1000000",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "OPENSEARCH_URL"):
        env.pop(name, None)
    return {**env, **{name: str(value) for name, value in extra.items()}}


@contextmanager
def throwaway_site(server_url, bench, env, **what):
    """A new database `<server's database>_<bench>`, migrated, set up and given `what` (see set_up_for_bench),
    dropped at the end: yields (`env` with DATABASE_URL naming it, what the setup made)."""
    with postgres_database(server_url, bench) as url:
        env = {**env, "DATABASE_URL": url}
        yield env, prepare(env, **what)


def prepare(env, **what):
    manage("migrate", "--noinput", "-v0", env=env)
    manage("setup", env=env)
    manage("createcachetable", env=env)
    script = (
        "import json; from tests.bench.throwaway_site import set_up_for_bench; "
        f"print(json.dumps(set_up_for_bench(**json.loads({json.dumps(json.dumps(what))}))))"
    )
    return json.loads(manage("shell", "-c", script, env=env).splitlines()[-1])


def manage(*arguments, env):
    finished = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if finished.returncode:
        sys.exit(f"manage.py {arguments[0]} failed:\n{finished.stderr[-3000:]}")
    return finished.stdout


# The site's side, run by `manage.py shell` in the site's own Django.


def set_up_for_bench(contest=False, units=0, drafts=0, editor=False):
    """What a run needs, beside what `manage.py setup` made: an open contest, `units` units each with an officer
    and an open nomination round, `drafts` draft articles in a newspaper column, a superuser to publish them."""
    made = {"password": PASSWORD}
    if contest:
        made["contest"] = open_contest()
    if units:
        made["nominations"] = units_with_officers(units)
    if drafts:
        made["drafts"] = draft_articles(drafts)
    if editor:
        from django.contrib.auth.models import User

        User.objects.create_superuser("bench.editor", "bench.editor@example.vn", PASSWORD)
        made["editor"] = "bench.editor"
    return made


def open_contest():
    import datetime

    from django.utils import timezone

    from contests.models import ContestCategory, ContestIndexPage, ContestPage, RubricCriterion
    from newsroom.models import Outlet, OutletHomePage

    home = OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER)
    index = home.add_child(instance=ContestIndexPage(title="Cuộc thi", slug="cuoc-thi"))
    index.save_revision().publish()
    now = timezone.now()
    contest = ContestPage(
        title="Cuộc thi đo tải",
        slug="do-tai",
        theme="Đo tải",
        rules="<p>Thể lệ.</p>",
        eligibility="Mọi người.",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    contest.categories = [ContestCategory(name="Bút ký", sort_order=0)]
    contest.rubric_criteria = [RubricCriterion(name="Nội dung", weight=100, sort_order=0)]
    index.add_child(instance=contest)
    contest.save_revision().publish()
    return {"path": contest.get_url_parts()[2], "category": contest.categories.first().pk}


def units_with_officers(count):
    import datetime

    from django.contrib.auth.models import User
    from django.urls import reverse
    from django.utils import timezone

    from exemplars.models import AchievementField, NominationRound, OfficerProfile, Unit
    from exemplars.setup import join_unit_officers

    now = timezone.now()
    nomination_round = NominationRound.objects.create(
        title="Đợt đo tải",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    officers = []
    for number in range(1, count + 1):
        unit = Unit.objects.create(name=f"Đơn vị đo tải số {number}", kind=Unit.Kind.COMMUNE)
        user = User.objects.create_user(f"canbo.{number}", f"canbo.{number}@example.vn", PASSWORD)
        OfficerProfile.objects.create(user=user, unit=unit)
        join_unit_officers(user, unit)
        officers.append(user.username)
    return {
        "officers": officers,
        "quota": NominationRound.QUOTA,
        "round": nomination_round.pk,
        "field": AchievementField.objects.get(code="cong-tac").pk,
        "add_path": reverse("exemplars_nominations:add"),
        "step_path": reverse("exemplars_nominations:step", args=[0, "submit"]),
    }


def draft_articles(count):
    from newsroom.models import ArticlePage, ColumnPage, Outlet, OutletHomePage

    home = OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER)
    column = ColumnPage.objects.child_of(home).first() or home.add_child(instance=ColumnPage(title="Thời sự"))
    if not column.live:
        column.save_revision().publish()
    pks = []
    for number in range(1, count + 1):
        article = column.add_child(
            instance=ArticlePage(
                title=f"Bản tin đo tải số {number}",
                standfirst=f"Bản tin số {number}, xuất bản trong lúc đo tải.",
                live=False,
            )
        )
        article.save_revision()
        pks.append(article.pk)
    return pks


# The client's side.


def form_credentials(page_url):
    """The CSRF cookie and the form's token, read once: one browser's session, reused by every thread."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = opener.open(page_url, timeout=60).read().decode()
    return cookie_value(cookies, "csrftoken"), form_token(html)


def form_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def cookie_value(cookies, name):
    return next(cookie.value for cookie in cookies if cookie.name == name)


def log_in(base, username, form_path):
    """An admin session of `username`, through the login form, then the form at `form_path` opened as a browser
    does before sending it: (the Cookie header, the form's CSRF token)."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    login_url = f"{base}/admin/login/"
    token = form_token(opener.open(login_url, timeout=60).read().decode())
    fields = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    request = urllib.request.Request(
        login_url, data=urllib.parse.urlencode(fields).encode(), headers={"Referer": login_url}
    )
    opener.open(request, timeout=120).read()
    if not any(cookie.name == "sessionid" for cookie in cookies):
        sys.exit(f"{username} could not log in.")
    # Logging in gave the session a new CSRF secret: the form's token is read afresh.
    token = form_token(opener.open(base + form_path, timeout=120).read().decode())
    header = f"sessionid={cookie_value(cookies, 'sessionid')}; csrftoken={cookie_value(cookies, 'csrftoken')}"
    return header, token


def multipart(fields, files):
    """A multipart/form-data body: (body, Content-Type); `fields` values may be lists, `files` {name: (file
    name, bytes)}."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
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


def post_form(url, fields, files, cookie_header):
    body, content_type = multipart(fields, files)
    headers = {"Content-Type": content_type, "Cookie": cookie_header, "Referer": url}
    return urllib.request.Request(url, data=body, headers=headers, method="POST")


def entry_request(page_url, number, category, credentials, attachment=PDF):
    """A contest entry, with `attachment` as a PDF file when given; each one a new form (a new token)."""
    cookie, csrf_token = credentials
    fields = {
        "csrfmiddlewaretoken": csrf_token,
        "submission_token": str(uuid.uuid4()),
        "full_name": f"Người dự thi số {number}",
        "email": entrant_email(number),
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
    files = {"attachment": (f"bai-{number}.pdf", attachment)} if attachment else {}
    return post_form(page_url, fields, files, f"csrftoken={cookie}")


def entrant_email(number):
    """The e-mail address of entry_request's entrant `number`: each entry is found by it."""
    return f"nguoi{number}@example.vn"


def nomination_request(add_url, nominations, number, session, attachment=PDF):
    """A unit officer's new nomination, with one attached PDF; `session` as log_in returns it."""
    cookie_header, csrf_token = session
    fields = {
        "csrfmiddlewaretoken": csrf_token,
        "round": nominations["round"],
        "subject_kind": "individual",
        "name": f"Người được đề nghị số {number}",
        "position": "Y sĩ trạm y tế xã",
        "achievement_fields": nominations["field"],
        "achievements_summary": "Tự học tiếng M'nông để tư vấn sức khỏe cho bà con. " * 10,
        "awards_received": "",
        "proposed_commendation": "merit_certificate",
        "proposed_commendation_other": "",
        "contact_person": "Nguyễn Văn Liên",
        "contact_phone": "0262 3852 123",
        "id_number": "066123456789",
        "address": "Buôn Ea Sol",
        "attachments-TOTAL_FORMS": "1" if attachment else "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    files = {}
    if attachment:
        fields.update({"attachments-0-id": "", "attachments-0-DELETE": ""})
        files["attachments-0-file"] = (f"to-trinh-{number}.pdf", attachment)
    return post_form(add_url, fields, files, cookie_header)


def files_under(folder):
    return {str(path.relative_to(folder)) for path in Path(folder).rglob("*") if path.is_file()}


def query(database_url, sql, *params):
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


def wait_for(condition, seconds, interval=1.0):
    """Whether `condition()` came true within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
