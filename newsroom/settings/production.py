"""Production: everything secret or site-specific comes from the environment."""

import os

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
# Connections are kept 10 minutes, and checked before a request reuses one: after the database restarts, the first
# request of each worker reconnects instead of failing on the connection that died.
DATABASES = {
    "default": dj_database_url.parse(require_env("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)
}
# PostgreSQL's default cost of a random read (4) is a spinning disk's: on a server with SSD and the site's tables in
# memory it reads the whole page tree (20,000 rows and more) to join it to the thousand profiles of the registry,
# where their primary keys answer in a tenth of the time (the registry's count and its years: 10 ms → 1 ms).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"
OUTLET_HOSTS = {
    "newspaper": require_env("NEWSPAPER_HOST"),
    "broadcast": require_env("BROADCAST_HOST"),
    "portal": require_env("PORTAL_HOST"),
}
OUTLET_PORT = int(os.environ.get("OUTLET_PORT", 443))
ALLOWED_HOSTS = [*OUTLET_HOSTS.values(), *filter(None, os.environ.get("ALLOWED_HOSTS", "").split(","))]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{OUTLET_HOSTS['newspaper']}")

# Static files served by the application itself, compressed and cache-busted.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "core.public_storage.PublicMediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The broadcasts' audio and video sent by the web server, ranges included (README: Running in production).
PRIVATE_MEDIA_ACCEL_REDIRECT = os.environ.get("PRIVATE_MEDIA_ACCEL_REDIRECT", "").strip() or None

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address (rate limits, login locks) is read from X-Forwarded-For by counting our proxies.
if os.environ.get("CLIENT_IP_HEADER", "").strip():
    raise ImproperlyConfigured(
        "CLIENT_IP_HEADER is no longer read: set TRUSTED_PROXY_COUNT to the number of reverse proxies in front "
        "of the application (README, Login locks and proxies), and unset CLIENT_IP_HEADER."
    )
if TRUSTED_PROXY_COUNT < 0:  # noqa: F405
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is a number of proxies: 0 or more.")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
# Seconds a silent mail server may hold each exchange: the first attempt runs in the request that queued the
# e-mail (core.outbox), which must not hang on it; what times out is retried by the scheduler.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Nêu Gương <no-reply@localhost>")

# The shared cache (core/shared_cache.py) in Redis, e.g. redis://127.0.0.1:6379/0; unset: the database's table.
REDIS_URL = os.environ.get("REDIS_URL", "").strip() or None
if REDIS_URL:
    CACHES = {**CACHES, "shared": redis_shared_cache(REDIS_URL)}  # noqa: F405
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60))

# A production cluster keeps a copy of the archive index on a second node (a local dev node has only one).
OPENSEARCH_REPLICAS = int(os.environ.get("OPENSEARCH_REPLICAS", 1))
