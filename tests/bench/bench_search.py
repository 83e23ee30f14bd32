#!/usr/bin/env python
"""Benchmark the search engines: N synthetic Vietnamese articles, a fixed mix of queries, p50/p95 per engine.

    .venv/bin/python tests/bench/bench_search.py [--count 20000] [--engine database|opensearch|both]
        [--corpus news|small-vocabulary] [--rounds 3] [--database PATH] [--reuse] [--keep]

Documents go straight into each engine through its public index() (no pages), and the indexing throughput is
printed. The embedded engine runs on a SQLite file; OpenSearch runs when OPENSEARCH_URL is set, on an index of
its own (alias OPENSEARCH_BENCH_INDEX, default "neuguong-bench"), dropped at the end unless --keep. --reuse
searches what an earlier run left (the --database file, the kept OpenSearch index) without indexing again.
Every query runs once before the timed rounds, so caches filled on first use are not timed.

Two corpora: "news" (the default) writes each article around sentences of the demo archive's articles, real
news text in which a word fills some articles and is absent from the rest; "small-vocabulary" is the archive
import's generated articles (tests/bench/bench_import.py), a dozen sentences about a dozen people, places and
topics, so that the topic words and the words of the movements stand in a large share of the documents, and a
match query reads long postings for every common word.

OpenSearch is timed twice: cold, its caches cleared (the _cache/clear API: query, request and field data
caches) before each search, as a search no one asked before meets them; and warm, the same mix again with the
caches as the previous searches left them. The embedded engine keeps no answers between searches.

Targets (issue 6): the embedded engine under 300 ms p95 at 20,000 articles on SQLite; at 100,000 articles
OpenSearch under 50 ms p95 and at least 5 times faster than the embedded engine. Issue 18: OpenSearch's cold p95
under 50 ms at 100,000 articles of the small-vocabulary corpus too.

    .venv/bin/python tests/bench/bench_search.py --devset [--failures]

--devset measures recall instead (issue 21): the dev set of tests/data (articles-dev.jsonl, queries-dev.jsonl)
is imported with the archive importer into a freshly migrated SQLite database and indexed by `rebuild`, as
tests/search/test_devset.py does, into the embedded engine and, when OPENSEARCH_URL is set, into our OpenSearch
engine and into a plain OpenSearch index: the baseline to beat, set up as any engineer would (standard
tokenizer, lowercase, asciifolding keeping the originals, one multi_match over title, summary and body). Each
dev query runs on each; a table gives, per class of query (its note up to the colon) and in total, how many
pass by the test's criterion (every relevant article in the first 10, `first` at rank 1, no `excluded` one in
the first 10), and the margin of each of our engines over the baseline. --failures lists the queries each
engine fails. The OpenSearch indices of the run are deleted at its end; the speed options do not apply.
"""

import argparse
import contextlib
import datetime
import functools
import html
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

