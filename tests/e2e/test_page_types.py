"""Every public page type as a reader meets it, on a 320- and a 390-pixel phone and a 1366-pixel desktop: nothing
wider than the screen, every picture described (and offered in several widths), and no serious or critical
violation that axe-core finds. A screenshot of each page type at each width lands in build/screenshots/.

axe-core is vendored by `make` (tests/e2e/vendor/, the Makefile pins it); the test never fetches it."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Site

from broadcasts.models import MediaItem, ProgrammeIndexPage, ProgrammePage
from contests.models import ContestIndexPage
from exemplars.models import ExemplarIndexPage, MovementIndexPage, MovementPage
from newsroom.models import CampaignPage, HistoricEvent, Language, Outlet, PlainPage, Tag
from newsroom.models.calendar import ensure_plan_events
from quizzes.publication import publish_round
from quizzes.taking import start_attempt, submit_attempt
from search.indexing import rebuild
from tests.conftest import require_service
from tests.contests.conftest import new_contest, new_contest_index
from tests.exemplars.conftest import new_exemplar, new_unit
from tests.quizzes.conftest import details, new_quiz, new_round, wrong_answers

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VENDOR = Path(__file__).resolve().parent / "vendor"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
WIDTHS = [320, 390, 1366]
SCREEN_HEIGHT = 900
BLOCKING_IMPACTS = {"serious", "critical"}

# The elements past the right edge of the screen that hold nothing past it themselves: what makes it scroll.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const past = (element) => element.getBoundingClientRect().right > width + 0.5;
  const culprits = Array.from(document.body.querySelectorAll("*"))
    .filter((element) => past(element) && !Array.from(element.children).some(past))
    .slice(0, 5)
    .map((element) => element.outerHTML.slice(0, 160));
  return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
}"""

IMAGES = """() => Array.from(document.images, (image) => ({
  html: image.outerHTML.slice(0, 200),
  alt: (image.getAttribute("alt") || "").trim(),
  inPicture: image.parentElement.localName === "picture",
  srcset: (image.getAttribute("srcset") || "").trim(),
}))"""

AXE_VIOLATIONS = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""


@pytest.fixture
def axe():
    """The axe-core script that `make` vendored (one version at a time: a new pin replaces the old file)."""
    scripts = sorted(VENDOR.glob("axe-*.min.js"))
    require_service(scripts, "axe-core in tests/e2e/vendor/ (`make vendor` fetches it)")
    return scripts[-1]


@dataclass(frozen=True)
class PageType:
    name: str
    url: str
    status: int = 200
    # What the reader does once the page has loaded (e.g. sends an empty form): the page it leads to is checked.
    then: Callable | None = None


def send_the_empty_entry_form(page):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Gửi bài dự thi").click()
    return navigation.value


def local_now():
    return timezone.localtime()


@pytest.fixture
def pictures(make_image):
    """Photos as the newsroom's library holds them, each with its alt text, caption and credit."""
    return {
        name: make_image(title=title, description=alt, caption=title, credit="Ảnh: Hữu Hùng", color=color)
        for name, title, alt, color in [
            (
                "forest",
                "Rừng đầu nguồn",
                "Già làng đứng giữa rừng khộp xanh, tay chỉ về phía suối",
                "#2f6b3a",
            ),
            ("coffee", "Mùa cà phê", "Người nông dân hái cà phê chín đỏ trên nương", "#7a3b12"),
            ("class", "Lớp học buôn", "Cô giáo đứng lớp với các em nhỏ người Ê Đê", "#1f4f8a"),
        ]
    }


