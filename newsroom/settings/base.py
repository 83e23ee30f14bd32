"""Settings shared by every environment. Secrets and host names live in the environment (production.py)."""

import datetime
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "core",
    "newsroom",
    "exemplars",
    "posters",
    "yearbooks",
    "contests",
    "quizzes",
    "tips",
    "broadcasts",
    "search",
    "demo",
    "wagtailmedia",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Whole public pages for readers without cookies, purged when content changes (core/page_cache.py): above
    # the others, so that a kept page skips them and they have all finished a page before it is kept.
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A NUL in the path, cookies, query string or form fields: 400 before any query (core/unstorable_input.py).
    "core.unstorable_input.UnstorableInputMiddleware",
    # One reading of the pages' view restrictions for all the listings of a GET (core/view_restrictions.py).
    "core.view_restrictions.ViewRestrictionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused login into the lock's page (newsroom.login_locks).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsroom.context_processors.outlet",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Wrong passwords lock logins (newsroom/login_locks.py, README "Login locks and proxies"): django-axes refuses a
# locked login before the password is checked, then Django's own backend checks it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "newsroom.login_locks.LoginLockHandler"
# Axes' own lock: one account from one address, 5 failures, 15 minutes; the handler adds the wider ones.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# Attempts refused during a lock are not counted, so retrying does not prolong it; a success forgets the failures.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.login_locks.lockout_response"
# Failures are kept while they count; successful logins (who, from where) are not kept at all.
AXES_DISABLE_ACCESS_LOG = True

