"""The share cards of published pages (cards.py draws them): made on the scheduler's tick after a profile, a
movement or an anniversary column is published, kept in the public media for its Open Graph tags and for whoever
shares it, and deleted as soon as the page stops being public.

A tick, not the publishing request, makes them: drawing two cards with their photo takes a few tenths of a
second that an editor should not wait for, and a card that cannot be made (a broken photo) must never stop a
publication. A page whose cards are older than its last publication is due again. The cards are public media
because a social network fetches them without a session; so a page unpublished, deleted or put behind a view
restriction loses them at once (signals below), and every tick deletes those of pages that are no longer public
some other way (moved into a restricted section).
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished

from newsroom.social_previews import SharedImage

from .cards import CARD_SIZES, share_card
from .content import CONTENT_OF, poster_content
from .models import ShareCard

logger = logging.getLogger(__name__)

# A tick makes the cards of at most this many pages (about 0.2 s each), the newest publications first.
PAGES_PER_TICK = 20


def public_subject_pages():
    return Page.objects.live().public().type(*CONTENT_OF)


def pages_due():
    """Live, public subject pages without cards as recent as their last publication, newest published first."""
    current_cards = ShareCard.objects.filter(page=OuterRef("pk"), made_at__gte=OuterRef("last_published_at"))
    return public_subject_pages().exclude(Exists(current_cards)).order_by("-last_published_at", "pk")


def make_due_share_cards(limit=PAGES_PER_TICK):
    """The scheduler's work (newsroom.scheduler): delete the cards of pages no longer public, then make those
    due. Returns how many pages got their cards."""
    ShareCard.objects.exclude(page__in=public_subject_pages()).delete()
    made = 0
    for page in pages_due()[:limit]:
        try:
            make_share_cards(page.specific)
        except Exception:
            # One page's broken picture or text must not stop the others; it is tried again on the next tick.
            logger.exception("The share cards of page %s could not be made", page.pk)
        else:
            made += 1
    return made


def make_share_cards(page):
    """Draw the cards of a page of one of the kinds posters are made of, and keep them in place of its old ones."""
    content = poster_content(page)
    jpegs = {shape: share_card(content, shape).jpeg() for shape in CARD_SIZES}
    made_at = timezone.now()
    with transaction.atomic():
        for shape, jpeg in jpegs.items():
            keep_card(page, shape, jpeg, made_at)


def keep_card(page, shape, jpeg, made_at):
    card = ShareCard.objects.filter(page=page, shape=shape).first()
    if card is None:
        card = ShareCard(page=page, shape=shape)
    replaced = card.image.name
    # The content's digest in the name: a new card has a new address, which no cache holds the old one of.
    digest = hashlib.sha256(jpeg).hexdigest()[:16]
    card.image.save(f"{page.pk}-{shape}-{digest}.jpg", ContentFile(jpeg), save=False)
    card.width, card.height = CARD_SIZES[shape]
    card.made_at = made_at
    card.save()
    if replaced:
        delete_file_after_commit(card.image.storage, replaced)


def delete_file_after_commit(storage, name):
    transaction.on_commit(lambda: storage.delete(name))


def shared_card(page, request):
    """The wide card as the Open Graph image of a page without a picture of its own (newsroom.social_previews'
    SHARE_IMAGE_HOOK); None where it has none. Only the kinds of page that have posters have cards: any other
    is answered without a query."""
    if not issubclass(page.specific_class, tuple(CONTENT_OF)):
        return None
    card = ShareCard.objects.filter(page_id=page.pk, shape=ShareCard.Shape.WIDE).first()
    if card is None:
        return None
    return SharedImage(request.build_absolute_uri(card.image.url), card.width, card.height, page.title)


@receiver(post_delete, sender=ShareCard, dispatch_uid="posters_share_card_file")
def delete_a_cards_file(sender, instance, **kwargs):
    delete_file_after_commit(instance.image.storage, instance.image.name)


@receiver(page_unpublished, dispatch_uid="posters_unpublished_share_cards")
def delete_an_unpublished_pages_cards(sender, instance, **kwargs):
    ShareCard.objects.filter(page_id=instance.pk).delete()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="posters_restricted_share_cards")
def delete_a_restricted_sections_cards(sender, instance, raw=False, **kwargs):
    if not raw:
        ShareCard.objects.filter(page__path__startswith=instance.page.path).delete()
