"""The queue that feeds OpenSearch: publishing never waits for it, nor fails with it; changes wait in the
database while it is down or hanging, searches meanwhile answer from the embedded engine, and the changes
arrive once it is back."""

import socket
import threading

import pytest
from opensearchpy.connection import Urllib3HttpConnection

from newsroom.scheduler import run_due_publications
from search import indexing, service
from search.engines.base import SearchQuery
from search.indexing import REMOVE, UPSERT, BackgroundDrainer, DrainResult, drain_queue, queue_changes
from search.models import PendingIndexChange
from search.service import CircuitBreaker

from .conftest import RUN_PREFIX

REQUEST_THREAD = threading.current_thread().name


@pytest.fixture
def columns(outlets, make_column):
    return {
        "newspaper": make_column(outlets["newspaper"], "Thời sự"),
        "portal": make_column(outlets["portal"], "Tin tỉnh"),
    }


@pytest.fixture
def closed_port():
    """The address of an OpenSearch that is down: nothing listens there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def hanging_node():
    """The address of an OpenSearch that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    stop, accepted = threading.Event(), []

    def accept():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in [*accepted, server]:
        connection.close()


@pytest.fixture
def unreachable(settings):
    """Configure OpenSearch at an address (down or hanging) for the rest of the test."""

    def configure(url):
        settings.OPENSEARCH_URL = url
        settings.OPENSEARCH_INDEX = f"{RUN_PREFIX}-unreachable"

    return configure


@pytest.fixture
def network_calls(monkeypatch):
    """The name of the thread of every request sent to OpenSearch."""
    calls = []
    send = Urllib3HttpConnection.perform_request

    def recorded(self, *args, **kwargs):
        calls.append(threading.current_thread().name)
        return send(self, *args, **kwargs)

    monkeypatch.setattr(Urllib3HttpConnection, "perform_request", recorded)
    return calls


def key_of(page):
    return f"newsroom.articlepage:{page.pk}"


def queued():
    return {change.key: change.action for change in PendingIndexChange.objects.all()}


def titles(results):
    return [hit.title for hit in results.hits]


def test_nothing_is_queued_without_opensearch(columns, make_article):
    make_article(columns["newspaper"], "Bài chỉ có ở chỗ nhúng")
    assert not PendingIndexChange.objects.exists()


def test_changes_are_queued_one_row_per_object_with_the_latest_action(
    unreachable, closed_port, columns, make_article
):
    unreachable(closed_port)
    article = make_article(columns["newspaper"], "Tiêu đề cũ")
    first = PendingIndexChange.objects.get()
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    assert queued() == {key_of(article): UPSERT}
    article.unpublish()
    assert queued() == {key_of(article): REMOVE}
    latest = PendingIndexChange.objects.get()
    assert latest.created_at == first.created_at and latest.changed_at > first.changed_at

    moved = make_article(columns["newspaper"], "Bài chuyển sang cổng")
    PendingIndexChange.objects.all().delete()
    moved.move(columns["portal"], pos="last-child")
    assert queued() == {key_of(moved): UPSERT}
    moved.delete()
    assert queued() == {key_of(moved): REMOVE}


def test_with_opensearch_down_publishing_succeeds_and_search_answers_from_the_embedded_engine(
    unreachable, closed_port, columns, make_article
):
    unreachable(closed_port)
    article = make_article(columns["newspaper"], "Sầu riêng Krông Pắc vào mùa")
    assert article.live
    assert queued() == {key_of(article): UPSERT}

    results = service.search(SearchQuery(text="sau rieng krong pac"))
    assert results.engine == "database"
    assert titles(results) == ["Sầu riêng Krông Pắc vào mùa"]
    result = drain_queue()
    assert (result.applied, result.waiting) == (0, 1)
    assert "ConnectionError" in result.error
    change = PendingIndexChange.objects.get()
    assert change.attempts == 1 and change.last_error == result.error


