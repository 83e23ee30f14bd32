"""The player readers meet in an article's body and an exemplar's achievements: the browser's own audio or video
controls, the poster, the captions, what the station says about the item, and the transcript below it in its own
language; nothing before the broadcast time; every word the editors typed shown as text."""

import datetime
import re

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from exemplars.models import ExemplarIndexPage
from newsroom.models import Outlet
from tests.exemplars.conftest import new_exemplar

from .conftest import visit

# 20:00 on 5 March 2025 in Đắk Lắk.
EVENING_NEWS = datetime.datetime(2025, 3, 5, 13, 0, tzinfo=datetime.UTC)
TRANSCRIPT = "Kính chào quý thính giả.\n\nBản tin hôm nay có ba tin chính."
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:02.000\nKính chào quý thính giả.\n".encode()


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets[Outlet.BROADCAST], "Thời sự")


def article_with(make_article, column, item, caption="", title="Bản tin thời sự tối"):
    return make_article(column, title, body=[("media", {"item": item, "caption": caption})])


def player_of(html):
    return re.search(r'<div class="player player--\w+">.*?\n</div>', html, re.DOTALL).group()


def test_an_audio_item_plays_in_the_browsers_own_controls_with_its_transcript_below(
    client, column, make_article, new_media_item
):
    item = new_media_item(
        "Bản tin thời sự 20 giờ",
        duration=750.2,
        broadcast_at=EVENING_NEWS,
        transcript=TRANSCRIPT,
        credits="Biên tập: Hữu Hùng\nĐọc: H'Linh",
    )
    article = article_with(make_article, column, item, caption="Nghe lại bản tin tối thứ Tư.")
    player = player_of(visit(client, article).content.decode())

    assert '<audio class="player__media" controls preload="metadata">' in player
    assert "autoplay" not in player and "<script" not in player and "<video" not in player
    source = reverse("broadcasts:media_file", args=(item.pk, item.filename))
    assert f'<source src="{source}" type="audio/mpeg">' in player
    assert "<track" not in player  # no captions, no track
    assert '<h3 class="player__title">Bản tin thời sự 20 giờ</h3>' not in player  # an article's body: level 2
    assert '<h2 class="player__title">Bản tin thời sự 20 giờ</h2>' in player
    assert '<time datetime="PT12M30S">12 phút 30 giây</time>' in player
    assert ">20:00 ngày 5/3/2025</time>" in player
    assert "Tiếng Việt" not in player  # the language is said only when it is not Vietnamese
    assert '<p class="player__caption">Nghe lại bản tin tối thứ Tư.</p>' in player
    assert "Biên tập: Hữu Hùng<br>Đọc: H&#x27;Linh" in player
    transcript = re.search(r'<section class="transcript">.*?</section>', player, re.DOTALL).group()
    assert '<h3 class="transcript__heading">Bản chép lời</h3>' in transcript
    assert '<div class="transcript__text" lang="vi"><p>Kính chào quý thính giả.</p>' in transcript
    assert "<details" not in transcript  # short: shown whole


def test_a_video_has_its_poster_captions_and_language(
    client, column, make_article, new_media_item, make_image, languages
):
    poster = make_image("Buôn Đôn", size=(1920, 1080))
    item = new_media_item(
        "Phóng sự: Mùa lúa mới ở buôn",
        kind="video",
        poster=poster,
        width=1280,
        height=720,
        language=languages["rad"],
        transcript="Ênŭm mnuih hlăm buôn.",
        captions=ContentFile(CAPTIONS, name="mua-lua.vtt"),
    )
    player = player_of(visit(client, article_with(make_article, column, item)).content.decode())

    video = re.search(r"<video [^>]*>", player).group()
    assert 'controls preload="metadata"' in video and "autoplay" not in video
    assert 'width="1280" height="720"' in video
    poster_url = re.search(r'poster="([^"]+)"', video).group(1)
    assert poster_url.endswith(".fill-1280x720-c75.format-jpeg.jpg")
    assert poster.renditions.get(filter_spec="fill-1280x720-c75|format-jpeg").url == poster_url
    assert f'<source src="{item.url}" type="video/mp4">' in player
    captions = reverse("broadcasts:captions_file", args=(item.pk,))
    assert f'<track kind="captions" src="{captions}" srclang="rad" label="Tiếng Ê Đê" default>' in player
    assert "<span>Tiếng Ê Đê</span>" in player
    assert '<div class="transcript__text" lang="rad"><p>Ênŭm mnuih hlăm buôn.</p></div>' in player


