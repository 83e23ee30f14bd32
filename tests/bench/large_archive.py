"""A large site for the load benchmarks: the demo, a generated archive of articles, and a registry of generated
exemplar profiles with their units and movements.

    build_large_archive(workdir, articles=20_000, exemplars=1_000)

Into the database Django is set up on (migrated, empty):

- the demo, without its logins: every public page type, composed front pages, pictures with their renditions;
- ARTICLES generated articles (tests/bench/bench_import.py) through the archive importer, indexed for search,
  into the columns of each outlet;
- communes' People's Committees as more units (each with its portal column, as `setup` gives every unit), and
  more movements, published as an editor would;
- EXEMPLARS generated profiles written as the importer writes articles (newsroom.importer.wagtail_bulk: a live
  revision and reference index rows each, indexed for search in bulk, the content API's cache told), each with a
  unit, fields of achievement, one to three movements, awards, most with one of the demo's portraits, and
  featured by a few of the generated articles (each movement by a few dozen). Publishing a thousand profiles one
  by one in Wagtail's way would take longer than everything else together, and makes the same rows.
"""

import datetime
import random
import time

from tests.bench.bench_import import PEOPLE, PLACES, TOPICS, VIETNAM, generate_articles

PROFILES_PER_BATCH = 250
ADDED_UNITS = 40
MOVEMENTS = [
    ("Dân vận khéo", "province"),
    ("Toàn dân đoàn kết xây dựng đời sống văn hóa", "central"),
    ("Đắk Lắk chung sức xây dựng nông thôn mới", "province"),
    ("Doanh nghiệp Việt Nam hội nhập và phát triển", "central"),
    ("Toàn dân bảo vệ an ninh Tổ quốc", "central"),
    ("Dạy tốt, học tốt", "province"),
    ("Khuyến học, khuyến tài, xây dựng xã hội học tập", "central"),
    ("Nông dân sản xuất, kinh doanh giỏi", "central"),
    ("Tuổi trẻ sáng tạo", "province"),
    ("Cựu chiến binh gương mẫu", "central"),
    ("Chuyển đổi số trong cơ quan, đơn vị", "unit"),
    ("Đền ơn đáp nghĩa", "central"),
    ("Cải cách hành chính, nâng cao chỉ số hài lòng", "province"),
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "central"),
    ("Xanh - sạch - đẹp buôn làng", "unit"),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đỗ", "Bùi", "Y", "H'", "Ksor", "Niê", "Mlô"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Đức", "Kim", "Xuân"]
GIVEN_NAMES = ["Thành", "Hòa", "Lan", "Tuấn", "Thủy", "Khoa", "Bia", "Zaly", "Đăm", "Hằng", "Nhật", "Phương"]
POSITIONS = [
    "Bí thư chi bộ buôn",
    "Giáo viên Trường Tiểu học",
    "Trưởng thôn",
    "Bác sĩ Trạm y tế xã",
    "Giám đốc hợp tác xã",
    "Chiến sĩ Công an xã",
    "Chi hội trưởng phụ nữ",
    "Già làng",
]
COLLECTIVES = ["Chi hội phụ nữ buôn", "Tổ hợp tác", "Đội cồng chiêng", "Tổ tự quản an ninh", "Chi đoàn thôn"]
AWARDS = [
    ("Chiến sĩ thi đua cấp tỉnh", "UBND tỉnh Đắk Lắk"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "UBND tỉnh Đắk Lắk"),
    ("Giấy khen của Chủ tịch UBND xã", "UBND xã"),
    ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
]
FEATURES_PER_PROFILE = 3
FEATURES_PER_MOVEMENT = 40


def build_large_archive(workdir, articles=20_000, exemplars=1_000, seed=2025):
    """Fill the (migrated, empty) database; print how long each part took."""
    rng = random.Random(seed)
    timed("demo (no logins)", load_demo)
    timed(f"{articles} articles", import_articles, workdir, articles, seed)
    timed(f"{ADDED_UNITS} units, {len(MOVEMENTS)} movements", add_units_and_movements, rng)
    timed(f"{exemplars} profiles", add_profiles, exemplars, rng)


def timed(label, function, *args):
    started = time.perf_counter()
    function(*args)
    print(f"  {label:<32} {time.perf_counter() - started:6.0f} s", flush=True)


def load_demo():
    import io

    from demo.loading import load_demo

    load_demo(io.StringIO(), with_users=False)


