"""What a link to a page shows where it is shared (Facebook, Zalo, X): the page's preview, told in the Open Graph and
Twitter card tags of its head (templates/components/head/social.html), and the share links under it.

Every page type of every app is previewed from what page types have in common: a title, a short description, a
picture, the canonical address. An app previews a route of its own (a programme's episode) through
SOCIAL_PREVIEW_HOOK, so the newsroom knows none of them.
"""

import html
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail import hooks
from wagtail.models import Page, Site

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import ArticlePage, OutletIdentity, TagIndexPage
from newsroom.pictures import single_rendition
from newsroom.templatetags.canonical import canonical_url

# Functions (page, request, context) returning the PagePreview of a route of theirs, and None for anything else.
SOCIAL_PREVIEW_HOOK = "newsroom_social_preview"
# Functions (page, request) returning the SharedImage a page without a picture of its own is shared with (posters:
# its share card), and None where they have none; the outlet's picture for shared links stands in after them.
SHARE_IMAGE_HOOK = "newsroom_share_image"

# The fields page types keep their picture and their short description in, whichever app defines them.
PICTURE_FIELDS = ("lead_image", "hero_image", "cover")
DESCRIPTION_FIELDS = ("standfirst", "summary", "theme", "tagline", "intro", "introduction", "goals")
# Facebook cuts a description at about 300 characters, Zalo and X sooner.
DESCRIPTION_LENGTH = 300
LOCALE = "vi_VN"
FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php"


@dataclass(frozen=True)
class SharedImage:
    """A rendition as a share preview declares it: its absolute address and its true size."""

    url: str
    width: int
    height: int
    alt: str
    type: str = "image/jpeg"


@dataclass
class PagePreview:
    page: Page
    title: str
    # The canonical address (templatetags.canonical): what is shared, whichever outlet's copy the reader is on.
    url: str
    description: str = ""
    # Open Graph's type: article, website, video.other.
    type: str = "website"
    # The image of the library the preview shows; the outlet's picture for shared links stands in for none.
    picture: object = None
    # Open Graph properties of the type (article:published_time…), as (property, content).
    type_properties: list = field(default_factory=list)
    # A route below the page (a programme's episode, a tag's articles): its breadcrumb trail passes the page.
    below_page: bool = False
    # Set by preview_for: the outlet's name and the picture's rendition.
    site_name: str = ""
    image: SharedImage | None = None

    @property
    def open_graph(self):
        properties = [
            ("og:type", self.type),
            ("og:title", self.title),
            ("og:url", self.url),
            ("og:site_name", self.site_name),
            ("og:locale", LOCALE),
        ]
        if self.description:
            properties.append(("og:description", self.description))
        if self.image:
            properties += [
                ("og:image", self.image.url),
                ("og:image:type", self.image.type),
                ("og:image:width", str(self.image.width)),
                ("og:image:height", str(self.image.height)),
                ("og:image:alt", self.image.alt),
            ]
        return properties + self.type_properties

    @property
    def twitter_card(self):
        """X reads the title, description and image from Open Graph; the card's kind and the alt text it does not."""
        if not self.image:
            return [("twitter:card", "summary")]
        return [("twitter:card", "summary_large_image"), ("twitter:image:alt", self.image.alt)]

    @property
    def facebook_share_url(self):
        return f"{FACEBOOK_SHARER}?{urlencode({'u': self.url})}"


def preview_for(context):
    """The preview of the page a template renders, or None where it renders no page (an error page). Worked out
    once a request: the head and the share links both read it."""
    page, request = context.get("page"), context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    previews = request.__dict__.setdefault("_page_previews", {})
    if page.pk not in previews:
        previews[page.pk] = _preview(page, request, context)
    return previews[page.pk]


def _preview(page, request, context):
    from_hooks = (preview_of(page, request, context) for preview_of in hooks.get_hooks(SOCIAL_PREVIEW_HOOK))
    preview = next(filter(None, from_hooks), None) or default_preview(page, context)
    identity = OutletIdentity.for_request(request)
    preview.site_name = identity.full_name or Site.find_for_request(request).site_name
    preview.image = preview_image(preview, identity, request)
    return preview


def preview_image(preview, identity, request):
    """The page's own picture, else the image an app made for sharing the page, else the outlet's picture."""
    if preview.picture:
        return shared_image(preview.picture, request)
    if not preview.below_page:
        made_for_sharing = (image_of(preview.page, request) for image_of in hooks.get_hooks(SHARE_IMAGE_HOOK))
        image = next(filter(None, made_for_sharing), None)
        if image:
            return image
    return shared_image(identity.share_image, request) if identity.share_image else None


def default_preview(page, context):
    if isinstance(page, ArticlePage):
        return article_preview(page, context)
    tag = context.get("tag")
    if isinstance(page, TagIndexPage) and tag is not None:
        return PagePreview(page, f"Thẻ: {tag.name}", canonical_url(context), below_page=True)
    return PagePreview(
        page,
        page.seo_title or page.title,
        canonical_url(context),
        description=page_description(page),
        picture=page_picture(page),
    )


def article_preview(article, context):
    return PagePreview(
        article,
        article.seo_title or article.title,
        canonical_url(context),
        description=page_description(article),
        type="article",
        picture=page_picture(article),
        type_properties=article_properties(article),
    )


def article_properties(article):
    properties = [
        ("article:published_time", local_iso(article.publication_date)),
        ("article:modified_time", local_iso(modified_at(article))),
        ("article:section", article.get_parent().title),
    ]
    return properties + [("article:tag", tag.name) for tag in article.tags.all()]


def page_description(page):
    """The page's description for search engines, else its first short text (standfirst, summary…), as plain
    text of a length every app shows."""
    texts = [page.search_description, *(getattr(page, name, "") for name in DESCRIPTION_FIELDS)]
    text = next((str(text) for text in texts if text), "")
    plain = " ".join(html.unescape(strip_tags(text)).split())
    return Truncator(plain).chars(DESCRIPTION_LENGTH)


def page_picture(page):
    """The picture that stands for the page: its own (lead, hero or cover picture), else for a story the poster
    of its first video on the air."""
    for name in PICTURE_FIELDS:
        picture = getattr(page, name, None)
        if picture is not None:
            return picture
    if isinstance(page, ArticlePage):
        return first_video_poster(page.body)
    return None


def first_video_poster(body):
    for block in body:
        if block.block_type != "media":
            continue
        item = block.value["item"]
        if item is not None and item.is_video and item.poster_id and item.is_on_air():
            return item.poster
    return None


def shared_image(picture, request):
    rendition = single_rendition(picture, "social")
    return SharedImage(
        request.build_absolute_uri(rendition.url), rendition.width, rendition.height, picture.default_alt_text
    )


def modified_at(article):
    """When the article last changed as readers see it; never before the date it carries."""
    published = article.last_published_at or article.publication_date
    return max(published, article.publication_date)


def local_iso(moment):
    """An instant in ISO 8601 on the province's clock, with its offset: 2025-03-10T08:00:00+07:00."""
    return timezone.localtime(moment, LOCAL_TIME_ZONE).isoformat(timespec="seconds")
