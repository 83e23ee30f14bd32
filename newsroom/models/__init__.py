from .articles import ArticlePage, ArticleTag
from .assignments import StoryAssignment
from .authors import Author
from .calendar import HistoricEvent
from .campaigns import CampaignArticle, CampaignPage
from .columns import ColumnPage
from .home_sections import ColumnSection, FeaturedArticle
from .identity import OutletIdentity
from .images import NewsroomImage, NewsroomRendition
from .languages import Language
from .outlets import Outlet, OutletHomePage
from .pages import PlainPage, TagIndexPage
from .readership import DailyReads
from .tags import Tag

__all__ = [
    "ArticlePage",
    "ArticleTag",
    "Author",
    "CampaignArticle",
    "CampaignPage",
    "ColumnPage",
    "ColumnSection",
    "DailyReads",
    "FeaturedArticle",
    "HistoricEvent",
    "Language",
    "NewsroomImage",
    "Outlet",
    "OutletHomePage",
    "OutletIdentity",
    "PlainPage",
    "StoryAssignment",
    "NewsroomRendition",
    "Tag",
    "TagIndexPage",
]