def import_articles(workdir, count, seed):
    from newsroom.importer.run import import_archive

    path = workdir / "articles.jsonl"
    generate_articles(path, count, seed)
    errors = []
    with path.open("rb") as lines:
        import_archive(lines, on_error=errors.append)
    path.unlink()
    if errors:
        raise SystemExit(f"The import failed on {len(errors)} lines, first: {errors[0]}")


def add_units_and_movements(rng):
    from demo.dating import add_published_child
    from exemplars.models import EmulationCluster, Locality, MovementIndexPage, MovementPage, Unit
    from exemplars.setup import ensure_all_unit_columns

    clusters = list(EmulationCluster.objects.filter(kind=EmulationCluster.Kind.CLUSTER))
    taken = set(Unit.objects.values_list("locality_id", flat=True))
    for locality in Locality.objects.present().exclude(pk__in=taken).order_by("sort_name")[:ADDED_UNITS]:
        kind, place = locality.name.split(" ", 1)
        Unit.objects.create(
            name=f"UBND {kind.lower()} {place}",
            kind=Unit.Kind.COMMUNE,
            locality=locality,
            cluster=rng.choice(clusters),
        )
    ensure_all_unit_columns()
    index = MovementIndexPage.objects.get(alias_of__isnull=True)
    for number, (title, level) in enumerate(MOVEMENTS):
        start = datetime.date(2015 + number % 10, 1 + number % 12, 1)
        movement = MovementPage(
            title=f"Phong trào “{title}”",
            launch_level=level,
            launched_by={"central": "Thủ tướng Chính phủ", "province": "UBND tỉnh Đắk Lắk"}.get(level, ""),
            launching_unit=rng.choice(list(Unit.objects.all())) if level == "unit" else None,
            start_date=start,
            goals=f"<p>Phong trào “{title}” giai đoạn {start.year}–{start.year + 5}.</p>",
        )
        add_published_child(index, movement, datetime.datetime.combine(start, datetime.time(8), VIETNAM))


def add_profiles(count, rng):
    """`count` profiles in the canonical registry, in batches, each batch in one transaction."""
    from django.db import transaction

    from exemplars.models import AchievementField, ExemplarIndexPage, ExemplarPage, MovementPage, Unit
    from newsroom.importer.wagtail_bulk import WagtailBulk

    registry = ExemplarIndexPage.objects.get(alias_of__isnull=True)
    choices = {
        "units": list(Unit.objects.all()),
        "fields": list(AchievementField.objects.all()),
        "movements": list(MovementPage.objects.filter(alias_of__isnull=True)),
        "pictures": sorted(
            set(ExemplarPage.objects.exclude(lead_image=None).values_list("lead_image", flat=True))
        ),
    }
    bulk = WagtailBulk(ExemplarPage)
    made = 0
    while made < count:
        size = min(PROFILES_PER_BATCH, count - made)
        with transaction.atomic():
            pages = write_profiles(bulk, registry, [profile(rng, choices) for _ in range(size)])
        index_for_search(pages)
        made += size
    make_portrait_renditions(choices["pictures"])
    link_features(rng)


def profile(rng, choices):
    """An unsaved profile with its relations in memory: awards, fields of achievement and movements."""
    from exemplars.models import Award, ExemplarPage
    from exemplars.sorting import sortable_name
    from newsroom.importer.wagtail_bulk import publish

    kind = rng.choices(["individual", "collective", "household"], weights=[6, 3, 1])[0]
    name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
    place = rng.choice(PLACES)
    title = {
        "individual": name,
        "collective": f"{rng.choice(COLLECTIVES)} {place}",
        "household": f"Hộ gia đình ông {name}",
    }[kind]
    topic, _tag = rng.choice(TOPICS)
    year = rng.randint(2015, 2025)
    page = ExemplarPage(
        title=title,
        subject_kind=kind,
        position=rng.choice(POSITIONS) if kind == "individual" else "",
        unit=rng.choice(choices["units"]),
        summary=f"Gắn bó với {topic} ở {place}, làm gương cho bà con trong buôn.",
        year=year,
        achievements=[
            ("paragraph", f"<p>Năm {year}, {title} cùng bà con {place} phát triển {topic}.</p>"),
            ("paragraph", f"<p>Mô hình của {title} được {rng.choice(PEOPLE)} và chính quyền ghi nhận.</p>"),
        ],
        is_new_factor=rng.random() < 0.1,
        is_sudden_deed=rng.random() < 0.05,
        lead_image_id=rng.choice(choices["pictures"]) if rng.random() < 0.7 else None,
        sort_name=sortable_name(title),
    )
    page.achievement_fields = rng.sample(choices["fields"], rng.randint(1, 2))
    page.movements = rng.sample(choices["movements"], rng.randint(1, 3))
    awarded = [rng.choice(AWARDS) for _ in range(rng.randint(1, 2))]
    page.awards = [
        Award(
            title=award,
            issuing_authority=authority,
            decision_number=f"{rng.randint(100, 4000)}/QĐ-UBND",
            date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
        )
        for award, authority in awarded
    ]
    moment = datetime.datetime(year, rng.randint(1, 12), rng.randint(1, 28), 8, tzinfo=VIETNAM)
    publish(page, min(moment, datetime.datetime.now(VIETNAM) - datetime.timedelta(days=1)))
    return page


