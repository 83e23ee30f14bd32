"""The media blocks of before (a document, its kind, a caption and a transcript) become media items of the
station's library and blocks choosing them, in the pages and in their live and latest revisions."""

import json
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.documents import get_document_model
from wagtail.models import Revision

from broadcasts.models import MediaItem
from newsroom.models import ArticlePage, Outlet, PlainPage
from tests.broadcasts.media_samples import ENCODED, SECONDS, ffmpeg

BEFORE = ("broadcasts", "0001_initial")
# A film that is not one: its item keeps it, with nothing read from it.
FILM = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 20


def old_media_block(document, kind, caption="", transcript="", block_id="b1"):
    value = {"kind": kind, "file": document.pk, "caption": caption, "transcript": transcript}
    return {"type": "media", "value": value, "id": block_id}


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": "p1"}


def write_body(page, blocks):
    """The body as the pages of before stored it (the current block definitions would not write it)."""
    table = page._meta.db_table
    value = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET body = {value} WHERE page_ptr_id = %s", [json.dumps(blocks), page.pk]
        )


def write_latest_revision(page, blocks):
    revision = Revision.objects.get(pk=page.latest_revision_id)
    revision.content["body"] = json.dumps(blocks)
    Revision.objects.filter(pk=revision.pk).update(content=revision.content)


def body_of(page):
    """The body as stored, whatever the blocks would make of it."""
    return list(page._meta.model.objects.get(pk=page.pk).body.raw_data)


@pytest.fixture
def sound(tmp_path):
    """A few seconds of sound in MP3, as the documents of before held the station's bulletins."""
    path = tmp_path / "ban-tin-toi.mp3"
    ffmpeg(*ENCODED["audio.mp3"], path)
    return path.read_bytes()


@pytest.fixture
def documents(settings, tmp_path, sound):
    settings.MEDIA_ROOT = tmp_path / "media"
    document_model = get_document_model()
    return {
        "sound": document_model.objects.create(
            title="ban-tin-toi.mp3", file=ContentFile(sound, "ban-tin-toi.mp3")
        ),
        "film": document_model.objects.create(
            title="Phóng sự mùa lúa", file=ContentFile(FILM, "mua-lua.mp4")
        ),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_media_blocks_of_documents_become_media_items(
    outlets, make_column, make_article, documents, sound, private_files
):
    column = make_column(outlets[Outlet.BROADCAST], "Thời sự")
    article = make_article(column, "Bản tin tối")
    republished = make_article(column, "Bản tin tối, phát lại")
    about = outlets[Outlet.BROADCAST].add_child(instance=PlainPage(title="Giới thiệu Đài"))
    about.save_revision().publish()
    news = old_media_block(documents["sound"], "audio", "Bản tin thời sự tối", "Kính chào quý thính giả.")
    missing = {**old_media_block(documents["sound"], "audio"), "value": {"kind": "audio", "file": 9999}}

    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        write_body(article, [paragraph("Bản tin lúc 20 giờ."), news, missing])
        write_body(republished, [news])
        # A draft waiting to be published adds the film to the article.
        draft = [news, old_media_block(documents["film"], "video", transcript="Mùa lúa mới.", block_id="b2")]
        write_latest_revision(article, draft)
        write_body(about, [old_media_block(documents["film"], "video")])

        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

        bulletin = MediaItem.objects.get(title="Bản tin thời sự tối")
        assert (bulletin.type, bulletin.transcript, bulletin.mime_type) == (
            "audio",
            "Kính chào quý thính giả.",
            "audio/mpeg",
        )
        with bulletin.file.open("rb") as copied:
            assert copied.read() == sound
        assert bulletin.size == len(sound)
        assert bulletin.duration == pytest.approx(SECONDS, abs=0.1)  # read from the file
        assert Path(private_files) in Path(bulletin.file.path).parents  # never public
        assert bulletin.collection_id == documents["sound"].collection_id

        converted = {"type": "media", "value": {"item": bulletin.pk, "caption": ""}, "id": "b1"}
        assert body_of(article) == [paragraph("Bản tin lúc 20 giờ."), converted, missing]
        assert body_of(republished) == [converted]  # the same block, the same item

        film_in_draft = MediaItem.objects.get(title="Phóng sự mùa lúa", transcript="Mùa lúa mới.")
        assert (film_in_draft.type, film_in_draft.mime_type, film_in_draft.duration) == (
            "video",
            "video/mp4",
            0,
        )
        latest = json.loads(Revision.objects.get(pk=article.latest_revision_id).content["body"])
        assert latest == [
            converted,
            {"type": "media", "value": {"item": film_in_draft.pk, "caption": ""}, "id": "b2"},
        ]

        film_about = MediaItem.objects.get(title="Phóng sự mùa lúa", transcript="")
        assert body_of(about) == [
            {"type": "media", "value": {"item": film_about.pk, "caption": ""}, "id": "b1"}
        ]
        assert MediaItem.objects.count() == 3

        # The pages read their items as the current blocks define them.
        assert ArticlePage.objects.get(pk=article.pk).body[1].value["item"] == bulletin
        assert PlainPage.objects.get(pk=about.pk).body[0].value["item"] == film_about
    finally:
        # The tests after this one on the same database expect every migration applied.
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
