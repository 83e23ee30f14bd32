"""RSS for each column: readers and aggregators follow a column without visiting it."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 30


class ColumnFeed(Feed):
    """A column's RSS: the newest of `articles`, the column's, from ArticlePage.objects.for_feed()."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, column, articles):
        super().__init__()
        self.column = column
        self.articles = articles

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        outlet = self.column.get_site().site_name
        return f"{self.column.title} · {outlet}"

    def link(self):
        return self.column.get_url(self.request)

    def description(self):
        return f"Bài mới trong chuyên mục {self.column.title}"

    def items(self):
        return self.articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.publication_date
