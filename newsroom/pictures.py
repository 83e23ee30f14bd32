"""How the public pages show a picture: the uses of an image, each with its crop, widths and layout sizes, and the
renditions each needs in AVIF and WebP with a JPEG fallback.

Every template shows an image through one of these uses (`{% picture_for image "card" %}`), and renditions are made
for the same uses when an image is saved or a page is published (newsroom.picture_renditions), so that a reader's
request finds them made.
"""

import html
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture

# The browser takes the first format it reads; JPEG is the <img> every browser shows.
FORMATS = ("avif", "webp", "jpeg")


@dataclass(frozen=True)
class PictureUse:
    """One way of showing an image. `resize` is a Wagtail filter with `{w}` (and `{h}`) for each width."""

    resize: str
    widths: tuple
    # The width the picture takes in the layout, for the browser to choose among the widths (<img sizes>).
    sizes: str
    # Height over width of the crop, for `fill` filters.
    ratio: float = 0
    # A use read by other programs than browsers (a crawler, a share preview) takes the one format they all read.
    formats: tuple = FORMATS

    def filter_spec(self, width, image_format):
        height = round(width * self.ratio)
        return f"{self.resize.format(w=width, h=height)}|format-{image_format}"

    @cached_property
    def filter_specs(self):
        return [
            self.filter_spec(width, image_format) for image_format in self.formats for width in self.widths
        ]

    @cached_property
    def filters(self):
        """Wagtail's filters of `filter_specs`, made once: a filter checks the arguments of its operations when
        first used, which each picture of a page would otherwise pay for again, a dozen times a picture."""
        return [Filter(spec) for spec in self.filter_specs]


PICTURE_USES = {
    # A listing's card: 16:9, a third of a desktop row, the whole width of a phone.
    "card": PictureUse(
        "fill-{w}x{h}-c75", (360, 720), "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw", 9 / 16
    ),
    # The lead picture of an article, profile, movement, contest or anniversary column, a home page's lead, and
    # a picture in an article's text (as wide as its lead: the same renditions serve both).
    "lead": PictureUse("width-{w}", (480, 960, 1440), "(min-width: 46rem) 44rem, 100vw"),
    # A photo story's or a profile's gallery: whole photos, portrait ones too, one screen wide.
    "gallery": PictureUse("max-{w}x{w}", (640, 1280), "(min-width: 66rem) 64rem, 100vw"),
    # A person's or unit's picture beside their name: 4:5.
    "portrait": PictureUse("fill-{w}x{h}-c75", (200, 400), "(min-width: 40rem) 12rem, 40vw", 5 / 4),
    # A programme's cover beside its name, square as podcast apps show it.
    "cover": PictureUse("fill-{w}x{h}-c75", (240, 480), "(min-width: 40rem) 10rem, 7rem", 1),
    # A page's picture where a link to it is shared (Open Graph: 1.91:1, as Facebook and Zalo show it) and for
    # search engines (JSON-LD); never shown on the page.
    "social": PictureUse("fill-{w}x{h}-c75", (1200,), "", 630 / 1200, formats=("jpeg",)),
    # An outlet's logo for search engines: whole, PNG to keep a transparent background.
    "logo": PictureUse("max-{w}x{w}", (512,), "", formats=("png",)),
}


# A video's poster: <video poster> takes a single address, so one JPEG, 16:9 and as wide as a player grows.
POSTER_FILTER_SPEC = "fill-1280x720-c75|format-jpeg"


def poster_url(image):
    """The address of `image` as a video's poster."""
    return image.get_rendition(POSTER_FILTER_SPEC).url


def single_rendition(image, use):
    """The one rendition of `image` for a use of one width and one format ("social", "logo")."""
    (filter_spec,) = PICTURE_USES[use].filter_specs
    return image.get_rendition(filter_spec)


def html_text(value):
    """What Django's `conditional_escape` makes of an attribute's name or value, without its lazy wrappers for the
    plain strings and numbers that make up nearly all of them: Django's `escape` is the stdlib's of `str`."""
    if type(value) is str:
        return html.escape(value)
    if type(value) is int:
        return str(value)
    return conditional_escape(value)


