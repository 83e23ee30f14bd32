"""The article editor's panels for the exemplars and movements a feature is about.

The links are child objects of the article defined in this app (`models.links`); the newsroom app does not
know this app. Wagtail builds a page's edit handler from `content_panels` on first use and caches it, so
extending the list in `AppConfig.ready()`, before any request, is enough and leaves ArticlePage untouched.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import InlinePanel, MultiFieldPanel


def add_article_panels():
    from newsroom.models import ArticlePage

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