INDEX_BATCH = 500
ARCHIVE_START = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
ARCHIVE_HOURS = 11 * 365 * 24

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Công", "Kim"]
# Given names in tone twins (Thành and Thanh, Thủy and Thúy), some in the other tone placement (Thoả, Hoà).
GIVEN_NAMES = ["Thành", "Thanh", "Thủy", "Thúy", "Thuỷ", "Hùng", "Hưng", "Lan", "Lân", "Mai", "Mãi", "Thỏa"]
GIVEN_NAMES += ["Thoả", "Hòa", "Hoà", "Hoa", "Bình", "Tuấn", "Dũng", "Dung", "Khoa", "Khoẻ", "Quý", "Huy"]
ETHNIC_NAMES = ["H'Bia Ênuôl", "Y Yơn Niê", "Ama Khiêm", "H'Hen Niê", "Y Moan Ênuôl", "Y Ngông Niê Kđăm"]
ETHNIC_NAMES += ["H’Ly Mlô", "Ma Phương", "Y Jut Hwing", "H'Nuôn Byă"]
PLACES = ["Buôn Ma Thuột", "Buôn Hồ", "Krông Năng", "Krông Búk", "Krông Pắc", "Krông Ana", "Krông Bông"]
PLACES += ["Cư Kuin", "Cư M'gar", "Ea Tiêu", "Ea Kar", "Ea Súp", "Ea H'leo", "Buôn Đôn", "Lắk", "M'Đrắk"]
PLACES += ["Hòa Thắng", "Tân Lập", "Tuy Hòa", "Sông Cầu", "Đồng Xuân", "Buôn Trấp", "Hồ Lắk"]
ETHNIC_GROUPS = ["người Ê Đê", "người Êđê", "người Mnông", "người M'nông", "người Gia Rai", "người Thái"]
MOVEMENTS = [
    "Toàn dân đoàn kết xây dựng đời sống văn hóa",
    "Cả nước chung tay vì người nghèo",
    "Dân vận khéo",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Thi đua yêu nước",
    "Đắk Lắk chung sức xây dựng nông thôn mới",
    "Phụ nữ tích cực học tập, lao động sáng tạo",
    "Nông dân sản xuất, kinh doanh giỏi",
]
TOPICS = ["hợp tác xã mắc ca", "nông thôn mới", "hồ tiêu hữu cơ", "cà phê bền vững", "đời sống văn hoá"]
TOPICS += ["cồng chiêng Tây Nguyên", "an ninh trật tự", "khởi nghiệp sáng tạo", "giảm nghèo bền vững"]
TOPICS += ["chuyển đổi số", "giáo dục vùng khó", "y tế cơ sở", "thủy lợi nhỏ", "hiến đất làm đường"]
# Topics of a few articles only: rare words for the query mix.
RARE_TOPICS = [
    "nuôi ong lấy mật",
    "trồng sầu riêng",
    "dệt thổ cẩm",
    "nuôi cá lồng",
    "rượu cần",
    "voi nhà Buôn Đôn",
]
AWARDS = ["Bằng khen của Chủ tịch UBND tỉnh", "Huân chương Lao động hạng Ba", "Giấy khen của huyện"]
AWARDS += ["danh hiệu Chiến sĩ thi đua", "Bằng khen của Thủ tướng Chính phủ"]
OCCASIONS = ["Quốc khánh 2/9", "ngày Giải phóng Buôn Ma Thuột 10/3", "Tết Nguyên đán", "ngày 30/4"]
# The body text around the facts above comes from the demo archive's articles, two per synthetic article: real
# Vietnamese with the bursts of news text (a word like "thi đua" fills some articles and is absent from the
# rest), where words drawn one by one from a list would put every word in nearly every article.
DEMO_ARCHIVE = Path(__file__).resolve().parents[2] / "demo/data/archive.jsonl"
SOURCES_PER_ARTICLE = 2
SENTENCES_PER_PARAGRAPH = 4
TAG = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
COLUMNS = ["Điển hình tiên tiến", "Gương người tốt việc tốt", "Phong trào thi đua", "Kỷ niệm", "Thời sự"]
OUTLETS = ["newspaper", "broadcast", "portal"]
KINDS = ["article", "article", "article", "video", "audio", "photo"]

