"""Local development: SQLite, console email, a fixed non-secret key."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Development only: never used by production.py, which refuses to start without SECRET_KEY.
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
