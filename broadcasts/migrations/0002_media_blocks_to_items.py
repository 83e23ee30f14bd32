"""Article and plain page bodies played their sound and video from the document library: a media block held
{kind, file: a document's id, caption, transcript}. Each becomes a media item of the station's library (the
document's file copied into the item's private storage, the type from the kind, the title from the caption or
else the document's title, the transcript kept; its duration, dimensions and content type read from the file as
uploads are, where it can be read) and the block chooses it: {item, caption}.

The pages' own data and their live and latest revisions are converted (older revisions are left as they were,
so that they add no items nobody shows). Blocks repeating the same file, kind, title and transcript share one
item. A block whose document no longer exists has nothing to play and is left as it was.
"""

import datetime
import mimetypes
import os

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import migrations

from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation

from broadcasts.probing import probe

# MigrateStreamData converts every revision created from this moment on, besides the live and latest ones.
ONLY_LIVE_AND_LATEST_REVISIONS = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


class MediaDocumentsToItems(BaseBlockOperation):
    """Applied to a body (the top-level stream): its old media blocks become blocks choosing a media item."""

    def __init__(self, apps):
        super().__init__()
        self.apps = apps
        self.items = {}

    @property
    def operation_name_fragment(self):
        return "media_documents_to_items"

    def apply(self, block_value):
        return [self.converted(child) if child["type"] == "media" else child for child in block_value]

    def converted(self, child):
        value = child["value"]
        if "file" not in value:
            return child
        document = self.apps.get_model("wagtaildocs", "Document").objects.filter(pk=value["file"]).first()
        if document is None:
            return child
        item = self.item_for(document, value.get("kind") or "audio", value.get("caption") or "", value)
        # The caption became the item's title, which the player shows: kept in the block, it would show twice.
        return {**child, "value": {"item": item.pk, "caption": ""}}

    def item_for(self, document, kind, caption, value):
        title = caption or document.title
        transcript = value.get("transcript") or ""
        key = (document.pk, kind, title, transcript)
        if key not in self.items:
            self.items[key] = self.new_item(document, kind, title, transcript)
        return self.items[key]

    def new_item(self, document, kind, title, transcript):
        media_item = self.apps.get_model("broadcasts", "MediaItem")
        name = os.path.basename(document.file.name)
        item = media_item(
            title=title[:255],
            type=kind,
            transcript=transcript,
            collection_id=document.collection_id,
            mime_type=mimetypes.guess_type(name)[0] or "",
        )
        with document.file.open("rb") as source:
            item.file.save(name, File(source), save=False)
        item.size = item.file.size
        facts = facts_of(item.file.path)
        if facts is not None:
            item.duration, item.width, item.height = facts.duration, facts.width, facts.height
            item.mime_type = facts.mime_type or item.mime_type
        item.save()
        return item


def facts_of(path):
    """What the file holds (broadcasts.probing); None for one an upload would refuse: the item keeps it, as the
    page did, with no duration."""
    try:
        return probe(path)
    except ValidationError:
        return None


def media_blocks_to_items(apps, schema_editor):
    conversion = MediaDocumentsToItems(apps)
    for model_name in ("ArticlePage", "PlainPage"):
        bodies = MigrateStreamData(
            app_name="newsroom",
            model_name=model_name,
            field_name="body",
            operations_and_block_paths=[(conversion, "")],
            revisions_from=ONLY_LIVE_AND_LATEST_REVISIONS,
        )
        bodies.migrate_stream_data_forward(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasts", "0001_initial"),
        ("newsroom", "0010_media_items_in_bodies"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    # Backwards, the items stay and the blocks keep choosing them: the documents they came from are untouched.
    operations = [migrations.RunPython(media_blocks_to_items, migrations.RunPython.noop)]
