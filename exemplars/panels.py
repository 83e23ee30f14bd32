"""The editor's panels this app adds to newsroom pages: the exemplars and movements an article is about, and
the registry a column shows.

They edit child objects of the article or the column defined in this app (`models.links`, `models.columns`);
the newsroom app does not know this app. Wagtail builds a page's edit handler from `content_panels` on first
use and caches it, so extending the list in `AppConfig.ready()`, before any request, is enough and leaves
ArticlePage and ColumnPage untouched.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import InlinePanel, MultiFieldPanel

from newsroom.models import ArticlePage, ColumnPage


def add_article_panels():
    ArticlePage.content_panels = [
        *ArticlePage.content_panels,
        MultiFieldPanel(
            [
                InlinePanel("exemplar_links", label=_("exemplar"), heading=_("Exemplars featured")),
                InlinePanel("movement_links", label=_("movement"), heading=_("Movements featured")),
            ],
            _("Exemplars and movements"),
        ),
    ]


def add_column_panels():
    ColumnPage.content_panels = [
        *ColumnPage.content_panels,
        InlinePanel(
            "registry_links",
            max_num=1,
            label=_("registry"),
            heading=_("Exemplar registry shown in this column"),
            help_text=_(
                "The column's front page then shows the registry's live profiles above its articles, "
                "each linking to the profile on this outlet's site."
            ),
        ),
    ]
