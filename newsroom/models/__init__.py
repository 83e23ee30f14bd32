from .articles import ArticlePage, ArticleTag
from .authors import Author
from .columns import ColumnPage
from .outlets import Outlet, OutletHomePage
from .pages import PlainPage, TagIndexPage
from .tags import Tag

__all__ = [
    "ArticlePage",
    "ArticleTag",
    "Author",
    "ColumnPage",
    "Outlet",
    "OutletHomePage",
    "PlainPage",
    "Tag",
    "TagIndexPage",
]
