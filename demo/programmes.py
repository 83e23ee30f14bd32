"""The station's programmes in the demo (data/broadcasts.json): "Gương sáng giữa đời thường", in Vietnamese, and
"Bản tin tiếng Anh", in English, a language the demo adds as a station would. (espeak-ng, which speaks the demo's
audio, has no Ê Đê or M'nông voice, and the demo writes no text in those languages.)

Each episode is a media item whose file, and captions for a video, are copied from media/ (demo.make_media made
them) into the items' private storage, with the duration, size and type media/media.json gives, so that loading
needs no ffprobe. Episodes are dated from the load, as the recent stories are (demo.dating): a day to a few weeks
before it. The station's articles about an episode play it at their top.

A programme is found again by its title under the index, an episode by its title in its programme: loading the
demo again adds nothing and copies no file.
"""

import json
from pathlib import Path

from django.core.files import File

from broadcasts.models import MediaItem, ProgrammePage
from broadcasts.setup import ensure_programme_index
from newsroom.models import ArticlePage, Language

from .data import read_json
from .dating import add_published_child, days_before, publish_as_of

DATA_FILE = "broadcasts.json"
MEDIA_DIR = Path(__file__).parent / "media"
MANIFEST = MEDIA_DIR / "media.json"
# When the programmes' pages were published, on their first day.
PROGRAMME_CLOCK = "08:00"


def load_programmes(station_home, pictures, today):
    """The programmes and their episodes under the station's index; `pictures` from demo.pictures.ensure_pictures."""
    data = read_json(DATA_FILE)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    languages = ensure_languages(data["languages"])
    index = ensure_programme_index(station_home)
    if index.cover_id is None:
        index.cover = pictures[data["index"]["cover"]]
        publish_as_of(index, index.last_published_at)
    for spec in data["programmes"]:
        programme = ensure_programme(index, spec, pictures, languages.get(spec.get("language")), today)
        for episode in spec["episodes"]:
            item = ensure_episode(programme, episode, manifest[episode["file"]], pictures, today)
            if "article" in episode:
                play_in_article(item, episode["article"], episode["caption"])


def ensure_languages(specs):
    """{code: Language} of the languages the demo adds."""
    return {
        spec["code"]: Language.objects.get_or_create(code=spec["code"], defaults={"name": spec["name"]})[0]
        for spec in specs
    }


def ensure_programme(index, spec, pictures, language, today):
    existing = ProgrammePage.objects.child_of(index).filter(title=spec["title"]).first()
    if existing:
        return existing
    programme = ProgrammePage(
        title=spec["title"],
        intro=spec["intro"],
        schedule=spec["schedule"],
        cover=pictures[spec["cover"]],
        language=language,
        podcast_category=spec["podcast_category"],
    )
    return add_published_child(index, programme, days_before(today, spec["days_before"], PROGRAMME_CLOCK))


def ensure_episode(programme, episode, facts, pictures, today):
    existing = MediaItem.objects.filter(programme=programme, title=episode["title"]).first()
    if existing:
        return existing
    item = MediaItem(
        title=episode["title"],
        type=facts["mime_type"].partition("/")[0],
        duration=facts["duration"],
        width=facts.get("width"),
        height=facts.get("height"),
        size=facts["size"],
        mime_type=facts["mime_type"],
        programme=programme,
        language=programme.language,
        broadcast_at=days_before(today, episode["days_before"], episode["time"]),
        transcript="\n\n".join(episode["transcript"]),
        credits="\n".join(episode["credits"]),
        poster=pictures[episode["poster"]],
    )
    copy_file(item.file, episode["file"])
    if "captions" in episode:
        copy_file(item.captions, episode["captions"])
    item.save()
    return item


def copy_file(field_file, name):
    with (MEDIA_DIR / name).open("rb") as source:
        field_file.save(name, File(source), save=False)


def play_in_article(item, external_id, caption):
    """The article's body opens with the item's player, unless it plays something already; the article is
    published again as of its last publication, as demo.picture_uses does: adding the player is no news."""
    article = ArticlePage.objects.get(external_id=external_id, alias_of__isnull=True)
    blocks = [(block.block_type, block.value) for block in article.body]
    if any(block_type == "media" for block_type, _value in blocks):
        return
    article.body = [("media", {"item": item, "caption": caption}), *blocks]
    publish_as_of(article, article.last_published_at)