# (kind of query, text, filters, sort): what readers type, in every shape the analyser handles.
QUERIES = [
    ("no diacritics", "le van thanh", {}, "relevance"),
    ("no diacritics", "nguyen thi thuy", {}, "relevance"),
    ("no diacritics", "hop tac xa mac ca", {}, "relevance"),
    ("no diacritics", "buon ma thuot", {}, "relevance"),
    ("no diacritics", "ho tieu huu co", {}, "relevance"),
    ("diacritics", "Lê Văn Thành", {}, "relevance"),
    ("diacritics", "Nguyễn Thị Thủy", {}, "relevance"),
    ("diacritics", "nông thôn mới", {}, "relevance"),
    ("diacritics", "thuỷ lợi", {}, "relevance"),
    ("diacritics", "GƯƠNG SÁNG", {}, "relevance"),
    ("name", "Hồ Thị Thỏa", {}, "relevance"),
    ("name", "H'Bia Ênuôl", {}, "relevance"),
    ("name", "Ê Đê", {}, "relevance"),
    ("name", "Ede", {}, "relevance"),
    ("name", "Mnông", {}, "relevance"),
    ("name", "M'nông", {}, "relevance"),
    ("name", "Cư Kuin", {}, "relevance"),
    ("phrase", '"đời sống văn hóa"', {}, "relevance"),
    ("phrase", '"dân vận khéo"', {}, "relevance"),
    ("typo", "Đắc Lắc", {}, "relevance"),
    ("typo", "chuyển đổii số", {}, "relevance"),
    ("typo", "nong thong moi", {}, "relevance"),
    ("date", "Quốc khánh 2/9", {}, "relevance"),
    ("date", "10/3/2025", {}, "relevance"),
    ("date", "ngày 10 tháng 3", {}, "relevance"),
    ("common", "thi đua", {}, "relevance"),
    ("common", "phát triển kinh tế xã hội", {}, "relevance"),
    ("common", "phong trao thi dua yeu nuoc", {}, "relevance"),
    ("rare", "sầu riêng", {}, "relevance"),
    ("rare", "det tho cam", {}, "relevance"),
    ("rare", "rượu cần", {}, "relevance"),
    ("filtered", "thi đua", {"outlet": "portal"}, "relevance"),
    ("filtered", "nông thôn mới", {"year": 2020}, "relevance"),
    ("filtered", "le van thanh", {"outlet": "newspaper", "year": 2023}, "relevance"),
    ("by date", "thi đua", {}, "date"),
    ("by date", "cồng chiêng", {"outlet": "broadcast"}, "date"),
    ("by date", "nguyen thi thuy", {}, "date"),
    # Issue 21: a word the archive lacks (the approximate-match fallback: measured apart), abbreviations both
    # ways, keystrokes typed with the input method off, dates in other forms.
    ("approximate", "hồ tiêu Vietgap", {}, "relevance"),
    ("approximate", "rượu cần Bluezone", {}, "relevance"),
    ("approximate", "cồng chiêng Kpơngx", {}, "relevance"),
    ("approximate", "thi đua Zalopay", {}, "relevance"),
    ("approximate", "le van thanh Vietgap", {"outlet": "portal"}, "relevance"),
    ("abbreviation", "HĐND tỉnh", {}, "relevance"),
    ("abbreviation", "UBND xã", {}, "relevance"),
    ("abbreviation", "trung học cơ sở", {}, "relevance"),
    ("abbreviation", "hợp tác xã mắc ca", {}, "relevance"),
    ("abbreviation", "kinh tế - xã hội", {}, "relevance"),
    ("keystrokes", "truwowngf hocj", {}, "relevance"),
    ("keystrokes", "nguyeenx thij thuyr", {}, "relevance"),
    ("keystrokes", "tru7o7ng2 ho5c", {}, "relevance"),
    ("date forms", "Quốc khánh 2.9", {}, "relevance"),
    ("date forms", "2 tháng 9", {}, "relevance"),
    ("date forms", "10-3-1975", {}, "relevance"),
]


def person(rng):
    if rng.random() < 0.2:
        return rng.choice(ETHNIC_NAMES)
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def topic(rng):
    return rng.choice(RARE_TOPICS) if rng.random() < 0.02 else rng.choice(TOPICS)


@functools.cache
def source_articles():
    """The sentences of each demo archive article (its summary and body as plain text)."""
    articles = []
    with DEMO_ARCHIVE.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            text = html.unescape(TAG.sub(" ", f"{article['summary']} {article['body']}"))
            articles.append([sentence.strip() for sentence in SENTENCE_END.split(" ".join(text.split()))])
    return articles