def html_attributes(attrs):
    """What Django's `flatatt` writes of `attrs`, at a fraction of its cost: ` name="value"` in the order of the
    names, then the names of the attributes set to True, in order too; None and False leave theirs out."""
    valued = []
    bare = []
    for name, value in sorted(attrs.items()):
        if isinstance(value, bool):
            if value:
                bare.append(f" {html_text(name)}")
        elif value is not None:
            valued.append(f' {html_text(name)}="{html_text(value)}"')
    return "".join(valued) + "".join(bare)


class DirectlyWrittenPicture(Picture):
    """Wagtail's `Picture`, its markup written byte for byte as Wagtail writes it, but without Django's `flatatt`
    and `format_html` and with each rendition's address (a storage `url`, a URL join) asked for once: a page shows
    some thirty pictures of six renditions each. Wagtail's `Picture.__html__` writes the <source> of each format
    but the fallback one, in `source_format_order`, then the fallback's <img> (`AbstractRendition.img_tag`);
    `ResponsiveImage.__html__` writes the <img> alone when there is a single format."""

    def __html__(self):
        if not self.formats:
            return mark_safe(f"<picture>{self.img_tag(self.renditions)}</picture>")
        fallback_format = self.get_fallback_format()
        sources = "".join(
            self.source_tag(self.formats[image_format.name], image_format.mime_type)
            for image_format in self.source_format_order
            if image_format.name != fallback_format and image_format.name in self.formats
        )
        fallback = self.img_tag(self.formats[fallback_format])
        return mark_safe(f"<picture>{sources}{fallback}</picture>")

    def source_tag(self, renditions, mime_type):
        urls = [rendition.url for rendition in renditions]
        attrs = {
            "srcset": width_srcset(renditions, urls),
            "sizes": (self.attrs or {}).get("sizes"),
            "type": mime_type,
        }
        return f"<source{html_attributes(attrs)}>"

    def img_tag(self, renditions):
        """The <img> of the first of `renditions` as `AbstractRendition.img_tag` writes it, with this picture's
        attributes and, for more than one rendition, their srcset."""
        first = renditions[0]
        urls = [rendition.url for rendition in renditions]
        attrs = {
            # AbstractRendition.attrs_dict
            "src": urls[0],
            "width": first.width,
            "height": first.height,
            "alt": first.alt,
            **apps.get_app_config("wagtailimages").default_attrs,
            **(self.attrs or {}),
        }
        if len(renditions) > 1:
            attrs["srcset"] = width_srcset(renditions, urls)
        return f"<img{html_attributes(attrs)}>"


def width_srcset(renditions, urls):
    """Wagtail's `ResponsiveImage.get_width_srcset` of `renditions` at their addresses `urls`."""
    if len(renditions) == 1:
        return urls[0]
    return ", ".join(f"{url} {rendition.width}w" for url, rendition in zip(urls, renditions, strict=True))


def picture(image, use, *, eager=False, css_class="", sizes=""):
    """The <picture> of `image` for `use`, its <img> with alt text, width and height (nothing shifts while it
    loads) and lazy loading unless the picture is at the top of the page (`eager`). `sizes` replaces the use's
    layout width where a page shows the use's renditions smaller (a thumbnail of a card)."""
    picture_use = PICTURE_USES[use]
    renditions = image.get_renditions(*picture_use.filters)
    attrs = {
        "sizes": sizes or picture_use.sizes,
        "decoding": "async",
        "loading": "eager" if eager else "lazy",
    }
    if eager:
        attrs["fetchpriority"] = "high"
    if css_class:
        attrs["class"] = css_class
    return DirectlyWrittenPicture(renditions, attrs)


def listing_images(*uses, more_uses=None):
    """Images with their renditions for `uses` prefetched: a listing of any length reads them in one query.
    `more_uses` ({use: image keys}) adds the renditions of other uses for some of the images to the same query:
    a home page shows its lead story larger than its cards."""
    specs = [spec for use in uses for spec in PICTURE_USES[use].filter_specs]
    wanted = Q(filter_spec__in=specs)
    for use, image_keys in (more_uses or {}).items():
        wanted |= Q(image_id__in=image_keys, filter_spec__in=PICTURE_USES[use].filter_specs)
    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects.filter(wanted)
    # As Wagtail's ImageQuerySet.prefetch_renditions, whose attribute Image.get_renditions reads.
    return image_model.objects.prefetch_related(
        Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