def test_a_hanging_opensearch_never_holds_up_publishing(
    unreachable,
    hanging_node,
    columns,
    make_article,
    network_calls,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    unreachable(hanging_node)
    drains = []
    monkeypatch.setattr(
        indexing,
        "background_drainer",
        BackgroundDrainer(lambda: drains.append(threading.current_thread().name)),
    )

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(columns["newspaper"], "Cà phê Buôn Ma Thuột")
    indexing.background_drainer.join(timeout=5)

    assert network_calls == [], "publishing sent nothing to OpenSearch: the change is only queued"
    assert queued() == {key_of(article): UPSERT}
    assert drains and REQUEST_THREAD not in drains, "the commit handed the queue to a thread of its own"

    # That thread's drain gives up after one short attempt (no retries) and keeps the change queued.
    result = drain_queue()
    assert len(network_calls) == 1
    assert (result.applied, result.waiting) == (0, 1) and "ConnectionTimeout" in result.error

    # The first search waits out its own short timeout once; then the breaker is open and none waits at all.
    assert titles(service.search(SearchQuery(text="ca phe"))) == ["Cà phê Buôn Ma Thuột"]
    calls_before = len(network_calls)
    results = service.search(SearchQuery(text="ca phe"))
    assert results.engine == "database" and titles(results) == ["Cà phê Buôn Ma Thuột"]
    assert len(network_calls) == calls_before


def test_a_change_queued_while_applying_waits_for_the_next_drain(
    unreachable, closed_port, columns, make_article, monkeypatch
):
    unreachable(closed_port)
    article = make_article(columns["newspaper"], "Bài đang sửa")

    def applied_while_edited(engine, keys):
        queue_changes({key_of(article): REMOVE})

    monkeypatch.setattr(indexing, "apply_changes", applied_while_edited)
    assert drain_queue() == DrainResult(applied=0, waiting=1)
    assert queued() == {key_of(article): REMOVE}


def test_the_breaker_opens_after_failures_in_a_row_and_lets_a_retry_through_later():
    now = [0.0]
    breaker = CircuitBreaker(failures_to_open=2, open_seconds=30, clock=lambda: now[0])
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    assert breaker.allows(), "failures must come in a row"
    breaker.failed()
    assert not breaker.allows()
    now[0] = 31
    assert breaker.allows()
    breaker.failed()
    assert not breaker.allows(), "a failed retry opens it for a whole period again"
    breaker.succeeded()
    assert breaker.allows()


def test_the_background_drainer_runs_in_its_own_thread_and_again_when_kicked_meanwhile():
    release, runs = threading.Event(), []

    def drain():
        runs.append(threading.current_thread().name)
        release.wait(timeout=5)

    drainer = BackgroundDrainer(drain)
    drainer.kick()
    drainer.kick()
    drainer.kick()
    release.set()
    drainer.join(timeout=5)
    assert runs == ["search-index-queue", "search-index-queue"]


@pytest.mark.opensearch
def test_changes_wait_while_opensearch_is_down_and_arrive_when_it_is_back(
    settings, opensearch, closed_port, columns, make_article
):
    live = settings.OPENSEARCH_URL
    settings.OPENSEARCH_URL = closed_port
    kept = make_article(columns["newspaper"], "Hồ tiêu hữu cơ Cư Kuin")
    withdrawn = make_article(columns["newspaper"], "Hồ tiêu bị gỡ")
    withdrawn.unpublish()
    assert drain_queue().waiting == 2
    assert service.search(SearchQuery(text="ho tieu")).engine == "database"

    settings.OPENSEARCH_URL = live
    assert drain_queue() == DrainResult(applied=2, waiting=0)
    opensearch.refresh()
    results = service.search(SearchQuery(text="ho tieu"))
    assert results.engine == "opensearch"
    assert titles(results) == [kept.title]


@pytest.mark.opensearch
def test_the_scheduler_applies_the_queue(opensearch, columns, make_article):
    article = make_article(columns["newspaper"], "Nông thôn mới ở Ea Kar")
    assert queued() == {key_of(article): UPSERT}
    run_due_publications()
    assert not PendingIndexChange.objects.exists()
    opensearch.refresh()
    assert titles(opensearch.search(SearchQuery(text="nong thon moi"))) == [article.title]
