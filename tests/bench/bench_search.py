#!/usr/bin/env python
"""Benchmark the search engines: N synthetic Vietnamese articles, a fixed mix of queries, p50/p95 per engine.

    .venv/bin/python tests/bench/bench_search.py [--count 20000] [--engine database|opensearch|both]
        [--rounds 3] [--database PATH] [--reuse] [--keep]

Documents go straight into each engine through its public index() (no pages), and the indexing throughput is
printed. The embedded engine runs on a SQLite file; OpenSearch runs when OPENSEARCH_URL is set, on an index of
its own (alias OPENSEARCH_BENCH_INDEX, default "neuguong-bench"), dropped at the end unless --keep. --reuse
searches what an earlier run left (the --database file, the kept OpenSearch index) without indexing again.
Every query runs once before the timed rounds, so caches filled on first use are not timed.

Targets (issue 6): the embedded engine under 300 ms p95 at 20,000 articles on SQLite; at 100,000 articles
OpenSearch under 50 ms p95 and at least 5 times faster than the embedded engine.
"""

import argparse
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
    )


def documents(count, content_type_id, seed=6):
    rng = random.Random(seed)
    return (synthetic_document(rng, number, content_type_id) for number in range(count))


def use_database(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = str(path)
    django.setup()


def set_up_database():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from search.models import Posting, SearchDocument, Term

    with connection.schema_editor() as editor:
        for model in (ContentType, SearchDocument, Posting, Term):
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
    return engine, 0


def fill(engine, count, content_type_id):
    """Index `count` documents in batches; returns the seconds indexing, refreshing and (OpenSearch) merging
    took, not generating."""
    seconds = 0.0
    batch = []
    write = writer(engine)
    for number, document in enumerate(documents(count, content_type_id), start=1):
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


def measure(engine, rounds):
    """Milliseconds per search, by kind of query, after one untimed pass."""
    from search.engines.base import SearchQuery

    queries = [
        (kind, SearchQuery(text=text, filters=filters, sort=sort)) for kind, text, filters, sort in QUERIES
    ]
    for _kind, query in queries:
        engine.search(query)
    forget = cache_clearer(engine)
    timings = {}
    for _ in range(rounds):
        for kind, query in queries:
            forget()
            started = time.perf_counter()
            engine.search(query)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    return timings


def cache_clearer(engine):
    """OpenSearch answers a query it has seen from its caches (the request cache keeps whole answers of size-0
    searches, the query cache keeps filters): they are cleared before each timed search, so that every search
    is timed as a new one. What stays is what any query uses (the facets' global ordinals), as in service. The
    embedded engine keeps no answers."""
    if not hasattr(engine, "alias"):
        return lambda: None
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[engine.url])
    return lambda: client.indices.clear_cache(index=engine.alias, query=True, request=True)


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
    engine, content_type_id = make_engine(options)
    if not options.reuse:
        seconds = fill(engine, options.count, content_type_id)
        print(
            f"{name}: indexed {options.count} documents in {seconds:.1f} s, {options.count / seconds:.0f} documents/s"
        )
    print(f"{name}: {engine.count()} documents in the index")
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


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=20_000, help="articles to index (default 20,000)")
    parser.add_argument("--engine", choices=["database", "opensearch", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3, help="times the query mix runs (default 3)")
    parser.add_argument(
        "--database", type=Path, help="SQLite file for the embedded engine (default: temporary)"
    )
    parser.add_argument("--reuse", action="store_true", help="search the indexes an earlier run left")
    parser.add_argument("--keep", action="store_true", help="keep the OpenSearch index for a later --reuse")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        use_database(options.database or Path(directory) / "bench.sqlite3")
        results = {
            name: run(name, make_engine, options) for name, make_engine in engines(options.engine).items()
        }
    if len(results) == 2:
        database_p95, opensearch_p95 = results["database"][1], results["opensearch"][1]
        print(f"p95 embedded / OpenSearch: {database_p95 / opensearch_p95:.1f}")


if __name__ == "__main__":
    main()
