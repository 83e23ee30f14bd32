"""Renditions are made when an image is saved and when a page is published, for the uses it is shown with there
(newsroom.page_images), so that no reader waits for an image to be resized: the request that finds a rendition
missing (an image shown in a way nobody published yet) makes it once, as Wagtail does.

The work is a task (django-tasks, as Wagtail's own): run at once by the default backend, in a worker by a
database or Redis backend.
"""

from django_tasks import task

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.signals import page_published

from newsroom.models import OutletIdentity
from newsroom.page_images import LEAD_USES, images_on
from newsroom.pictures import PICTURE_USES
from newsroom.social_previews import page_picture


@task()
def make_renditions(image_pk, uses):
    image = get_image_model().objects.filter(pk=image_pk).first()
    if image is None:
        return
    image.get_renditions(*[spec for use in uses for spec in PICTURE_USES[use].filter_specs])


def make_renditions_after_commit(image, uses):
    transaction.on_commit(lambda: make_renditions.enqueue(image.pk, list(uses)))


@receiver(post_save, sender=get_image_model(), dispatch_uid="newsroom_image_renditions")
def make_an_images_usual_renditions(sender, instance, raw=False, **kwargs):
    # Any image may become a page's lead picture; fixtures (raw) load renditions of their own, if any.
    if not raw:
        make_renditions_after_commit(instance, LEAD_USES)


@receiver(page_published, dispatch_uid="newsroom_page_renditions")
def make_a_pages_renditions(sender, instance, **kwargs):
    page = instance.specific
    uses_by_image = {}
    for image, uses in images_on(page):
        uses_by_image.setdefault(image.pk, (image, set()))[1].update(uses)
    # The picture a link to the page is shared with (newsroom.social_previews).
    shared = page_picture(page)
    if shared is not None:
        uses_by_image.setdefault(shared.pk, (shared, set()))[1].add("social")
    for image, uses in uses_by_image.values():
        make_renditions_after_commit(image, sorted(uses))


@receiver(post_save, sender=OutletIdentity, dispatch_uid="newsroom_outlet_identity_renditions")
def make_an_outlets_renditions(sender, instance, raw=False, **kwargs):
    """The outlet's logo for search engines, and the picture its pages without one are shared with."""
    if raw:
        return
    if instance.logo_id:
        make_renditions_after_commit(instance.logo, ["logo"])
    if instance.share_image_id:
        make_renditions_after_commit(instance.share_image, ["social"])
