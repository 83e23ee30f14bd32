"""Where the demo's pictures are shown (data/pictures.json): the lead picture of about two articles in three
(listings show cards with and without one), a gallery on every photo story, a picture within the text of a
few articles, a portrait on each person's profile and a picture of the collective or household at work on the
others', the movements', the contests' and the special anniversary column's pictures, and a few bylines'
photos.

A page gets the pictures it lacks and is published again as of its last publication, like the demo's other
bookkeeping (demo.dating): illustrating the demo is no news. A page that has a picture keeps it, the one an
editor chose since included, so loading the demo again changes nothing.
"""

from contests.models import ContestPage
from exemplars.models import ExemplarPage, MovementPage
from newsroom.models import ArticlePage, Author, CampaignPage

from .data import read_json
from .dating import publish_as_of
from .pictures import DATA_FILE


def show_pictures(pictures):
    """Put `pictures` ({key: image}, demo.pictures.ensure_pictures) where the data file shows them."""
    data = read_json(DATA_FILE)
    illustrate_articles(pictures, data)
    for model, field, titles in (
        (ExemplarPage, "lead_image", data["profiles"]),
        (MovementPage, "lead_image", data["movements"]),
        (ContestPage, "lead_image", data["contests"]),
        (CampaignPage, "hero_image", data["campaigns"]),
    ):
        for title, key in titles.items():
            page = model.objects.get(title=title, alias_of__isnull=True)
            if getattr(page, f"{field}_id") is None:
                setattr(page, field, pictures[key])
                publish_as_of(page, page.last_published_at)
    for name, key in data["authors"].items():
        Author.objects.filter(name=name, photo__isnull=True).update(photo=pictures[key])


def illustrate_articles(pictures, data):
    leads, galleries, body_images = data["lead_images"], data["galleries"], data["body_images"]
    articles = ArticlePage.objects.filter(
        external_id__in=[*leads, *galleries, *body_images], alias_of__isnull=True
    )
    for article in articles:
        key = article.external_id
        changed = False
        if key in leads and article.lead_image_id is None:
            article.lead_image = pictures[leads[key]]
            changed = True
        if key in galleries and not has_block(article, "gallery"):
            photos = [captioned(pictures[image_key], caption) for image_key, caption in galleries[key]]
            article.body = [*blocks(article), ("gallery", photos)]
            changed = True
        if key in body_images and not has_block(article, "image"):
            image_key, caption = body_images[key]
            article.body = after_first_paragraph(article, ("image", captioned(pictures[image_key], caption)))
            changed = True
        if changed:
            publish_as_of(article, article.last_published_at)


def captioned(image, caption):
    """A CaptionedImageBlock's value: the page's own caption; the credit is the image's."""
    return {"image": image, "caption": caption, "credit": ""}


def blocks(page):
    return [(block.block_type, block.value) for block in page.body]


def has_block(page, block_type):
    return any(block.block_type == block_type for block in page.body)


def after_first_paragraph(page, new_block):
    """The body with `new_block` after the text's first paragraph (<p>) rather than at its end."""
    (first_type, first_value), *rest = blocks(page)
    head, end, tail = first_value.source.partition("</p>")
    before = [(first_type, head + end), new_block]
    return before + ([(first_type, tail)] if tail.strip() else []) + rest
