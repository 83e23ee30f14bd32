"""The content API's answers (newsroom.api), kept until what readers see changes.

An answer is kept under the request's full address (scheme, host, path and query) and site, and under the cache's
generation. A change readers see starts a new generation, after its transaction commits: a page published,
unpublished, moved or deleted, a view restriction added or lifted, an image or a document saved or deleted, a
batch of the archive imported. The answers of the generations before are never read again and expire (the
cache's TIMEOUT, which also bounds what changes without any of these: an author renamed, an episode aired).

The cache (settings CACHES["content_api"]) is a table of the database, shared by every server process and by the
scheduler: a page the scheduler publishes clears every process's answers at once.
"""

import hashlib

from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache_generations import current_generation, new_generation

from .signals import pages_bulk_published

CACHE_ALIAS = "content_api"
GENERATION_KEY = "generation"


def cached(request, site, make_data):
    """The data answering `request` on `site`: kept from an earlier request of this generation, or made now by
    `make_data()` and kept."""
    cache = caches[CACHE_ALIAS]
    key = _answer_key(request, site, current_generation(cache, GENERATION_KEY))
    data = cache.get(key)
    if data is None:
        data = make_data()
        cache.set(key, data)
    return data


def start_new_generation():
    new_generation(caches[CACHE_ALIAS], GENERATION_KEY)


def ensure_cache_table(homes):
    """A setup step (newsroom.setup): the tables of the database's caches, this one's and the shared cache's where
    there is no Redis (core.shared_cache). Migrating makes them too (core.apps); here again for a cache the
    settings moved to the database after the last migration."""
    call_command("createcachetable", verbosity=0)
    return "Caches: the tables of the database's caches are in place."


def _answer_key(request, site, generation):
    # Addresses are longer than a key may be (250 characters): the key holds a digest of the address.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"answer:{generation}:{site.pk if site else '-'}:{address}"


def content_changed(**kwargs):
    # After the commit: a request answered in between would keep the content from before under the new generation.
    # A cache that cannot be written never fails what changed the content; its answers then expire by themselves.
    transaction.on_commit(start_new_generation, robust=True)


for signal, name in [
    (page_published, "published"),
    (page_unpublished, "unpublished"),
    (post_page_move, "moved"),
    (pages_bulk_published, "imported"),
]:
    signal.connect(content_changed, dispatch_uid=f"content_api_page_{name}")
# Deleting a page of any type deletes its Page row, which sends post_delete for Page.
post_delete.connect(content_changed, sender=Page, dispatch_uid="content_api_page_deleted")
for model in (get_image_model(), get_document_model(), PageViewRestriction, CollectionViewRestriction):
    post_save.connect(
        content_changed, sender=model, dispatch_uid=f"content_api_{model._meta.label_lower}_saved"
    )
    post_delete.connect(
        content_changed, sender=model, dispatch_uid=f"content_api_{model._meta.label_lower}_deleted"
    )
