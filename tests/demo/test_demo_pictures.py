"""The demo's pictures (demo.pictures, demo.picture_uses): drawn when the demo is loaded, each with an alt text
that says what it shows, and shown on a share of the articles, on every photo story as a gallery, on the
profiles, movements, contests, the special anniversary column and a few bylines."""

import hashlib
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from wagtail.images import get_image_model

from contests.models import ContestPage
from core.dates import local_today
from demo.data import ARCHIVE, read_json, read_jsonl
from demo.illustrations import draw
from demo.pictures import DATA_FILE
from demo.programmes import DATA_FILE as PROGRAMMES_FILE
from exemplars.models import ExemplarPage, MovementPage
from newsroom.models import ArticlePage, Author, CampaignPage
from newsroom.models.campaigns import campaign_articles
from tests.demo.test_load_demo import DEMO

REPOSITORY = Path(__file__).parents[2]

# Listings show cards with and without a picture: about two articles in three have one.
LEAD_PICTURE_SHARE = (0.6, 0.7)
GALLERY_LENGTH = range(4, 9)


@pytest.fixture
def demo(db):
    DEMO.put()


def is_nfc(text):
    return unicodedata.normalize("NFC", text) == text


def test_every_picture_says_what_it_shows_and_who_drew_it(demo):
    images = get_image_model().objects.all()
    assert images.count() == len(read_json(DATA_FILE)["pictures"])
    for image in images:
        alt = image.description.strip()
        assert len(alt) >= 40 and is_nfc(alt), image.title
        # Says what the picture shows rather than that it is one, and not the same as its caption.
        assert not alt.lower().startswith(("ảnh", "hình ảnh", "image")), alt
        assert alt != image.caption and image.caption and is_nfc(image.caption), image.title
        assert image.credit == "Minh họa: Nêu Gương"
        assert image.file.name.endswith(".jpg") and image.width >= 1200 and image.height >= 1067
        assert image.has_focal_point()


def test_about_two_articles_in_three_have_a_lead_picture_and_the_others_none(demo):
    articles = ArticlePage.objects.live().filter(alias_of__isnull=True)
    pictured = articles.filter(lead_image__isnull=False).count()
    low, high = LEAD_PICTURE_SHARE
    assert low <= pictured / articles.count() <= high
    assert articles.filter(lead_image__isnull=True).exists()


def test_every_photo_story_is_a_gallery_of_captioned_photos(demo):
    stories = ArticlePage.objects.live().filter(kind=ArticlePage.Kind.PHOTO, alias_of__isnull=True)
    assert stories.count() == 4
    for story in stories:
        galleries = [block.value for block in story.body if block.block_type == "gallery"]
        assert len(galleries) == 1, story.title
        photos = galleries[0]
        assert len(photos) in GALLERY_LENGTH, story.title
        assert len({photo["image"].pk for photo in photos}) == len(photos), story.title
        assert all(photo["caption"] and photo["image"].description for photo in photos), story.title
        # Its cards show the gallery's first photo.
        assert story.lead_image == photos[0]["image"], story.title


def test_a_few_articles_carry_a_picture_within_their_text(demo):
    for external_id in read_json(DATA_FILE)["body_images"]:
        article = ArticlePage.objects.get(external_id=external_id)
        types = [block.block_type for block in article.body]
        assert types[:2] == ["paragraph", "image"], article.title
        first_paragraph = article.body[0].value.source
        assert first_paragraph.startswith("<p>") and first_paragraph.count("</p>") == 1


def test_profiles_show_a_portrait_of_a_person_and_a_picture_of_a_collective_or_household(demo):
    profiles = ExemplarPage.objects.live().filter(alias_of__isnull=True).select_related("lead_image")
    assert profiles.count() == 16
    for profile in profiles:
        image = profile.lead_image
        if profile.subject_kind == ExemplarPage.SubjectKind.INDIVIDUAL:
            assert image.height > image.width and profile.title in image.description, profile.title
        else:
            assert image.width > image.height, profile.title


def test_movements_contests_the_anniversary_column_and_some_bylines_have_pictures(demo):
    assert not MovementPage.objects.filter(alias_of__isnull=True, lead_image__isnull=True).exists()
    assert not ContestPage.objects.filter(lead_image__isnull=True).exists()
    campaign = CampaignPage.objects.live().get()
    assert campaign.hero_image.title == "Tượng đài Chiến thắng Buôn Ma Thuột"
    assert Author.objects.filter(photo__isnull=False).count() == len(read_json(DATA_FILE)["authors"])
    # The special column ran in 2025: an archive of the features tagged for it, with no banner on the homes.
    assert campaign_articles(campaign).count() >= 5
    home = campaign.get_parent().specific
    assert not CampaignPage.objects.running_for(home, local_today()).exists()


def programme_pictures():
    """The station's cover, the programmes' covers and the episodes' posters (demo.programmes)."""
    data = read_json(PROGRAMMES_FILE)
    yield data["index"]["cover"]
    for programme in data["programmes"]:
        yield programme["cover"]
        yield from (episode["poster"] for episode in programme["episodes"])


def test_the_pictures_data_names_each_picture_once_and_uses_every_one():
    data = read_json(DATA_FILE)
    keys = [spec["key"] for spec in data["pictures"]]
    titles = [spec["title"] for spec in data["pictures"]]
    assert len(set(keys)) == len(keys) and len(set(titles)) == len(titles)
    used = [
        *data["lead_images"].values(),
        *(key for photos in data["galleries"].values() for key, _caption in photos),
        *(key for key, _caption in data["body_images"].values()),
        *(
            key
            for part in ("profiles", "movements", "contests", "campaigns", "authors")
            for key in data[part].values()
        ),
        *programme_pictures(),
    ]
    assert set(used) == set(keys)
    # Every photo story of the archive has its gallery, and its text no longer lists the photos' captions.
    photo_stories = [line for line in read_jsonl(ARCHIVE) if line["kind"] == "photo"]
    assert {line["external_id"] for line in photo_stories} == set(data["galleries"])
    assert not any("Ảnh 1" in line["body"] for line in photo_stories)
    texts = [text for spec in data["pictures"] for text in (spec["alt"], spec["caption"])]
    texts += [caption for photos in data["galleries"].values() for _key, caption in photos]
    assert all(is_nfc(text) for text in texts)


def drawing_hash(scene, seed):
    return hashlib.sha256(draw(scene, seed, light="dusk").jpeg).hexdigest()


def test_a_drawing_is_the_same_for_the_same_seed_in_any_process():
    """The same seed draws the same bytes, whatever Python's own hash seed (a set's order, say) in the process."""
    here = drawing_hash("rice_pounding", 15)
    script = (
        "import hashlib; from demo.illustrations import draw; "
        "print(hashlib.sha256(draw('rice_pounding', 15, light='dusk').jpeg).hexdigest())"
    )
    elsewhere = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert elsewhere.stdout.strip() == here
    assert drawing_hash("rice_pounding", 16) != here