def source_paragraphs(rng):
    sentences = [
        sentence for source in rng.sample(source_articles(), SOURCES_PER_ARTICLE) for sentence in source
    ]
    return [
        " ".join(sentences[start : start + SENTENCES_PER_PARAGRAPH])
        for start in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    ]


def long_date(day):
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def body(rng, name, place, subject, published):
    movement, award = rng.choice(MOVEMENTS), rng.choice(AWARDS)
    paragraphs = [
        f"{name} ở {place} là điển hình về {subject} trong phong trào “{movement}”.",
        *source_paragraphs(rng),
        f"Dịp {rng.choice(OCCASIONS)}, {name} cùng bà con {rng.choice(ETHNIC_GROUPS)} ở {rng.choice(PLACES)} "
        f"chia sẻ kinh nghiệm {topic(rng)}.",
    ]
    when = long_date(published) if rng.random() < 0.5 else f"{published:%d/%m/%Y}"
    paragraphs.append(f"{when.capitalize()}, {name} vinh dự nhận {award}.")
    return paragraphs


def synthetic_document(rng, number, content_type_id):
    from search.engines.base import Document

    name, place, subject = person(rng), rng.choice(PLACES), topic(rng)
    published = ARCHIVE_START + datetime.timedelta(hours=rng.randrange(ARCHIVE_HOURS))
    column = rng.choice(COLUMNS)
    return Document(
        key=f"bench:{number}",
        content_type_id=content_type_id,
        object_id=number,
        url=f"https://bench.example/{number}/",
        title=f"{name}: {subject} ở {place}",
        text="\n".join([f"Câu chuyện về {subject} ở {place}.", *body(rng, name, place, subject, published)]),
        extra_text=f"{subject}, {place}\n{column}\nPhóng viên {person(rng)}",
        outlet=rng.choice(OUTLETS),
        kind=rng.choice(KINDS),
        column=column,
        published_at=published,
        language="vi",
        # Two articles in three have a picture, which their hits show.
        image_id=number if number % 3 else None,
    )


def small_vocabulary_document(rng, number, content_type_id):
    """An article of the archive import's benchmark (tests/bench/bench_import.py) as a document."""
    from search.engines.base import Document
    from tests.bench.bench_import import VIETNAM, article

    line = article(rng, number, datetime.datetime(2015, 1, 1, 7, 0, tzinfo=VIETNAM), edition=0)
    paragraphs = html.unescape(TAG.sub("\n", line["body"])).split("\n")
    return Document(
        key=f"bench:{number}",
        content_type_id=content_type_id,
        object_id=number,
        url=f"https://bench.example/{number}/",
        title=line["title"],
        text="\n".join([line["summary"], *filter(None, paragraphs)]),
        extra_text="\n".join([", ".join(line["tags"]), line["column"], line["author"]]),
        outlet=line["outlet"],
        kind=line["kind"],
        column=line["column"],
        published_at=datetime.datetime.fromisoformat(line["published_at"]),
        language="vi",
        image_id=number if number % 3 else None,
    )


CORPORA = {"news": synthetic_document, "small-vocabulary": small_vocabulary_document}


def documents(count, content_type_id, corpus="news", seed=6):
    rng = random.Random(seed)
    make = CORPORA[corpus]
    return (make(rng, number, content_type_id) for number in range(count))


