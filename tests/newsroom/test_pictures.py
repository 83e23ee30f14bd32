"""Pictures as readers get them: responsive renditions in modern formats made before anyone asks, alt texts that
are required, captions and credits, galleries without script; and the images of before, kept by the migration."""

import re

import pytest
from PIL import Image as PillowImage

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.safestring import mark_safe

from wagtail.images import get_image_model
from wagtail.images.models import Picture
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.public_storage import PublicMediaStorage
from newsroom.image_encoding import AVIF_SPEED
from newsroom.models import ArticlePage
from newsroom.pictures import PICTURE_USES, DirectlyWrittenPicture, picture
from tests.conftest import LARGE_PHOTO, SMALL_PICTURE

ALT = "Già làng Y Khu đứng trước nhà dài của buôn Kô Sier"


def specs_of(*uses):
    return {spec for use in uses for spec in PICTURE_USES[use].filter_specs}


def made_specs(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets["newspaper"], "Gương người tốt việc tốt")


def gallery_body(*images):
    return [
        (
            "gallery",
            [
                {"image": image, "caption": f"Ảnh {number}", "credit": ""}
                for number, image in enumerate(images, 1)
            ],
        )
    ]


def test_a_card_offers_avif_and_webp_in_two_widths_over_a_sized_lazy_jpeg(
    client, column, make_article, make_image
):
    image = make_image(description=ALT, size=LARGE_PHOTO)
    make_article(column, "Cứu người đuối nước", lead_image=image)
    html = client.get(column.url).content.decode()

    (picture,) = re.findall(r"<picture>.*?</picture>", html, re.DOTALL)
    for image_format in ("avif", "webp"):
        source = re.search(rf'<source [^>]*type="image/{image_format}"[^>]*>', picture).group()
        assert re.search(rf'srcset="[^" ]+\.{image_format} 360w, [^" ]+\.{image_format} 720w"', source)
        assert 'sizes="(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw"' in source
    img = re.search(r"<img [^>]+>", picture).group()
    assert picture.index("image/avif") < picture.index("image/webp") < picture.index("<img")
    assert f'alt="{ALT}"' in img
    assert 'width="360"' in img and 'height="202"' in img  # nothing shifts while it loads
    assert 'loading="lazy"' in img and ".jpg 720w" in img
    assert "anh.jpg" not in html  # the 1600 px original is never sent to a listing


def test_an_articles_lead_picture_loads_first_with_its_caption_and_credit(
    client, column, make_article, make_image
):
    image = make_image(
        description=ALT, caption="Già làng Y Khu bên nhà dài.", credit="Ảnh: Hữu Hùng", size=LARGE_PHOTO
    )
    article = make_article(column, "Già làng giữ rừng", lead_image=image)
    html = client.get(article.url).content.decode()

    figure = re.search(r'<figure class="figure figure--lead">.*?</figure>', html, re.DOTALL).group()
    assert 'loading="eager"' in figure and 'fetchpriority="high"' in figure
    assert ".jpg 1440w" in figure
    assert (
        '<figcaption>Già làng Y Khu bên nhà dài. <span class="figure__credit">Ảnh: Hữu Hùng</span></figcaption>'
        in figure
    )


def test_a_picture_in_the_text_takes_the_caption_the_page_gives_it(client, column, make_article, make_image):
    image = make_image(caption="Chú thích của thư viện ảnh")
    body = [("image", {"image": image, "caption": "Chú thích của bài", "credit": "Ảnh: Thu Hà"})]
    article = make_article(column, "Bài có ảnh", body=body)
    html = client.get(article.url).content.decode()
    assert "Chú thích của bài" in html and "Ảnh: Thu Hà" in html
    assert "Chú thích của thư viện ảnh" not in html
    assert 'loading="lazy"' in html