@pytest.fixture
def public_pages(live_server, outlets, shared_indexes, make_column, make_article, pictures):
    """One page of each public type, filled as the demo fills them, as the PageTypes to visit in order; all on the
    newspaper but the movement, which only the portal shows."""
    newspaper = outlets["newspaper"]
    # Two articles a page: the column's pages show the pagination.
    column = make_column(newspaper, "Điển hình tiên tiến", show_in_menus=True, per_page=2)
    make_column(newspaper, "Gương người tốt việc tốt", show_in_menus=True)
    tag = Tag.objects.create(name="Giữ rừng")
    article = make_article(
        column,
        "Già làng Y Khu và cánh rừng của buôn",
        standfirst="Ba mươi năm giữ rừng đầu nguồn, già làng Y Khu được cả buôn tin cậy.",
        lead_image=pictures["forest"],
        body=[
            ("paragraph", "<p>Mỗi sáng, già làng Y Khu đi một vòng quanh cánh rừng của buôn Ea Knuếc.</p>"),
            ("image", {"image": pictures["coffee"], "caption": "Mùa cà phê ở buôn", "credit": ""}),
            ("quote", {"text": "Rừng còn thì buôn làng còn.", "attribution": "Già làng Y Khu"}),
        ],
    )
    article.tags.add(tag)
    article.save_revision().publish()
    gallery = [{"image": picture, "caption": picture.title, "credit": ""} for picture in pictures.values()]
    photo_story = make_article(
        column,
        "Chùm ảnh: Một ngày ở buôn Ea Knuếc",
        kind="photo",
        lead_image=pictures["class"],
        body=[("paragraph", "<p>Một ngày của buôn làng qua ống kính phóng viên.</p>"), ("gallery", gallery)],
    )
    for number in range(1, 4):
        make_article(column, f"Người tốt việc tốt ở xã Ea Kao, kỳ {number}", standfirst="Chuyện thường ngày.")

    plain = newspaper.add_child(
        instance=PlainPage(
            title="Giới thiệu", body=[("paragraph", "<p>Báo Đắk Lắk, cơ quan của Tỉnh ủy.</p>")]
        )
    )
    plain.save_revision().publish()

    registry = shared_indexes[ExemplarIndexPage]
    movement = MovementPage(
        title="Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        launch_level=MovementPage.LaunchLevel.PROVINCE,
        launched_by="UBND tỉnh Đắk Lắk",
        start_date=datetime.date(2024, 1, 1),
        goals="<p>Mỗi buôn một con đường sạch, một vườn cây.</p>",
        lead_image=pictures["coffee"],
    )
    shared_indexes[MovementIndexPage].add_child(instance=movement)
    movement.save_revision().publish()
    exemplar = new_exemplar(
        registry,
        "Bà H'Linh Niê",
        unit=new_unit("UBND xã Ea Knuếc"),
        movements=[movement],
        awards=[("Bằng khen của Chủ tịch UBND tỉnh", datetime.date(2024, 9, 2))],
        summary="Mười năm dạy chữ cho trẻ em buôn Ea Knuếc, không nhận thù lao.",
        lead_image=pictures["class"],
        achievements=[("paragraph", "<p>Mở lớp học tình thương cho 40 em nhỏ.</p>")],
    )

    new_contest_index()
    contest_index = ContestIndexPage.objects.get()
    contest = new_contest(
        contest_index,
        opens_at=local_now() - datetime.timedelta(days=1),
        closes_at=local_now() + datetime.timedelta(days=30),
        lead_image=pictures["coffee"],
    )

    quiz_here, taken, taking = knowledge_contest(pictures["forest"])

    ensure_plan_events()
    today = local_now().date()
    campaign = CampaignPage(
        title="Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        event=HistoricEvent.objects.get(name="Chiến thắng Buôn Ma Thuột"),
        anniversary_year=2025,
        window_start=today - datetime.timedelta(days=10),
        window_end=today + datetime.timedelta(days=30),
        hero_image=pictures["forest"],
        introduction="<p>Nửa thế kỷ nhìn lại chiến thắng mở màn.</p>",
        tag=tag,
    )
    newspaper.add_child(instance=campaign)
    campaign.save_revision().publish()
    rebuild()

    # The registry is the portal's; the newspaper shows it under an alias of its index, profiles included.
    registry_here = address(live_server, ExemplarIndexPage.objects.child_of(newspaper).get())
    home = address(live_server, newspaper)
    contest_here = address(live_server, contest)
    return [
        PageType("outlet-home", home),
        PageType("column", address(live_server, column)),
        PageType("column-page-2", f"{address(live_server, column)}?page=2"),
        PageType("article", address(live_server, article)),
        PageType("photo-story", address(live_server, photo_story)),
        PageType("tag-index", f"{home}tags/"),
        PageType("tag", f"{home}tags/{tag.slug}/"),
        PageType("registry", registry_here),
        PageType("exemplar", f"{registry_here}{exemplar.slug}/"),
        PageType("movement-index", address(live_server, MovementIndexPage.objects.child_of(newspaper).get())),
        PageType("movement", address(live_server, movement)),
        PageType("contest-index", address(live_server, contest_index)),
        PageType("contest", contest_here),
        PageType("contest-errors", contest_here, status=400, then=send_the_empty_entry_form),
        PageType("entry-status", f"{contest_here}tra-cuu/"),
        PageType("quiz", address(live_server, quiz_here)),
        PageType("quiz-attempt", f"{address(live_server, quiz_here)}bai-thi/{taking.key}/"),
        PageType("quiz-answers", f"{address(live_server, quiz_here)}bai-thi/{taken.key}/"),
        PageType("quiz-results", f"{address(live_server, quiz_here)}ket-qua/"),
        PageType("campaign", address(live_server, campaign)),
        PageType("search", f"{home}tim-kiem/?q=gi%C3%A0+l%C3%A0ng"),
        PageType("plain-page", address(live_server, plain)),
        PageType("not-found", f"{home}khong-co-trang-nay/", status=404),
    ]


def knowledge_contest(lead_image):
    """(contest, an attempt sent in its closed round, whose results are published, an attempt under way in its open
    round)."""
    quiz = new_quiz(lead_image=lead_image)
    now = timezone.now()
    closed = new_round(
        quiz,
        name="Tuần 1",
        opens_at=now - datetime.timedelta(days=14),
        closes_at=now - datetime.timedelta(days=7),
    )
    open_round = new_round(
        quiz,
        name="Tuần 2",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=6),
    )
    taken = start_attempt(closed, details(), closed.opens_at + datetime.timedelta(hours=1))
    submit_attempt(taken.key, wrong_answers(taken), 120, taken.started_at + datetime.timedelta(minutes=6))
    publish_round(closed, None)
    return quiz, taken, start_attempt(open_round, details(phone="0987654321"), now)