def test_a_video_story_opens_on_its_video_and_keeps_its_lead_picture_for_the_cards(
    client, column, make_article, new_media_item, make_image
):
    picture = make_image("Thuyền cứu nạn")
    video = new_media_item("Chuyến biển cứu nạn", kind="video", poster=picture)
    audio = new_media_item("Bản tin tối", kind="audio")
    video_story = article_with(make_article, column, video, title="Video: chuyến biển cứu nạn")
    video_story.kind, video_story.lead_image = video_story.Kind.VIDEO, picture
    video_story.save()
    radio_story = article_with(make_article, column, audio, title="Nghe: bản tin tối")
    radio_story.kind, radio_story.lead_image = radio_story.Kind.AUDIO, picture
    radio_story.save()

    assert "figure--lead" not in visit(client, video_story).content.decode()
    assert "figure--lead" in visit(client, radio_story).content.decode()  # a radio player shows no picture


def test_a_long_transcript_waits_behind_its_summary(client, column, make_article, new_media_item):
    paragraphs = [f"Đoạn {number}: bà con buôn Ea Knuếc thu hoạch cà phê." * 5 for number in range(1, 9)]
    item = new_media_item("Chuyện mùa cà phê", transcript="\n\n".join(paragraphs))
    player = player_of(visit(client, article_with(make_article, column, item)).content.decode())

    transcript = re.search(r'<section class="transcript">.*?</section>', player, re.DOTALL).group()
    assert '<h3 class="transcript__heading">Bản chép lời</h3>' in transcript  # the heading stays in sight
    details = re.search(r'<details class="transcript__more">.*</details>', transcript, re.DOTALL).group()
    assert "<summary>Đọc toàn bộ bản chép lời</summary>" in details
    assert details.count("<p>Đoạn ") == 8


def test_titles_captions_credits_and_transcripts_are_shown_as_text(
    client, column, make_article, new_media_item
):
    item = new_media_item(
        '<script>alert("tiêu đề")</script>',
        transcript='<img src=x onerror="alert(1)"> & <b>đậm</b>',
        credits="<i>Quay phim</i>",
    )
    html = visit(
        client, article_with(make_article, column, item, caption="<em>chú thích</em>")
    ).content.decode()
    player = player_of(html)

    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;tiêu đề&quot;)&lt;/script&gt;" in player
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in player
    assert "&lt;em&gt;chú thích&lt;/em&gt;" in player and "&lt;i&gt;Quay phim&lt;/i&gt;" in player


def test_before_its_broadcast_time_an_item_in_an_article_says_when_it_airs(
    client, column, make_article, new_media_item
):
    soon = datetime.datetime(2999, 3, 5, 13, 0, tzinfo=datetime.UTC)
    item = new_media_item("Bản tin đặc biệt", broadcast_at=soon, transcript="Nội dung chưa được phát.")
    html = visit(client, article_with(make_article, column, item)).content.decode()

    assert "Bản tin đặc biệt: phát sóng lúc 20:00 ngày 5/3/2999." in html
    assert "<audio" not in html and item.url not in html
    assert "Nội dung chưa được phát." not in html


def test_searching_an_article_reads_its_items_title_and_transcript(column, make_article, new_media_item):
    item = new_media_item("Già làng Y Khu kể chuyện giữ rừng", transcript="Rừng còn thì buôn làng còn.")
    article = article_with(make_article, column, item, caption="Phóng sự của Đài")

    searchable = article.body.stream_block.get_searchable_content(article.body)
    assert "Già làng Y Khu kể chuyện giữ rừng" in searchable
    assert "Rừng còn thì buôn làng còn." in searchable
    assert "Phóng sự của Đài" in searchable


def test_an_item_not_yet_on_the_air_lends_an_article_its_title_but_not_its_transcript(
    column, make_article, new_media_item
):
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    item = new_media_item("Bản tin tối mai", transcript="Tin chưa được phát.", broadcast_at=tomorrow)
    article = article_with(make_article, column, item)

    searchable = article.body.stream_block.get_searchable_content(article.body)
    assert "Bản tin tối mai" in searchable
    assert not any("Tin chưa được phát." in text for text in searchable)


def test_an_exemplars_achievements_play_their_media(client, shared_indexes, new_media_item):
    item = new_media_item("Bà H'Linh Niê và lớp học tình thương", transcript="Mười năm dạy chữ.")
    exemplar = new_exemplar(
        shared_indexes[ExemplarIndexPage],
        "Bà H'Linh Niê",
        achievements=[
            ("paragraph", "<p>Mở lớp học tình thương cho 40 em nhỏ.</p>"),
            ("media", {"item": item, "caption": "Phóng sự của Đài"}),
        ],
    )
    html = visit(client, exemplar).content.decode()

    player = player_of(html)
    assert f'<source src="{item.url}" type="audio/mpeg">' in player
    # Under the achievements' heading (h2), the item's title is a level below.
    assert '<h3 class="player__title">Bà H&#x27;Linh Niê và lớp học tình thương</h3>' in player
    assert '<div class="transcript__text" lang="vi"><p>Mười năm dạy chữ.</p></div>' in player