def test_a_photo_story_is_a_gallery_read_without_script(client, column, make_article, make_image):
    photos = [make_image(f"Ảnh {number}", description=f"Cồng chiêng, ảnh {number}") for number in (1, 2, 3)]
    story = make_article(
        column, "Chùm ảnh: Lễ hội cà phê", kind=ArticlePage.Kind.PHOTO, body=gallery_body(*photos)
    )
    html = client.get(story.url).content.decode()

    gallery = re.search(r'<section class="gallery".*?</section>', html, re.DOTALL).group()
    assert 'aria-label="Chùm ảnh (3 ảnh)"' in gallery
    assert 'tabindex="0"' in gallery  # the strip scrolls with the arrow keys once focused
    slide_ids = re.findall(r'<li class="gallery__slide" id="([^"]+)">', gallery)
    assert len(slide_ids) == 3
    assert re.findall(r'<a href="#([^"]+)" aria-label="Ảnh \d">', gallery) == slide_ids
    assert [f"{number}/3" for number in (1, 2, 3)] == re.findall(r'gallery__count">(\d/3)<', gallery)
    assert [f"Cồng chiêng, ảnh {number}" for number in (1, 2, 3)] == re.findall(r'alt="([^"]+)"', gallery)
    assert "<script" not in gallery
    assert "figure--lead" not in html  # the gallery opens the story; its lead picture is for the cards


