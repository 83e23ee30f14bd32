"""Fixtures shared by the whole suite: the three outlets, the shared indexes, columns, articles and users in
roles."""

import json
import os
import tracemalloc
import uuid
from io import BytesIO

import pytest
from hypothesis import HealthCheck, settings
from PIL import Image as PillowImage

from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.urls import get_resolver

from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from exemplars.setup import ensure_shared_indexes
from newsroom.models import ArticlePage, ColumnPage, Outlet, OutletHomePage
from newsroom.outlets import ensure_all_outlets
from newsroom.settings.base import CACHES as BASE_CACHES
from newsroom.settings.base import redis_shared_cache
from search.indexing import background_drainer
from tests import redis_servers
from tests.core.mail_servers import MailServer
from tests.datasets import Dataset
from tests.run_folder import shared_folder
from tests.shared_migrations import migrate_once_per_run, migrated_copy, restore_migrated_copy

# Property-based tests (marked `fuzz`): in `make test`, a hundred generated inputs per target, the same ones on
# every run (derandomised: a run's outcome and time do not depend on the draw); `make fuzz`
# (HYPOTHESIS_PROFILE=bench) draws ten thousand new ones per target and prints how many each target ran. No
# deadline: the targets write to a database, and tests never assert wall-clock times.
FUZZ_HEALTH_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "default", max_examples=100, derandomize=True, deadline=None, suppress_health_check=FUZZ_HEALTH_CHECKS
)
settings.register_profile(
    "bench", max_examples=10_000, deadline=None, suppress_health_check=FUZZ_HEALTH_CHECKS
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# How long a transactional test waits for the search queue's background thread after it (a drain takes
# milliseconds here; a hung one is the search tests' business).
DRAINER_GRACE_SECONDS = 10

# Fixtures that put a Dataset (tests/datasets.py), in the order they build on each other.
DATASET_FIXTURES = ["outlets", "shared_indexes", "contest_index", "contest", "devset", "demo"]


def outlet_homes():
    return {outlet: OutletHomePage.objects.get(outlet=outlet) for outlet in Outlet.values}


OUTLETS = Dataset(ensure_all_outlets)
SHARED_INDEXES = Dataset(lambda: ensure_shared_indexes(outlet_homes()))


@pytest.fixture(autouse=True)
def empty_shared_cache():
    """Every test starts with an empty shared cache (settings.test: this process's memory), so that rate limits,
    kept pages and the search breaker's state never pass from one test to the next."""
    caches["shared"].clear()


@pytest.fixture(autouse=True)
def datasets_first(request):
    """The datasets a test asks for are put before any other fixture writes, on the database they were recorded
    on, so that they are replayed rather than built."""
    for name in DATASET_FIXTURES:
        if name in request.fixturenames:
            request.getfixturevalue(name)


@pytest.fixture
def outlets(db):
    """The three outlets with sites, roles and workflows, as {outlet key: home page}."""
    OUTLETS.put()
    return outlet_homes()


@pytest.fixture
def shared_indexes(outlets):
    """{ExemplarIndexPage: the canonical registry, MovementIndexPage: the canonical index}, on the portal."""
    SHARED_INDEXES.put()
    return ensure_shared_indexes(outlets)


@pytest.fixture
def make_column():
    def make(outlet_home, title, **fields):
        return outlet_home.add_child(instance=ColumnPage(title=title, **fields))

    return make


@pytest.fixture
def make_article():
    """A published article under `column`; pass live=False for a draft."""

    def make(column, title, live=True, **fields):
        article = column.add_child(instance=ArticlePage(title=title, live=live, **fields))
        if live:
            article.save_revision().publish()
        else:
            article.save_revision()
        return article

    return make


# The size of a test's image unless it asks for another: its renditions (AVIF above all) are made in a fraction
# of a large photo's time. A test that reads the widths of a large photo's renditions asks for LARGE_PHOTO.
SMALL_PICTURE = (640, 360)
LARGE_PHOTO = (1600, 900)


@pytest.fixture
def make_image(db):
    """An image in the library: a plain JPEG of `size` with an alt text, unless given others."""

    def make(title="Ảnh", size=SMALL_PICTURE, color="#a50e1e", **fields):
        buffer = BytesIO()
        PillowImage.new("RGB", size, color).save(buffer, "JPEG")
        fields.setdefault("description", f"Ảnh minh họa: {title}")
        return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="anh.jpg"), **fields)

    return make


@pytest.fixture
def make_user(db):
    def make(username, *group_names, is_superuser=False, admin_language=None):
        """A user in the named groups; the admin speaks `admin_language` to them (default: LANGUAGE_CODE, vi)."""
        email = f"{username}@example.vn"
        user = User.objects.create_user(username, email, "mat-khau-thu", is_superuser=is_superuser)
        for name in group_names:
            user.groups.add(Group.objects.get(name=name))
        if admin_language:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = admin_language
            profile.save(update_fields=["preferred_language"])
        return user

    return make


@pytest.fixture
def mail_server_down(settings):
    """Every e-mail fails as it does while the SMTP server is down, until `.come_back()`."""
    server = MailServer(settings)
    server.go_down()
    return server


@pytest.fixture
def redis_cache(settings):
    """The shared cache in the Redis at $REDIS_URL (CI starts one), under a key prefix of this test's own; the
    Redis URL."""
    url = redis_servers.redis_url()
    require_service(url and redis_servers.answers(url), f"Redis at {url or '$REDIS_URL'}")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "shared": redis_shared_cache(url, key_prefix=prefix)}
    yield url
    redis_servers.delete_keys(url, prefix)


