"""Production settings (newsroom/settings/production.py) for a server on the loopback, for the load and fault runs:
DEBUG off, kept and health-checked database connections, the error pages, the shared cache and the page cache
as production has them, served over plain HTTP (no redirect to HTTPS, cookies without the Secure flag) and with
static files read as they are, without the collected manifest. Site-specific values default to the loopback.
"""

import os

LOOPBACK_DEFAULTS = {
    "SECRET_KEY": "loopback-bench-only-not-secret",
    "NEWSPAPER_HOST": "127.0.0.1",
    "BROADCAST_HOST": "drt.localhost",
    "PORTAL_HOST": "congthongtin.localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "OPENSEARCH_REPLICAS": "0",
}
for name, value in LOOPBACK_DEFAULTS.items():
    os.environ.setdefault(name, value)

from newsroom.settings.production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