# Vietnamese first; the admin also speaks English.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# The admin strings of the project-level templates/ (the judging views, admin panels); apps keep their own locale/.
# Then Wagtail's own admin strings in Vietnamese (`django` and `djangojs`), which Wagtail ships only in part: kept
# apart because makemessages rewrites the first path with our msgids only; then the few strings of Django itself
# that Django ships without Vietnamese (its time units). All win over the installed apps' catalogues, each over
# the ones after it.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale" / "wagtail",
    BASE_DIR / "locale" / "django",
    # wagtailmedia's strings, which it ships without Vietnamese.
    BASE_DIR / "locale" / "wagtailmedia",
]
USE_TZ = True
# Dates read 10/3/2025 or "ngày 10 tháng 3 năm 2025", without leading zeros.
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Contest entries and their files: outside MEDIA_ROOT, never served by URL, read through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# The web server's internal location for PRIVATE_MEDIA_ROOT (e.g. "/_private-media/", README: Running in
# production): when set, a checked view hands a file it plays to the web server (X-Accel-Redirect), which sends it
# with its ranges; None: Django streams it (core.byte_ranges).
PRIVATE_MEDIA_ACCEL_REDIRECT = None
# How many reverse proxies of ours every request passes through, each appending to X-Forwarded-For the address it
# received the request from; 0: clients connect directly and the header is ignored. Rate limits and login locks
# count the client's address (core.client_address), which no client can forge when this number is right.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
# How long a public page stays in the page cache (core/page_cache.py), in seconds; 0 turns the page cache off.
# Purges are explicit: this bounds only what changes with time alone (README, "Cached pages and Redis").
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 0))
# Never kept by the page cache: per user (the admin), privacy-checked (documents, private media), or cached and
# counted by themselves (the APIs: the content API's rate limit counts every request).
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/documents/",
    "/api/",
    "/broadcasts/files/",
    "/broadcasts/captions/",
    "/static/",
    "/media/",
]
# Contest entries accepted per client address in 10 minutes; an office behind one address may send many.
CONTEST_ENTRIES_PER_ADDRESS = int(os.environ.get("CONTEST_ENTRIES_PER_ADDRESS", 20))
# Knowledge contest attempts started from one address in 10 minutes: high, since a school or an office takes
# part together behind one address.
QUIZ_STARTS_PER_ADDRESS = int(os.environ.get("QUIZ_STARTS_PER_ADDRESS", 300))
# Beyond this many, each start from the address must carry a solved puzzle (core/challenges.py).
QUIZ_STARTS_BEFORE_CHALLENGE = int(os.environ.get("QUIZ_STARTS_BEFORE_CHALLENGE", 20))
CACHES = {
    # Each process's own: Django and Wagtail use it without expecting it to fail (sites' root paths, renditions).
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Shared by every server process and the scheduler (core/shared_cache.py): the page cache, the rate limits,
    # the search circuit breaker. Redis in production when REDIS_URL is set (production.py); else this table of
    # the database, made by `manage.py setup`. TIMEOUT outlasts a rate limit's window: Django's incr writes a
    # counter again with it.
    "shared": {
        "BACKEND": "core.database_cache.AtomicDatabaseCache",
        "LOCATION": "shared_cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # The articles each client address was counted reading in the last minutes, as keyed hashes in each server
    # process's memory, so that reloading an article is not another read (newsroom/read_counting.py).
    "recent_reads": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "recent-reads",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # The content API's responses (newsroom/api_cache.py), in a table of the database, so that every server
    # process and the scheduler share them: publishing anywhere clears them for all. `manage.py setup` creates
    # the table. Kept 5 minutes at most, for what changes without a publish (an author renamed, an episode aired).
    "content_api": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "content_api_cache",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
}


def redis_shared_cache(url, key_prefix="neuguong"):
    """CACHES["shared"] in the Redis at `url` (production.py with REDIS_URL; the tests of Redis). Short timeouts
    and no retry: a Redis out of reach must cost a request little, since pages are then made without it."""
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


STORAGES = {
    "default": {"BACKEND": "core.public_storage.PublicMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Nêu Gương"
# Slugs are ASCII ("Buôn Ma Thuột" -> buon-ma-thuot); core.vietnamese.slugify makes them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "mp3", "m4a", "ogg", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_WORKFLOW_ENABLED = True
# The station's audio and video (broadcasts.MediaItem): the formats browsers play natively.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "broadcasts.MediaItem",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"],
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm", "ogv", "mov"],
    # What a file is, read from the file; captions checked; nothing stored of a refused upload.
    "MEDIA_FORM_BASE": "broadcasts.admin_forms.MediaItemForm",
}
# The largest audio or video file the admin takes: an hour of HD video at 4.5 Mbit/s, with room to spare. Uploads
# past FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) are streamed to a temporary file, never held in memory.
BROADCAST_MAX_UPLOAD_SIZE = 2 * 1024 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True

# The three outlets: key -> host name. Production reads each from the environment.
OUTLET_HOSTS = {
    "newspaper": "127.0.0.1",
    "broadcast": "drt.localhost",
    "portal": "congthongtin.localhost",
}
OUTLET_PORT = int(os.environ.get("PORT", 8000))
# Links in notification emails lead to the admin on the newspaper's host, at the port `make run` serves.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://{OUTLET_HOSTS['newspaper']}:{OUTLET_PORT}"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"newsroom": {"level": "INFO"}, "search": {"level": "INFO"}},
}

# Nomination attachments hold personal data: kept outside MEDIA_ROOT, served only by a permission-checked view.
NOMINATION_FILES_ROOT = Path(os.environ.get("NOMINATION_FILES_ROOT", PRIVATE_MEDIA_ROOT / "nominations"))
# Where `manage.py backup` writes its archives (core/backups/, README "Backups"): outside every folder of files.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

# Search: the embedded engine (in the database) always; OpenSearch too when OPENSEARCH_URL is set, e.g.
# http://127.0.0.1:9200 from `make opensearch`, or https://user:password@search.example.org:9200. Searches then
# go to OpenSearch and fall back to the embedded engine while it is down (README, "Search engines").
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "").strip() or None
# The alias searches read; `search_index rebuild` fills <alias>-<timestamp> and then swaps the alias to it.
OPENSEARCH_INDEX = os.environ.get("OPENSEARCH_INDEX", "neuguong-archive")
OPENSEARCH_REPLICAS = int(os.environ.get("OPENSEARCH_REPLICAS", 0))

# The newsroom's image: Wagtail's with a required alt text, a caption and a credit (newsroom/models/images.py).
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsroomImage"

# The content API for the outlets' apps (/api/v2/, newsroom/api.py, docs/api.md): at most 50 items a request,
# rich text as the pages show it (links resolved), and the requests a client address may make in 10 minutes
# (core.rate_limits); a phone network may put many readers behind one address.
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
CONTENT_API_REQUESTS_PER_ADDRESS = int(os.environ.get("CONTENT_API_REQUESTS_PER_ADDRESS", 1200))