@pytest.fixture
def stoppable_redis(settings):
    """The shared cache in a Redis server of this test's own, which the test may stop and start again."""
    require_service(redis_servers.can_start_servers(), "Debian's redis-server")
    server = redis_servers.RedisServer()
    server.start()
    settings.CACHES = {**settings.CACHES, "shared": redis_shared_cache(server.url)}
    yield server
    server.stop()


@pytest.fixture
def database_shared_cache(settings, db):
    """The shared cache in the database's table, as without Redis (settings.base)."""
    settings.CACHES = {**settings.CACHES, "shared": BASE_CACHES["shared"]}
    call_command("createcachetable")
    # A transactional test before may have left rows: Django's flush leaves the cache tables alone.
    caches["shared"].clear()


@pytest.fixture
def wagtail_search_index(settings, db):
    """Wagtail's own index (the admin's page and snippet search, the API's `search`) followed on every save, as
    in production (settings.test turns that off): what the datasets wrote before is indexed first. modelsearch
    reads the setting at each save."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": True} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    call_command("update_index", verbosity=0)


@pytest.fixture
def unreachable_shared_cache(settings):
    """The shared cache in a Redis where nothing listens: every use of it fails."""
    settings.CACHES = {**settings.CACHES, "shared": redis_shared_cache(redis_servers.closed_port_url())}


def peak_memory(call):
    """The most memory that `call()` held at once, in bytes (what Python allocated while it ran)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def require_service(available, what):
    """A test whose engine is missing fails under CI=true (CI must provide it) and is skipped elsewhere."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required under CI=true but is not available.")
    pytest.skip(f"{what} is not available here (CI provides it).")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that use no database run first, then those that want a migrated database file, then
    pytest-django's order is kept: tests in a transaction, then transactional ones. In a parallel run
    (`make test`) the other workers run the first ones while the first worker migrates. Within each group the
    property-based tests (the longest) start first, so that no worker is left running one after the others end."""
    items.sort(key=lambda item: (database_need(item), not starts_early(item)))


def starts_early(item):
    # Transactional tests keep their place after the others (pytest-django's order, which the sort keeps).
    return bool(item.get_closest_marker("fuzz")) and not is_transactional(item)


def database_need(item):
    """0: none, 1: a copy of the migrated database (`migrated_database`), 2: the test database."""
    if uses_database(item):
        return 2
    return int("migrated_database" in getattr(item, "fixturenames", ()))


def uses_database(item):
    test_class = getattr(item, "cls", None)
    return bool(
        (test_class and issubclass(test_class, TransactionTestCase))
        or item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """pytest-django's hook before it creates the test databases: SQLite is migrated once per run."""
    migrate_once_per_run(shared_folder(tmp_path_factory))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test databases, with the content types first in the copy that a serialized rollback
    restores into an emptied database: Wagtail's tasks look their content type up (and create it) as they are
    built, which would then collide with the content type restored after them."""
    for connection in connections.all(initialized_only=True):
        if hasattr(connection, "_test_serialized_contents"):
            objects = json.loads(connection._test_serialized_contents)
            objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
            connection._test_serialized_contents = json.dumps(objects)


@pytest.fixture(scope="session", autouse=True)
def first_worker_migrates_first(request):
    """In a parallel run the first worker migrates before its first test, while the others run the tests that
    need no database; they then copy what it migrated (tests/shared_migrations.py)."""
    if os.environ.get("PYTEST_XDIST_WORKER") == "gw0" and any(map(database_need, request.session.items)):
        request.getfixturevalue("django_db_setup")


@pytest.fixture(scope="session", autouse=True)
def admin_urls_loaded():
    """The URLconf is loaded before the first test, as a server's checks load it before its first request:
    Wagtail registers the models of the admin's viewsets with its reference index as their URLs load, so the
    first test of a process would otherwise index fewer references than the next ones, and a dataset recorded in
    it would not replay in them."""
    return get_resolver().url_patterns


@pytest.fixture(scope="session", autouse=True)
def datasets_recorded_once_per_run(tmp_path_factory):
    """The datasets given a shared name are recorded by the first worker that puts them, for all of them."""
    Dataset.shared_folder = shared_folder(tmp_path_factory)


@pytest.fixture
def every_migration_applied_again(tmp_path_factory):
    """What a test that migrates the database back calls as it ends, since the tests after it expect every
    migration applied: on SQLite the run's migrated copy is put back (a copy in a moment, where migrating forward
    again takes seconds), elsewhere the migrations are applied again."""

    def apply():
        database = connections[DEFAULT_DB_ALIAS]
        if not restore_migrated_copy(shared_folder(tmp_path_factory), database):
            executor = MigrationExecutor(database)
            executor.migrate(executor.loader.graph.leaf_nodes())

    return apply


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, tmp_path_factory):
    """A file holding a freshly migrated database, or None where the test databases are not SQLite."""
    destination = tmp_path_factory.mktemp("migrated") / "site.sqlite3"
    return migrated_copy(shared_folder(tmp_path_factory), destination)


def pytest_runtest_setup(item):
    """Tests marked `postgres` need PostgreSQL; checked before any fixture touches the database."""
    if item.get_closest_marker("postgres"):
        from django.db import connection

        require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A transactional test's commits kick the search queue's background thread (search.indexing); it finishes
    before the test's database is flushed. Left running, it would hold a connection open past the test and write
    into the next test's database (content types with new ids, which a serialized rollback then collides with)."""
    try:
        return (yield)
    finally:
        if is_transactional(item):
            background_drainer.join(timeout=DRAINER_GRACE_SECONDS)


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & fixtures
    )