def use_database(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = str(path)
    django.setup()


def set_up_database():
    """The tables the engines read, where they are missing: the content types and the search app's own (the
    embedded index, the editors' synonyms that both engines read...), without the pages a full migration would
    bring."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from wagtail.models import Page

    search_models = apps.get_app_config("search").get_models()
    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in (ContentType, *(model for model in search_models if not issubclass(model, Page))):
            if model._meta.db_table not in existing:
                editor.create_model(model)
    return ContentType.objects.get_or_create(app_label="bench", model="document")[0].pk


def database_engine(options):
    from search.engines.database import DatabaseEngine

    return DatabaseEngine(), None if options.reuse else set_up_database()


def opensearch_engine(options):
    # Imported only here: the embedded engine's benchmark needs neither OpenSearch nor its client.
    from search.engines.opensearch.engine import OpenSearchEngine

    engine = OpenSearchEngine(
        os.environ["OPENSEARCH_URL"], os.environ.get("OPENSEARCH_BENCH_INDEX", "neuguong-bench")
    )
    if not options.reuse:
        # Sized for the documents to come, as `search_index rebuild` sizes a new generation.
        engine.clear(documents=options.count)
    # Searches read the editors' synonyms: the tables are made where missing, a reused index or not.
    return engine, set_up_database()


def fill(engine, count, content_type_id, corpus):
    """Index `count` documents in batches; returns the seconds indexing, refreshing and (OpenSearch) merging
    took, not generating."""
    seconds = 0.0
    batch = []
    write = writer(engine)
    for number, document in enumerate(documents(count, content_type_id, corpus), start=1):
        batch.append(document)
        if len(batch) == INDEX_BATCH or number == count:
            started = time.perf_counter()
            write(batch)
            seconds += time.perf_counter() - started
            batch = []
    started = time.perf_counter()
    engine.refresh()
    if hasattr(engine, "compact"):
        # As `search_index rebuild` leaves a new generation: merged before it is searched.
        engine.compact(engine.live_generation())
    return seconds + time.perf_counter() - started


def writer(engine):
    """OpenSearch loads in bulk, as `search_index rebuild` does (the queue's writes have request-sized
    timeouts); the embedded engine has one way to index."""
    if hasattr(engine, "load"):
        from search.engines.opensearch.writes import new_version

        version = new_version()
        return lambda batch: engine.load([batch], version)
    return engine.index


def measure(engine, rounds, forget=lambda: None):
    """Milliseconds per search, by kind of query, after one untimed pass; `forget()` before each timed one."""
    from search.engines.base import SearchQuery

    queries = [
        (kind, SearchQuery(text=text, filters=filters, sort=sort)) for kind, text, filters, sort in QUERIES
    ]
    for _kind, query in queries:
        engine.search(query)
    timings = {}
    for _ in range(rounds):
        for kind, query in queries:
            forget()
            started = time.perf_counter()
            engine.search(query)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    return timings


def cache_clearer(engine):
    """Clears OpenSearch's caches of the index (the _cache/clear API): the request cache, which keeps whole
    answers of size-0 searches; the query cache, which keeps filters; the field data cache, which keeps what
    the facets count by (global ordinals)."""
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[engine.url])
    return lambda: client.indices.clear_cache(index=engine.alias)


def percentiles(timings):
    quantiles = statistics.quantiles(timings, n=100, method="inclusive")
    return quantiles[49], quantiles[94]


def report(name, timings):
    every = [timing for kind_timings in timings.values() for timing in kind_timings]
    p50, p95 = percentiles(every)
    print(f"{name}: {len(every)} searches, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(every):.1f} ms")
    for kind, kind_timings in timings.items():
        kind_p50, kind_p95 = percentiles(kind_timings)
        print(f"  {kind:<14} p50 {kind_p50:7.1f} ms   p95 {kind_p95:7.1f} ms")
    return p50, p95


def run(name, make_engine, options):
    """(p50, p95) of the engine's searches: OpenSearch's cold ones, after its warm ones are printed too."""
    engine, content_type_id = make_engine(options)
    if not options.reuse:
        seconds = fill(engine, options.count, content_type_id, options.corpus)
        print(
            f"{name}: indexed {options.count} documents in {seconds:.1f} s, {options.count / seconds:.0f} documents/s"
        )
    print(f"{name}: {engine.count()} documents in the index ({options.corpus} corpus)")
    if name == "opensearch":
        figures = report(f"{name} cold", measure(engine, options.rounds, cache_clearer(engine)))
        report(f"{name} warm", measure(engine, options.rounds))
    else:
        figures = report(name, measure(engine, options.rounds))
    if name == "opensearch" and not options.keep:
        engine.delete_all()
    return figures


def engines(choice):
    wanted = ["database", "opensearch"] if choice == "both" else [choice]
    if "opensearch" in wanted and not os.environ.get("OPENSEARCH_URL"):
        print("opensearch: skipped, OPENSEARCH_URL is not set")
        wanted.remove("opensearch")
    makers = {"database": database_engine, "opensearch": opensearch_engine}
    return {name: makers[name] for name in wanted}


# Recall on the dev set (--devset).

DEV_DATA = Path(__file__).resolve().parents[1] / "data"
FIRST_PAGE = 10
# The baseline: what any engineer would set up for Vietnamese text, with nothing of ours.
PLAIN_ANALYSIS = {
    "filter": {"folding": {"type": "asciifolding", "preserve_original": True}},
    "analyzer": {"plain": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "folding"]}},
}
PLAIN_FIELDS = ["title", "summary", "body"]


class PlainIndex:
    """A plain OpenSearch index of the dev articles, searched with one multi_match: opensearch-py directly."""

    def __init__(self, url, name):
        from opensearchpy import OpenSearch

        self.client, self.name = OpenSearch(hosts=[url]), name

    def fill(self, articles):
        from opensearchpy.helpers import bulk

        text = {"type": "text", "analyzer": "plain"}
        mappings = {"properties": {"external_id": {"type": "keyword"}, **dict.fromkeys(PLAIN_FIELDS, text)}}
        settings = {"analysis": PLAIN_ANALYSIS, "number_of_replicas": 0}
        self.client.indices.create(index=self.name, body={"settings": settings, "mappings": mappings})
        bulk(self.client, ({"_index": self.name, "_source": article} for article in articles), refresh=True)

    def search(self, text):
        match = {"query": text, "fields": PLAIN_FIELDS, "type": "best_fields", "operator": "or"}
        answer = self.client.search(
            index=self.name, body={"size": FIRST_PAGE, "query": {"multi_match": match}}
        )
        return [hit["_source"]["external_id"] for hit in answer["hits"]["hits"]]

    def delete(self):
        self.client.indices.delete(index=self.name, ignore_unavailable=True)


def dev_lines(name):
    with (DEV_DATA / name).open(encoding="utf-8") as lines:
        return [line for line in lines if line.strip()]


def query_class(case):
    """A dev query's class: its note up to the colon; the set's first queries (issue 6) have none."""
    kind, colon, _rest = case["note"].partition(":")
    return kind if colon else "original"


def passes(case, found):
    """tests/search/test_devset.py's criterion, on the external ids of the first page."""
    first_page = set(found[:FIRST_PAGE])
    return (
        set(case["relevant"]) <= first_page
        and (not case["first"] or found[:1] == [case["first"]])
        and not first_page & set(case.get("excluded", ()))
    )


def import_devset():
    """The dev articles as published pages of a freshly migrated database, imported as the tests import them."""
    from django.core.management import call_command

    from newsroom.importer.run import import_archive

    call_command("migrate", verbosity=0)
    errors = []
    import_archive(dev_lines("articles-dev.jsonl"), errors.append, index=False)
    if errors:
        raise SystemExit(f"articles-dev.jsonl: {errors}")


def plain_articles():
    """Title, summary and body of each article as its page holds them, for the plain index."""
    from newsroom.models import ArticlePage

    return [
        {
            "external_id": article.external_id,
            "title": article.title,
            "summary": article.standfirst,
            "body": " ".join(article.body_text),
        }
        for article in ArticlePage.objects.live()
    ]


def engine_searcher(engine):
    from search.engines.base import SearchQuery

    return lambda text: [hit.external_id for hit in engine.search(SearchQuery(text=text)).hits]


def measure_recall(options):
    """Index the dev set in each engine, run every dev query on each, print the table."""
    print("devset: importing the dev articles into a freshly migrated database")
    import_devset()
    cases = [json.loads(line) for line in dev_lines("queries-dev.jsonl")]
    with devset_searchers(os.environ.get("OPENSEARCH_URL")) as searchers:
        found = {name: [search(case["q"]) for case in cases] for name, search in searchers.items()}
    report_recall(cases, found, options.failures)


@contextlib.contextmanager
def devset_searchers(url):
    """{engine name: function(query) -> external ids of the first page}: the embedded engine, and with `url` our
    OpenSearch engine and the plain index, on indices of this run's own, deleted after."""
    from django.conf import settings

    from search.indexing import rebuild
    from search.service import get_engine, get_remote_engine

    if not url:
        print("opensearch and plain: skipped, OPENSEARCH_URL is not set")
        rebuild()
        yield {"database": engine_searcher(get_engine())}
        return
    run = uuid.uuid4().hex[:12]
    settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX = url, f"neuguong-devset-{run}"
    plain = PlainIndex(url, f"neuguong-devset-plain-{run}")
    try:
        rebuild()
        plain.fill(plain_articles())
        yield {
            "database": engine_searcher(get_engine()),
            "opensearch": engine_searcher(get_remote_engine()),
            "plain": plain.search,
        }
    finally:
        get_remote_engine().delete_all()
        plain.delete()


def report_recall(cases, found, failures):
    """The table of passing queries per class and engine, and each of our engines' margin over the baseline."""
    passed = {
        name: [passes(case, ids) for case, ids in zip(cases, answers, strict=True)]
        for name, answers in found.items()
    }
    margins = [name for name in passed if name != "plain"] if "plain" in passed else []
    columns = [*passed, *(f"{name} - plain" for name in margins)]
    print(f"{'class':<14}{'queries':>8}" + "".join(f"{column:>20}" for column in columns))
    for kind in [*dict.fromkeys(map(query_class, cases)), "total"]:
        chosen = [index for index, case in enumerate(cases) if kind in ("total", query_class(case))]
        counts = {name: sum(outcomes[index] for index in chosen) for name, outcomes in passed.items()}
        cells = [f"{count:>20}" for count in counts.values()]
        cells += [f"{counts[name] - counts['plain']:>+20}" for name in margins]
        print(f"{kind:<14}{len(chosen):>8}" + "".join(cells))
    if failures:
        for name, outcomes in passed.items():
            print(f"\n{name} fails {outcomes.count(False)}:")
            for case, ids, ok in zip(cases, found[name], outcomes, strict=True):
                if not ok:
                    print(f"  {case['q']!r} ({case['note']}): {ids}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=20_000, help="articles to index (default 20,000)")
    parser.add_argument("--engine", choices=["database", "opensearch", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3, help="times the query mix runs (default 3)")
    parser.add_argument(
        "--corpus", choices=sorted(CORPORA), default="news", help="the documents' text (default news)"
    )
    parser.add_argument(
        "--database", type=Path, help="SQLite file for the embedded engine (default: temporary)"
    )
    parser.add_argument("--reuse", action="store_true", help="search the indexes an earlier run left")
    parser.add_argument("--keep", action="store_true", help="keep the OpenSearch index for a later --reuse")
    parser.add_argument(
        "--devset", action="store_true", help="measure recall on the dev set instead of speed"
    )
    parser.add_argument("--failures", action="store_true", help="with --devset: list each engine's failures")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        use_database(options.database or Path(directory) / "bench.sqlite3")
        if options.devset:
            measure_recall(options)
            return
        results = {
            name: run(name, make_engine, options) for name, make_engine in engines(options.engine).items()
        }
    if len(results) == 2:
        database_p95, opensearch_p95 = results["database"][1], results["opensearch"][1]
        print(f"p95 embedded / OpenSearch cold: {database_p95 / opensearch_p95:.1f}")


if __name__ == "__main__":
    main()
