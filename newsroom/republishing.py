"""One story in several outlets: a live article republished in another outlet's column as a Wagtail alias.

An alias is not a copy: Wagtail updates it whenever the original is published, and its canonical URL
(`NewsroomPage.canonical_url`) points readers and search engines at the original.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from newsroom.models import ArticlePage, ColumnPage, OutletHomePage, OutletIdentity

logger = logging.getLogger(__name__)

REPUBLISH_LOG_ACTION = "newsroom.republish"


class NotRepublishable(ValueError):
    """Only a live original article can be republished: a draft has nothing to show, an alias follows its original."""


def is_republishable(page):
    return page.specific_class is ArticlePage and page.live and page.alias_of_id is None


def outlet_home_of(page):
    return OutletHomePage.objects.ancestor_of(page).first()


def first_publisher(alias):
    """The name of the outlet that first published the story an alias shows, as its masthead gives it."""
    site = alias.alias_of.get_site()
    return OutletIdentity.for_site(site).full_name or site.site_name


def columns_in_other_outlets(page):
    home = outlet_home_of(page)
    columns = ColumnPage.objects.all()
    return columns.not_descendant_of(home) if home else columns


def columns_user_may_publish_in(user, columns):
    """The columns where `user` may both add a page and publish it."""
    may_add = page_permission_policy.instances_user_has_any_permission_for(user, {"add"})
    may_publish = page_permission_policy.instances_user_has_any_permission_for(user, {"publish"})
    return columns.filter(pk__in=may_add.values("pk")).filter(pk__in=may_publish.values("pk"))


def may_republish_elsewhere(page, user):
    """Whether `user` may show `page` in at least one column of another outlet."""
    return (
        is_republishable(page) and columns_user_may_publish_in(user, columns_in_other_outlets(page)).exists()
    )


def may_republish_to(article, column, user):
    destinations = columns_user_may_publish_in(user, columns_in_other_outlets(article))
    return destinations.filter(pk=column.pk).exists()


def aliases_of(article):
    return Page.objects.filter(alias_of=article)


def destination_columns(article, user):
    """Columns of the other outlets where `user` may publish and `article` is not shown yet."""
    alias_paths = aliases_of(article).values_list("path", flat=True)
    columns_showing_it = [path[: -Page.steplen] for path in alias_paths]
    candidates = columns_user_may_publish_in(user, columns_in_other_outlets(article))
    return candidates.exclude(path__in=columns_showing_it).order_by("path")


def free_slug(slug, column):
    taken = set(column.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


@transaction.atomic
def republish(article, column, user):
    """Show `article` in `column` as an alias and log who did it; a repeated request returns the first alias.

    Wagtail's own alias action also wants edit permission on the original, which an editor of another
    outlet lacks; what republishing needs is the right to add and publish in the destination column.
    """
    if not is_republishable(article):
        raise NotRepublishable(article)
    if not may_republish_to(article, column, user):
        raise PermissionDenied
    # Two submissions of the same form wait for each other here, so the second finds the first alias.
    column = ColumnPage.objects.select_for_update().get(pk=column.pk)
    existing = aliases_of(article).child_of(column).first()
    if existing:
        return existing
    alias = CreatePageAliasAction(
        article,
        parent=column,
        update_slug=free_slug(article.slug, column),
        user=user,
        log_action=REPUBLISH_LOG_ACTION,
    ).execute(skip_permission_checks=True)
    logger.info('"%s" (%s) republished in column %s by %s', article.title, article.pk, column.pk, user)
    return alias
