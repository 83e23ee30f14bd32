#!/usr/bin/env python
"""Benchmark the embedded search engine: N synthetic Vietnamese articles, a fixed mix of queries, p50/p95.

    .venv/bin/python tests/bench/bench_search.py [--documents 20000] [--rounds 3] [--database PATH]

Documents go straight into the engine (no pages): the figure is the engine's, on a SQLite file.
The target for the first slice is p95 < 300 ms at 20,000 documents.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

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
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân"]
GIVEN_NAMES = ["Thành", "Thanh", "Thủy", "Thúy", "Hùng", "Lan", "Mai", "Thoả", "Hòa", "Bình", "Tuấn", "Dũng"]
ETHNIC_NAMES = ["H'Bia Ênuôl", "Y Yơn Niê", "Ama Khiêm", "H'Hen Niê", "Y Moan Ênuôl"]
PLACES = [
    "Buôn Ma Thuột",
    "Krông Năng",
    "Cư Kuin",
    "Ea Tiêu",
    "Buôn Đôn",
    "Lắk",
    "Krông Pắc",
    "Ea Kar",
    "M'Đrắk",
]
TOPICS = [
    "hợp tác xã mắc ca",
    "nông thôn mới",
    "hồ tiêu hữu cơ",
    "cà phê bền vững",
    "đời sống văn hoá",
    "cồng chiêng Tây Nguyên",
    "an ninh trật tự",
    "khởi nghiệp sáng tạo",
    "giảm nghèo bền vững",
    "chuyển đổi số",
    "giáo dục vùng khó",
    "y tế cơ sở",
    "thủy lợi nhỏ",
    "người Ê Đê",
    "người Mnông",
]
FILLER_TEXT = (
    "phong trào thi đua yêu nước được các cấp các ngành hưởng ứng tích cực nhiều mô hình hay cách làm sáng tạo "
    "đã được nhân rộng trên địa bàn tỉnh người dân đồng lòng góp công góp sức xây dựng quê hương ngày càng giàu "
    "đẹp văn minh cán bộ đảng viên gương mẫu đi đầu trong lao động sản xuất và bảo vệ môi trường sống"
)
FILLER = FILLER_TEXT.split()
COLUMNS = ["Điển hình tiên tiến", "Gương người tốt việc tốt", "Phong trào thi đua", "Kỷ niệm", "Thời sự"]
OUTLETS = ["newspaper", "broadcast", "portal"]
KINDS = ["article", "article", "article", "video", "audio", "photo"]
QUERIES = [
    "Lê Văn Thành",
    "le van thanh",
    "Nguyễn Thị Thủy",
    "nguyen thi thuy",
    "Hồ Thị Thỏa",
    "hop tac xa mac ca",
    "nông thôn mới",
    "buon ma thuot",
    "Đắc Lắc",
    "Ê Đê",
    "Ede",
    "Mnông",
    "M'nông",
    "ho tieu huu co",
    "Quốc khánh 2/9",
    "10/3/2025",
    "cồng chiêng",
    "chuyen doi so",
    "giam ngheo ben vung",
    "sáng kiến",
    "thi đua",
    "Cư Kuin",
    "Ea Tieu",
    "khoi nghiep",
    "thuỷ lợi",
    '"đời sống văn hóa"',
    "nghe nhan",
    "phát triển kinh tế xã hội",
    "GƯƠNG SÁNG",
    "chuyển đổii số",
]


def paragraph(rng, words):
    return " ".join(rng.choice(FILLER) for _ in range(words)).capitalize() + "."


def person(rng):
    if rng.random() < 0.2:
        return rng.choice(ETHNIC_NAMES)
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def synthetic_document(rng, number, content_type_id):
    from search.engines.base import Document

    name, place, topic = person(rng), rng.choice(PLACES), rng.choice(TOPICS)
    published = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
        hours=rng.randrange(90_000)
    )
    body = [
        f"{name} ở {place} là điển hình về {topic}.",
        *(paragraph(rng, rng.randint(30, 60)) for _ in range(rng.randint(4, 8))),
        f"Ngày {published.day}/{published.month}/{published.year}, {name} nhận Bằng khen của Chủ tịch UBND tỉnh.",
    ]
    column = rng.choice(COLUMNS)
    return Document(
        key=f"bench:{number}",
        content_type_id=content_type_id,
        object_id=number,
        url=f"https://bench.example/{number}/",
        title=f"{name}: {topic} ở {place}",
        text="\n".join([f"Câu chuyện về {topic} ở {place}.", *body]),
        extra_text=f"{topic}, {place}\n{column}\nPhóng viên",
        outlet=rng.choice(OUTLETS),
        kind=rng.choice(KINDS),
        column=column,
        published_at=published,
    )


def use_database(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = str(path)
    django.setup()


def set_up_database(path):
    use_database(path)
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from search.models import Posting, SearchDocument, Term

    with connection.schema_editor() as editor:
        for model in (ContentType, SearchDocument, Posting, Term):
            editor.create_model(model)
    return ContentType.objects.get_or_create(app_label="bench", model="document")[0].pk


def fill(engine, count, content_type_id, seed=6):
    rng = random.Random(seed)
    started = time.perf_counter()
    for start in range(0, count, 1000):
        engine.index(
            [
                synthetic_document(rng, number, content_type_id)
                for number in range(start, min(start + 1000, count))
            ]
        )
    engine.refresh()
    return time.perf_counter() - started


def measure(engine, rounds):
    from search.engines.base import SearchQuery

    timings = []
    for _ in range(rounds):
        for text in QUERIES:
            for query in (
                SearchQuery(text=text),
                SearchQuery(text=text, filters={"outlet": "portal"}, sort="date"),
            ):
                started = time.perf_counter()
                engine.search(query)
                timings.append((time.perf_counter() - started) * 1000)
    return timings


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", type=Path, help="SQLite file (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="Search the --database filled by an earlier run")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = options.database or Path(directory) / "bench.sqlite3"
        if options.reuse:
            use_database(path)
        else:
            content_type_id = set_up_database(path)
        from search.engines.database import DatabaseEngine

        engine = DatabaseEngine()
        if not options.reuse:
            seconds = fill(engine, options.documents, content_type_id)
            print(f"indexed {options.documents} documents in {seconds:.1f} s")
        print(f"{engine.count()} documents in the index")
        timings = measure(engine, options.rounds)
        quantiles = statistics.quantiles(timings, n=100)
        print(
            f"{len(timings)} searches: p50 {quantiles[49]:.0f} ms, p95 {quantiles[94]:.0f} ms, max {max(timings):.0f} ms"
        )


if __name__ == "__main__":
    main()
