"""Search fixtures: the dev set imported and indexed, a quick way to index hand-made articles, pages of every
other searchable kind, the station's programmes and their episodes, and OpenSearch.

OpenSearch tests ask for the `opensearch` fixture: it needs a node at $OPENSEARCH_URL (CI starts one; locally
`search/opensearch_node/run.sh --background`) and gives each test an alias of its own, named after this run,
so runs on SQLite and PostgreSQL, reruns and tests never share an index; the test's indices are deleted after.
"""

import datetime
import itertools
import json
import os
import urllib.request
import uuid
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from broadcasts.models import MediaItem, ProgrammeIndexPage, ProgrammePage
from contests.models import ContestCategory, ContestIndexPage, ContestPage, ContestPrize, RubricCriterion
from exemplars.models import (
    AchievementField,
    Award,
    ExemplarIndexPage,
    ExemplarPage,
    Locality,
    MovementIndexPage,
    MovementPage,
    Unit,
)
from newsroom.importer.run import import_archive
from newsroom.models import CampaignPage, HistoricEvent, Language, Outlet
from newsroom.models.calendar import ensure_plan_events
from search.indexing import get_engine, rebuild
from search.service import get_remote_engine
from tests.conftest import require_service
from tests.datasets import Dataset

DATA = Path(__file__).resolve().parent.parent / "data"
RUN_PREFIX = f"neuguong-test-{uuid.uuid4().hex[:12]}"
_aliases = itertools.count(1)