@pytest.fixture
def broadcast_pages(live_server, outlets, make_column, make_article, pictures, settings, tmp_path):
    """The station's programmes index, a programme in Ê Đê with its episodes, an episode's own page and a video
    story with captions, as PageTypes to visit after the others. The files are stand-ins: the markup is checked."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    Language.ensure_standard()
    ede = Language.objects.get(code="rad")
    station = outlets[Outlet.BROADCAST]
    index = station.add_child(instance=ProgrammeIndexPage(title="Chương trình", slug="chuong-trinh"))
    index.save_revision().publish()
    programmes = [
        ProgrammePage(
            title="Phát thanh tiếng Ê Đê", language=ede, schedule="17 giờ hằng ngày", cover=pictures["class"]
        ),
        ProgrammePage(title="Gương sáng giữa đời thường", schedule="20 giờ thứ Bảy hằng tuần"),
    ]
    for programme in programmes:
        index.add_child(instance=programme)
        programme.save_revision().publish()
    episodes = [
        MediaItem.objects.create(
            title=f"Số {number}: Lễ cúng bến nước của buôn Kô Sier",
            type="audio",
            file=ContentFile(b"\0" * 64, name="so.mp3"),
            mime_type="audio/mpeg",
            duration=1805,
            programme=programmes[0],
            language=ede,
            broadcast_at=local_now() - datetime.timedelta(days=number),
            transcript="Ơ amĭ ama, hriê hmư̆.",
            credits="Biên tập: Y Thơ Niê",
        )
        for number in (1, 2, 3)
    ]
    video = MediaItem.objects.create(
        title="Phóng sự: Mùa lúa mới ở buôn Ea Knuếc",
        type="video",
        file=ContentFile(b"\0" * 64, name="mua-lua.webm"),
        mime_type="video/webm",
        poster=pictures["coffee"],
        captions=ContentFile(
            "WEBVTT\n\n00:00.000 --> 00:02.000\nMùa lúa mới.\n".encode(), name="mua-lua.vtt"
        ),
        transcript="Mùa lúa mới về trên buôn Ea Knuếc.",
    )
    story = make_article(
        make_column(station, "Thời sự", show_in_menus=True),
        "Mùa lúa mới ở buôn Ea Knuếc",
        kind="video",
        body=[("media", {"item": video, "caption": "Phát trong chương trình Thời sự tối."})],
    )
    programme = address(live_server, programmes[0])
    return [
        PageType("programme-index", address(live_server, index)),
        PageType("programme", programme),
        PageType("episode", f"{programme}{episodes[0].pk}/"),
        PageType("video-story", address(live_server, story)),
    ]


def address(live_server, page):
    """The page's address on the live server under its own site's host name (the browser takes every
    *.localhost name to this machine), as a reader following the site's links reaches it."""
    site_id, _, path = page.specific.get_url_parts()
    port = urlsplit(live_server.url).port
    return f"http://{Site.objects.get(pk=site_id).hostname}:{port}{path}"


def problems_on(page, axe):
    """What a reader of this page would stumble on, one line each; `axe` is the path of axe-core's script."""
    overflow = page.evaluate(OVERFLOW)
    problems = []
    if overflow["scrollWidth"] > overflow["width"]:
        problems.append(
            f"{overflow['scrollWidth']} px wide on a {overflow['width']} px screen, past the edge: "
            + " | ".join(overflow["culprits"])
        )
    for image in page.evaluate(IMAGES):
        if not image["alt"]:
            problems.append(f"<img> without alt text: {image['html']}")
        if image["inPicture"] and not image["srcset"]:
            problems.append(f"<img> of a <picture> without srcset: {image['html']}")
    page.add_script_tag(path=axe)
    for violation in page.evaluate(AXE_VIOLATIONS):
        if violation["impact"] in BLOCKING_IMPACTS:
            problems.append(
                f"axe {violation['impact']} {violation['id']} ({violation['help']}): "
                + ", ".join(violation["targets"])
            )
    return problems


def test_every_public_page_type_fits_describes_its_pictures_and_passes_axe(
    axe, reader, public_pages, broadcast_pages, subtests
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # One browser and one build of the pages for every width: both cost more than the visits.
    for width in WIDTHS:
        reader.set_viewport_size({"width": width, "height": SCREEN_HEIGHT})
        for page_type in public_pages + broadcast_pages:
            with subtests.test(msg=f"{page_type.name} at {width} px"):
                response = reader.goto(page_type.url)
                if page_type.then:
                    response = page_type.then(reader)
                assert response.status == page_type.status
                reader.screenshot(path=SCREENSHOTS / f"{page_type.name}-{width}.png", full_page=True)
                problems = problems_on(reader, axe)
                assert not problems, "\n".join(problems)
