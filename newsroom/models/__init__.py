from .articles import ArticlePage, ArticleTag
from .authors import Author
from .calendar import HistoricEvent
from .campaigns import CampaignArticle, CampaignPage
from .columns import ColumnPage
from .outlets import Outlet, OutletHomePage
from .pages import PlainPage, TagIndexPage
from .tags import Tag

__all__ = [
    "ArticlePage",
    "ArticleTag",
    "Author",
    "CampaignArticle",
    "CampaignPage",
    "ColumnPage",
    "HistoricEvent",
    "Outlet",
    "OutletHomePage",
    "PlainPage",
    "Tag",
    "TagIndexPage",
]