def read_jsonl(name):
    with open(DATA / name, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def opensearch_url():
    return os.environ.get("OPENSEARCH_URL", "").strip()


def node_answers(url):
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/_cluster/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def opensearch(settings):
    """The OpenSearch engine, on an alias of this test's own; the embedded engine stays written as ever."""
    url = opensearch_url()
    require_service(url and node_answers(url), f"OpenSearch at {url or '$OPENSEARCH_URL'}")
    settings.OPENSEARCH_URL = url
    settings.OPENSEARCH_INDEX = f"{RUN_PREFIX}-{next(_aliases)}"
    engine = get_remote_engine()
    yield engine
    engine.delete_all()


@pytest.fixture
def search_engine():
    """The engine the `search` fixture asks: the embedded one, unless a module overrides this fixture."""
    return get_engine()


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def each_engine(request):
    """Each engine in turn, asked directly (no fallback): for modules whose queries must pass on both."""
    if request.param == "opensearch":
        return request.getfixturevalue("opensearch")
    return get_engine()


def import_and_index(articles):
    """Import archive-format dicts as published articles, then rebuild the index."""
    errors = []
    import_archive((json.dumps(article, ensure_ascii=False) for article in articles), errors.append)
    assert not errors, errors
    rebuild()


class ImportedArticles:
    """Articles that many tests search, imported once per run (tests/datasets.py) where the embedded engine
    answers; an OpenSearch test has an index of its own, which the import fills."""

    def __init__(self, articles):
        self.articles = articles
        self.dataset = Dataset(self.import_them)

    def import_them(self):
        import_and_index(self.articles)

    def put(self):
        if get_remote_engine() is None:
            self.dataset.put()
        else:
            self.import_them()


DEVSET = ImportedArticles(read_jsonl("articles-dev.jsonl"))


def searched_on_each_engine(articles):
    """The fixtures of a module whose articles (archive-format dicts) are searched on each engine in turn:
    `search_engine, articles = searched_on_each_engine([...])`."""
    archive = ImportedArticles(articles)

    @pytest.fixture
    def search_engine(each_engine):
        return each_engine

    @pytest.fixture
    def articles(outlets, search_engine):
        archive.put()

    return search_engine, articles, archive


@pytest.fixture
def import_articles(outlets, search_engine):
    """import_articles([archive-format dicts]): published, and the index rebuilt."""
    return import_and_index


@pytest.fixture
def devset(outlets, search_engine):
    DEVSET.put()


@pytest.fixture
def search(search_engine):
    """Run a query on the engine: search("q", outlet=...) -> SearchResults."""
    from search.engines.base import SearchQuery

    def run(text, sort="relevance", page=1, page_size=10, **filters):
        return search_engine.search(
            SearchQuery(text=text, filters=filters, sort=sort, page=page, page_size=page_size)
        )

    return run


def external_ids(results):
    return [hit.external_id for hit in results.hits]


# Pages of every searchable kind besides articles: exemplar profiles, movements, contests, anniversary columns.

CONTEST_OPENS = datetime.datetime(2025, 3, 1, 7, 0, tzinfo=datetime.UTC)
CONTEST_CLOSES = datetime.datetime(2025, 4, 30, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def make_unit(db):
    def make(name, locality="Huyện Lắk"):
        return Unit.objects.create(
            name=name, kind=Unit.Kind.COMMUNE, locality=Locality.objects.get(name=locality)
        )

    return make


def published(page, live=True):
    """Save a first revision of a new page and publish it (or leave it a draft), as an editor would."""
    revision = page.save_revision()
    if live:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def make_exemplar(shared_indexes, make_unit):
    """A profile in the canonical registry; `awards` are award titles, `tags` tag names."""

    def make(
        title, subject_kind="individual", fields=("cong-tac",), movements=(), awards=(), tags=(), **attrs
    ):
        live = attrs.pop("live", True)
        exemplar = ExemplarPage(
            title=title,
            live=live,
            subject_kind=subject_kind,
            year=attrs.pop("year", 2024),
            unit=attrs.pop("unit", None) or make_unit(f"Đơn vị {uuid.uuid4().hex[:8]}"),
            **attrs,
        )
        exemplar.achievement_fields = AchievementField.objects.filter(code__in=fields)
        exemplar.movements = list(movements)
        exemplar.awards = [Award(title=award, issuing_authority="UBND tỉnh Đắk Lắk") for award in awards]
        shared_indexes[ExemplarIndexPage].add_child(instance=exemplar)
        exemplar.tags.add(*tags)
        return published(exemplar, live)

    return make


@pytest.fixture
def make_movement(shared_indexes):
    def make(title, live=True, **attrs):
        movement = MovementPage(
            title=title,
            live=live,
            launch_level=attrs.pop("launch_level", MovementPage.LaunchLevel.PROVINCE),
            launched_by=attrs.pop("launched_by", "UBND tỉnh Đắk Lắk"),
            start_date=attrs.pop("start_date", datetime.date(2024, 1, 1)),
            **attrs,
        )
        shared_indexes[MovementIndexPage].add_child(instance=movement)
        return published(movement, live)

    return make


@pytest.fixture
def contest_indexes(outlets):
    """{outlet: its contest index}, on the newspaper and the portal."""
    indexes = {}
    for outlet in ("newspaper", "portal"):
        index = outlets[outlet].add_child(instance=ContestIndexPage(title="Cuộc thi", slug="cuoc-thi"))
        indexes[outlet] = published(index)
    return indexes


@pytest.fixture
def make_contest(contest_indexes):
    def make(title, outlet="newspaper", live=True, **attrs):
        contest = ContestPage(
            title=title,
            live=live,
            theme=attrs.pop("theme", "Những tấm gương bình dị"),
            rules=attrs.pop("rules", "<p>Bài viết về người thật, việc thật.</p>"),
            eligibility="Mọi công dân.",
            opens_at=CONTEST_OPENS,
            closes_at=CONTEST_CLOSES,
            **attrs,
        )
        contest.categories = [ContestCategory(name="Bút ký")]
        contest.prizes = [ContestPrize(name="Giải Nhất", count=1)]
        contest.rubric_criteria = [RubricCriterion(name="Nội dung", weight=100)]
        contest_indexes[outlet].add_child(instance=contest)
        return published(contest, live)

    return make


@pytest.fixture
def make_campaign(outlets):
    """A special anniversary column of the 50th anniversary of the victory of Buôn Ma Thuột."""
    ensure_plan_events()
    victory = HistoricEvent.objects.get(name="Chiến thắng Buôn Ma Thuột")

    def make(title, outlet="newspaper", live=True, **attrs):
        campaign = CampaignPage(
            title=title,
            live=live,
            event=victory,
            anniversary_year=2025,
            window_start=datetime.date(2025, 3, 1),
            window_end=datetime.date(2025, 3, 31),
            **attrs,
        )
        outlets[outlet].add_child(instance=campaign)
        return published(campaign, live)

    return make


# The station's programmes and their episodes (media items), with files in a private storage of the test's own.


@pytest.fixture
def languages(db):
    """{code: Language}: Vietnamese, Ê Đê and M'nông, as setup makes them."""
    Language.ensure_standard()
    return {language.code: language for language in Language.objects.all()}


@pytest.fixture
def programme_index(outlets):
    index = outlets[Outlet.BROADCAST].add_child(instance=ProgrammeIndexPage(title="Chương trình"))
    return published(index)


@pytest.fixture
def make_programme(programme_index, languages):
    """A published programme on the station; `language` a code ("rad"), or left out for Vietnamese."""

    def make(title, language=None, live=True, **attrs):
        programme = ProgrammePage(title=title, live=live, language=languages.get(language), **attrs)
        programme_index.add_child(instance=programme)
        return published(programme, live)

    return make


@pytest.fixture
def make_episode(settings, tmp_path, languages):
    """A media item with a small file, on the air since an hour ago unless given another broadcast time;
    `language` a code ("rad"), or left out for Vietnamese."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"

    def make(title, programme, kind="audio", language=None, **attrs):
        extension = "mp4" if kind == "video" else "mp3"
        attrs.setdefault("broadcast_at", timezone.now() - datetime.timedelta(hours=1))
        return MediaItem.objects.create(
            title=title,
            type=kind,
            programme=programme,
            language=languages.get(language),
            file=ContentFile(b"\0" * 64, name=f"tap.{extension}"),
            size=64,
            **attrs,
        )

    return make
