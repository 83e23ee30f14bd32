"""RSS for each column: readers and aggregators follow a column without visiting it."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from newsroom.models import ArticlePage

FEED_LENGTH = 30


class ColumnFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, column):
        super().__init__()
        self.column = column

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
        return (
            ArticlePage.objects.child_of(self.column)
            .live()
            .public()
            # An item is a title and a standfirst: the body, however long, is never read.
            .defer_streamfields()
            .order_by("-publication_date")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.publication_date
