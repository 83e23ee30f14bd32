"""The demo's home pages as each outlet's editor composes them (data/front_pages.json): the lead story, the
featured articles, the sections by column in the editor's order, the newspaper's breaking-news line for the
demo contest's first two weeks; each site's masthead and legal footer; and the reads of the last two days, so
that "Đọc nhiều" has something to rank. A home an editor composed already is kept as it is."""

import datetime

from django.utils import timezone

from core.dates import local_today
from newsroom.models import ArticlePage, ColumnPage, OutletHomePage
from newsroom.models.home_sections import ColumnSection, FeaturedArticle
from newsroom.models.readership import DailyReads
from newsroom.outlet_identity import ensure_identity

from .data import read_json


def compose_front_pages(homes):
    for outlet, plan in read_json("front_pages.json").items():
        home = OutletHomePage.objects.get(pk=homes[outlet].pk)
        articles = ArticlePage.objects.in_outlet(home).in_bulk(_article_ids(plan), field_name="external_id")
        if not home.featured_articles.exists() and not home.column_sections.exists():
            _compose(home, plan, articles)
        _fill_identity(home, plan["identity"])
        _record_reads(outlet, plan["reads"], articles)


def _article_ids(plan):
    breaking = plan.get("breaking", {})
    return {plan["lead"], *plan["featured"], *plan["reads"], *filter(None, [breaking.get("link")])}


def _compose(home, plan, articles):
    home.lead_story = articles[plan["lead"]]
    home.featured_articles = [
        FeaturedArticle(article=articles[key], sort_order=order) for order, key in enumerate(plan["featured"])
    ]
    columns = {column.title: column for column in ColumnPage.objects.child_of(home)}
    home.column_sections = [
        ColumnSection(
            column=columns[section["column"]],
            items=section["items"],
            heading=section.get("heading", ""),
            sort_order=order,
        )
        for order, section in enumerate(plan["sections"])
    ]
    breaking = plan.get("breaking")
    if breaking:
        home.breaking_news = breaking["text"]
        home.breaking_news_link = articles[breaking["link"]]
        home.breaking_news_until = timezone.now() + datetime.timedelta(days=breaking["days"])
    home.save_revision().publish()


def _fill_identity(home, fields):
    identity = ensure_identity(home)
    empty = [name for name, value in fields.items() if not getattr(identity, name)]
    for name in empty:
        setattr(identity, name, fields[name])
    if empty:
        identity.save(update_fields=empty)


def _record_reads(outlet, reads, articles):
    """Today's and yesterday's reads, split in two, where none are recorded yet."""
    today = local_today()
    if DailyReads.objects.filter(outlet=outlet, day=today).exists():
        return
    for key, count in reads.items():
        for day, share in ((today, count // 2), (today - datetime.timedelta(days=1), count - count // 2)):
            DailyReads.objects.update_or_create(
                outlet=outlet, day=day, page=articles[key], defaults={"reads": share}
            )