def write_profiles(bulk, registry, pages):
    """The rows Wagtail's add_child() and publish() would write, and the profiles' own relations."""
    from django.utils import timezone

    from exemplars.models import Award, ExemplarPage
    from newsroom.importer.slugs import sibling_slugs

    relations = [(page.achievement_fields.all(), page.movements.all(), page.awards.all()) for page in pages]
    for page, slug in zip(pages, sibling_slugs(registry, pages), strict=True):
        page.slug = slug
    bulk.add_children(registry, pages)
    bulk.insert(pages)  # leaves every child relation empty in memory: set again below
    fields_through, movements_through = (
        ExemplarPage.achievement_fields.through,
        ExemplarPage.movements.through,
    )
    fields_through.objects.bulk_create(
        fields_through(exemplarpage_id=page.pk, achievementfield_id=field.pk)
        for page, (fields, _movements, _awards) in zip(pages, relations, strict=True)
        for field in fields
    )
    movements_through.objects.bulk_create(
        movements_through(exemplarpage_id=page.pk, movementpage_id=movement.pk)
        for page, (_fields, movements, _awards) in zip(pages, relations, strict=True)
        for movement in movements
    )
    for page, (fields, movements, awards) in zip(pages, relations, strict=True):
        for order, award in enumerate(awards):
            award.page_id, award.sort_order = page.pk, order
        page.achievement_fields, page.movements, page.awards = list(fields), list(movements), list(awards)
    Award.objects.bulk_create(award for page in pages for award in page.awards.all())
    bulk.save_revisions(pages, timezone.now(), scheduled=set())
    bulk.index_references(pages)
    return pages


def index_for_search(pages):
    """As the importer indexes a batch: every search backend that follows saves, then the archive search and
    the content API's cache (the bulk-published signal)."""
    from wagtail.search.backends import get_search_backends_with_name

    from exemplars.models import ExemplarPage
    from newsroom.signals import pages_bulk_published

    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(ExemplarPage, pages)
    pages_bulk_published.send(sender=ExemplarPage, pages=pages)


def make_portrait_renditions(image_pks):
    """The renditions publishing a profile asks for (newsroom.picture_renditions), once per picture used."""
    from exemplars.models import ExemplarPage
    from newsroom.picture_renditions import make_renditions

    for image_pk in image_pks:
        make_renditions.call(image_pk, [*ExemplarPage.lead_picture_uses, "social"])


def link_features(rng):
    """A few generated articles feature each profile, a few dozen each movement: the articles' own link rows,
    as an editor linking them in the article editor leaves them once published."""
    from exemplars.models import ArticleExemplarLink, ArticleMovementLink, ExemplarPage, MovementPage
    from newsroom.models import ArticlePage

    articles = list(ArticlePage.objects.filter(external_id__startswith="bench-").values_list("pk", flat=True))
    ArticleExemplarLink.objects.bulk_create(
        ArticleExemplarLink(article_id=article, exemplar_id=exemplar, sort_order=0)
        for exemplar in ExemplarPage.objects.filter(alias_of=None).values_list("pk", flat=True)
        for article in rng.sample(articles, FEATURES_PER_PROFILE)
    )
    ArticleMovementLink.objects.bulk_create(
        ArticleMovementLink(article_id=article, movement_id=movement, sort_order=0)
        for movement in MovementPage.objects.filter(alias_of=None).values_list("pk", flat=True)
        for article in rng.sample(articles, FEATURES_PER_MOVEMENT)
    )
