"""Production takes its secrets and hosts from the environment; the admin speaks Vietnamese and English."""

import datetime
import os
import subprocess
import sys

import pytest

from django.utils import timezone, translation
from django.utils.timesince import timesince

from wagtail.users.models import UserProfile

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "SECRET_KEY": "a-production-secret-from-the-environment-0123456789",
    "DATABASE_URL": "postgres://neuguong:secret@db.example.vn:5432/neuguong",
    "NEWSPAPER_HOST": "baodaklak.example.vn",
    "BROADCAST_HOST": "drt.example.vn",
    "PORTAL_HOST": "daklak.example.vn",
}


def run_under_settings(script, environment, settings_module="newsroom.settings.production"):
    """Run `script` in a Python process of its own whose environment is this one's with `environment` laid over
    it (a None value takes a variable out). The script reads the settings without `django.setup()`: loading the
    settings module is what is tried, and the apps' imports would cost the process two seconds."""
    env = {key: value for key, value in os.environ.items() if key not in environment}
    env |= {key: value for key, value in environment.items() if value is not None}
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    script = f"from django.conf import settings; {script}"
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )


def load_production_settings(**overrides):
    return run_under_settings(
        "print(settings.OUTLET_HOSTS['broadcast'], settings.DATABASES['default']['HOST'], settings.DEBUG)",
        PRODUCTION_ENV | overrides,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_production_settings(SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("missing", ["DATABASE_URL", "PORTAL_HOST"])
def test_production_refuses_to_guess_site_specific_values(missing):
    result = load_production_settings(**{missing: None})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_reads_hosts_and_database_from_the_environment():
    result = load_production_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["drt.example.vn", "db.example.vn", "False"]


def test_make_run_on_another_port_serves_the_sites_and_mails_links_there():
    result = run_under_settings(
        "print(settings.OUTLET_PORT, settings.WAGTAILADMIN_BASE_URL)",
        {"WAGTAILADMIN_BASE_URL": None, "PORT": "8123"},
        settings_module="newsroom.settings.dev",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["8123", "http://127.0.0.1:8123"]


@pytest.mark.parametrize(("language", "dashboard"), [("", "Bảng điều khiển"), ("en", "Dashboard")])
def test_the_admin_speaks_vietnamese_or_english_as_each_user_prefers(client, make_user, language, dashboard):
    user = make_user("bientap", is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    assert dashboard in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_sign_in_page_names_the_product_in_vietnamese(client):
    html = client.get("/admin/login/").content.decode()

    assert "<h1>Đăng nhập Nêu Gương</h1>" in html
    assert "- Nêu Gương</title>" in html  # every admin page's title names the product, not Wagtail
    assert "Sign in" not in html and "Wagtail" not in html.split("<h1>")[1].split("</h1>")[0]


def test_the_admins_relative_times_read_in_vietnamese():
    now = timezone.now()
    with translation.override("vi"):
        assert (
            timesince(now - datetime.timedelta(minutes=3), now) == "3\xa0phút"
        )  # Django joins the number and unit with a no-break space
        assert timesince(now - datetime.timedelta(days=9), now) == "1\xa0tuần, 2\xa0ngày"


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    """After the database restarts, each worker finds its kept connection dead before a request uses it."""
    result = run_under_settings(
        "database = settings.DATABASES['default']; print(database['CONN_MAX_AGE'], database['CONN_HEALTH_CHECKS'])",
        PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["600", "True"]


@pytest.mark.parametrize(
    ("database_url", "options"),
    [
        (PRODUCTION_ENV["DATABASE_URL"], "{'options': '-c random_page_cost=1.1'}"),
        ("sqlite:////srv/neuguong/db.sqlite3", "{}"),
    ],
    ids=["postgresql", "sqlite"],
)
def test_production_plans_postgresql_queries_for_ssd_and_leaves_sqlite_as_it_is(database_url, options):
    """PostgreSQL's sessions cost a random read as SSD does (see production.py); SQLite takes no such option."""
    result = run_under_settings(
        "print(settings.DATABASES['default'].get('OPTIONS', {}))",
        PRODUCTION_ENV | {"DATABASE_URL": database_url},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == options


@pytest.mark.postgres
def test_productions_postgresql_sessions_cost_a_random_read_as_ssd_does():
    result = run_under_settings(
        "from django.db import connection; cursor = connection.cursor();"
        "cursor.execute('SHOW random_page_cost'); print(cursor.fetchone()[0])",
        PRODUCTION_ENV | {"DATABASE_URL": os.environ["DATABASE_URL"]},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1.1"


@pytest.mark.parametrize(
    ("environment", "shared", "seconds"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6390/2"}, "RedisCache redis://127.0.0.1:6390/2", "60"),
        ({"REDIS_URL": "", "PAGE_CACHE_SECONDS": "0"}, "AtomicDatabaseCache shared_cache", "0"),
    ],
    ids=["redis", "without-redis"],
)
def test_production_shares_its_cache_in_redis_when_given_one(environment, shared, seconds):
    result = run_under_settings(
        "shared = settings.CACHES['shared'];"
        "print(shared['BACKEND'].rsplit('.', 1)[1], shared['LOCATION'], settings.PAGE_CACHE_SECONDS,"
        " settings.MIDDLEWARE.index('core.page_cache.PageCacheMiddleware'))",
        PRODUCTION_ENV | {"REDIS_URL": None, "PAGE_CACHE_SECONDS": None} | environment,
    )

    assert result.returncode == 0, result.stderr
    # The page cache comes after the security headers and the static files, before everything else.
    assert result.stdout.split() == [*shared.split(), seconds, "2"]