def test_renditions_are_made_when_an_image_is_saved_and_when_a_page_is_published(
    client, column, make_article, make_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lead = make_image("Ảnh chính")
        photo = make_image("Ảnh trong chùm")
    assert made_specs(lead) == specs_of("card", "lead")

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(column, "Chùm ảnh", lead_image=lead, body=gallery_body(photo))
    assert specs_of("gallery") <= made_specs(photo)

    rendition_model = get_image_model().get_rendition_model()
    before = rendition_model.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
        assert client.get(column.url).status_code == 200
    assert rendition_model.objects.count() == before
    assert not [
        query for query in queries if query["sql"].startswith("INSERT")
    ]  # a reader waits for no resizing


def article_form(image, publish):
    data = nested_form_data(
        {
            "title": "Người giữ rừng",
            "slug": "nguoi-giu-rung",
            "kind": "article",
            "lead_image": image.pk,
            "body": streamfield([("paragraph", rich_text("<p>Ba mươi năm giữ rừng.</p>"))]),
            "publication_date": "2025-03-10 08:00:00",
            "exemplar_links": inline_formset([]),
            "movement_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_a_page_is_not_published_with_a_picture_that_has_no_alt_text(admin_client, column, make_image):
    image = make_image("Ảnh tải lên hàng loạt", description="")
    add_url = reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", column.pk))

    response = admin_client.post(add_url, article_form(image, publish=True))
    assert response.status_code == 200
    assert "“Ảnh tải lên hàng loạt”" in " ".join(response.context["form"].non_field_errors())
    assert not ArticlePage.objects.filter(slug="nguoi-giu-rung").exists()

    response = admin_client.post(add_url, article_form(image, publish=False))  # a draft may wait for it
    assert response.status_code == 302
    assert not ArticlePage.objects.get(slug="nguoi-giu-rung").live


def test_the_image_library_refuses_an_image_without_alt_text(admin_client, make_image):
    image = make_image("Lễ tuyên dương", caption="Cũ", credit="Cũ")
    data = {
        "title": "Lễ tuyên dương",
        "description": "  ",
        "caption": "Mới",
        "credit": "Ảnh: Thu Hà",
        "tags": "",
    }
    response = admin_client.post(reverse("wagtailimages:edit", args=(image.pk,)), data)
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    image.refresh_from_db()
    assert (image.caption, image.credit) == ("Cũ", "Cũ")  # nothing half-saved

    data["description"] = "Chủ tịch UBND tỉnh trao bằng khen cho các điển hình tiên tiến"
    assert admin_client.post(reverse("wagtailimages:edit", args=(image.pk,)), data).status_code == 302
    image.refresh_from_db()
    assert (image.description, image.caption, image.credit) == (data["description"], "Mới", "Ảnh: Thu Hà")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_wagtails_images_under_their_ids_with_an_alt_text(every_migration_applied_again):
    before = [("newsroom", "0004_publication_date_range"), ("exemplars", "0006_two_level_localities")]
    after = [("newsroom", "0005_images_with_alt_text_caption_and_credit")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_image = old_apps.get_model("wagtailimages", "Image")
    collection = old_apps.get_model("wagtailcore", "Collection").objects.first()
    described = old_image.objects.create(
        title="Nhà dài",
        description="Nhà dài Ê Đê ở buôn Akô Dhông",
        file="original_images/nha-dai.jpg",
        width=1600,
        height=900,
        collection_id=collection.pk,
    )
    untitled = old_image.objects.create(
        title="Cồng chiêng",
        file="original_images/cong-chieng.jpg",
        width=800,
        height=600,
        collection_id=collection.pk,
    )

    try:
        MigrationExecutor(connection).migrate(after)
        images = get_image_model().objects.in_bulk([described.pk, untitled.pk])
        (new,) = get_image_model().objects.bulk_create(
            [get_image_model()(title="Mới", description="Mới", file="moi.jpg", width=1, height=1)]
        )
    finally:
        every_migration_applied_again()
    assert images[described.pk].description == "Nhà dài Ê Đê ở buôn Akô Dhông"
    assert images[untitled.pk].description == "Cồng chiêng"  # the title, until an editor writes better
    assert images[described.pk].file.name == "original_images/nha-dai.jpg"
    assert new.pk > untitled.pk  # the id sequence follows the copied rows


def test_avif_renditions_are_encoded_at_the_faster_speed(make_image, monkeypatch):
    image = make_image("Cánh đồng lúa", size=(800, 450))
    speeds = []
    PillowImage.init()  # Pillow registers its writers when first asked for one
    pillow_avif_save = PillowImage.SAVE["AVIF"]

    def spy(im, fp, filename):
        speeds.append(im.encoderinfo.get("speed"))
        return pillow_avif_save(im, fp, filename)

    monkeypatch.setitem(PillowImage.SAVE, "AVIF", spy)
    renditions = image.get_renditions(*PICTURE_USES["card"].filter_specs)
    assert speeds == [AVIF_SPEED, AVIF_SPEED]
    assert sum(spec.endswith("format-avif") for spec in renditions) == 2


def wagtails_markup(image, filter_specs, attrs):
    """The <picture> Wagtail's own Picture writes of these renditions and attributes (it adds the srcset to the
    dict it is given, so it gets a copy)."""
    return str(Picture(image.get_renditions(*filter_specs), dict(attrs)))


def wagtails_markup_for(image, use, **options):
    ours = picture(image, use, **options)
    return wagtails_markup(image, PICTURE_USES[use].filter_specs, ours.attrs)


@pytest.mark.parametrize(
    "use, size, options",
    [
        ("card", LARGE_PHOTO, {"css_class": "card__image"}),
        ("lead", LARGE_PHOTO, {"eager": True}),
        ("portrait", SMALL_PICTURE, {"css_class": "spotlight__picture"}),
        ("social", LARGE_PHOTO, {}),  # a single JPEG: an <img> without srcset
        ("logo", SMALL_PICTURE, {}),  # a single PNG
    ],
    ids=["card", "lead", "portrait", "social", "logo"],
)
def test_a_picture_is_written_byte_for_byte_as_wagtail_writes_it(make_image, use, size, options):
    image = make_image(description=ALT, size=size)
    assert str(picture(image, use, **options)) == wagtails_markup_for(image, use, **options)


def test_an_alt_text_with_quotes_brackets_and_ampersands_is_escaped_as_wagtail_escapes_it(make_image):
    image = make_image(description='Bà Hơ "Vỹ" <trái> & Y Khu ở buôn Kô Sier', size=LARGE_PHOTO)
    markup = str(picture(image, "card", css_class="card__image"))
    assert 'alt="Bà Hơ &quot;Vỹ&quot; &lt;trái&gt; &amp; Y Khu ở buôn Kô Sier"' in markup
    assert markup == wagtails_markup_for(image, "card", css_class="card__image")


def test_the_title_standing_in_for_a_missing_alt_text_is_escaped_as_wagtail_escapes_it(make_image):
    image = make_image('Lễ "mừng lúa mới" <Ê Đê> & M\'Nông', description="")
    markup = str(picture(image, "portrait"))
    assert 'alt="Lễ &quot;mừng lúa mới&quot; &lt;Ê Đê&gt; &amp; M&#x27;Nông"' in markup
    assert markup == wagtails_markup_for(image, "portrait")


def test_a_class_and_sizes_given_by_the_page_are_escaped_in_the_sources_and_the_img_alike(make_image):
    image = make_image(size=LARGE_PHOTO)
    options = {"css_class": 'thẻ "nổi bật" <x> & y', "sizes": '(min-width: 40rem) 8rem, 30vw" & <'}
    markup = str(picture(image, "card", **options))
    assert (
        markup.count('sizes="(min-width: 40rem) 8rem, 30vw&quot; &amp; &lt;"') == 3
    )  # two <source>, the <img>
    assert markup == wagtails_markup_for(image, "card", **options)


@pytest.mark.parametrize(
    "filter_specs",
    [
        ["width-320|format-jpeg", "width-640|format-jpeg"],  # one format: an <img> with its srcset
        [
            "width-320|format-avif",
            "width-320|format-jpeg",
            "width-640|format-jpeg",
        ],  # a source of one address
        ["width-320|format-webp", "width-320|format-png"],  # PNG is the fallback
        ["width-320|format-avif", "width-320|format-webp", "width-640|format-webp"],  # without JPEG, WebP is
        ["width-320"],  # no format asked for: the original's
    ],
    ids=["jpeg-only", "one-avif", "png-fallback", "webp-fallback", "no-format"],
)
def test_wagtails_choice_of_sources_and_fallback_is_kept(make_image, filter_specs):
    image = make_image()
    attrs = {"sizes": "50vw", "loading": "lazy"}
    ours = DirectlyWrittenPicture(image.get_renditions(*filter_specs), dict(attrs))
    assert str(ours) == wagtails_markup(image, filter_specs, attrs)


def test_attributes_set_to_true_none_false_or_given_as_html_are_written_as_wagtail_writes_them(make_image):
    image = make_image()
    attrs = {
        "hidden": True,
        "inert": True,
        "title": None,
        "draggable": False,
        "data-note": mark_safe("&amp;"),
    }
    ours = DirectlyWrittenPicture(image.get_renditions(*PICTURE_USES["portrait"].filter_specs), dict(attrs))
    assert str(ours) == wagtails_markup(image, PICTURE_USES["portrait"].filter_specs, attrs)


def test_a_picture_keeps_wagtails_renditions_grouped_by_format_for_templates(make_image):
    image = make_image()
    card = picture(image, "card")
    assert isinstance(card, Picture)
    assert list(card.formats) == ["avif", "webp", "jpeg"]
    assert [rendition.filter_spec for rendition in card.renditions] == PICTURE_USES["card"].filter_specs


def test_the_picture_for_tag_writes_what_wagtail_writes(make_image):
    image = make_image(description='Ông "Ama" Khăm & <các> cháu', size=LARGE_PHOTO)
    template = Template('{% load pictures %}{% picture_for image "card" css_class="card__image" %}')
    expected = wagtails_markup_for(image, "card", css_class="card__image")
    assert template.render(Context({"image": image})) == expected


def test_each_renditions_address_is_asked_of_the_storage_once(make_image, monkeypatch):
    image = make_image()
    card = picture(image, "card")
    storage_url = PublicMediaStorage.url
    names = []

    def spy(storage, name):
        names.append(name)
        return storage_url(storage, name)

    monkeypatch.setattr(PublicMediaStorage, "url", spy)
    str(card)
    assert sorted(names) == sorted(rendition.file.name for rendition in card.renditions)
