"""Where each page type may stand, and that an editor can create them through the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from broadcasts.models import ProgrammeIndexPage
from contests.models import ContestIndexPage
from exemplars.models import ExemplarIndexPage, MovementIndexPage
from newsroom.models import ArticlePage, CampaignPage, ColumnPage, OutletHomePage, PlainPage, TagIndexPage
from newsroom.outlets import ensure_all_outlets
from quizzes.models import QuizPage
from search.models import SearchPage
from tips.models import TipPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_outlet_homes_stand_at_the_top_only(self):
        self.assertAllowedParentPageTypes(OutletHomePage, {Page})
        self.assertCanNotCreateAt(ColumnPage, OutletHomePage)

    def test_a_home_holds_its_columns_and_the_shared_indexes(self):
        self.assertAllowedSubpageTypes(
            OutletHomePage,
            {
                ColumnPage,
                PlainPage,
                TagIndexPage,
                CampaignPage,
                ExemplarIndexPage,
                MovementIndexPage,
                ContestIndexPage,
                QuizPage,
                TipPage,
                ProgrammeIndexPage,
                SearchPage,
            },
        )

    def test_articles_live_in_columns_and_nowhere_else(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ColumnPage})
        self.assertAllowedSubpageTypes(ColumnPage, {ArticlePage})
        self.assertCanNotCreateAt(OutletHomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(PlainPage, ArticlePage)


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.homes = ensure_all_outlets()
        self.client.force_login(self.create_test_user())

    def test_an_editor_creates_a_column_and_an_article_with_a_stream_body(self):
        home = self.homes["newspaper"]
        self.assertCanCreate(
            home,
            ColumnPage,
            nested_form_data(
                {
                    "title": "Gương sáng quanh ta",
                    "slug": "guong-sang-quanh-ta",
                    "intro": rich_text(""),
                    "per_page": 12,
                    "registry_links": inline_formset([]),
                }
            ),
        )
        column = ColumnPage.objects.get(slug="guong-sang-quanh-ta")
        body = streamfield([("paragraph", rich_text("<p>Chị H'Bia Ênuôl khởi nghiệp từ mắc ca.</p>"))])
        data = nested_form_data(
            {
                "title": "Nữ giám đốc hợp tác xã mắc ca",
                "slug": "nu-giam-doc-hop-tac-xa-mac-ca",
                "kind": "article",
                "standfirst": "Một hợp tác xã, 120 thành viên.",
                "body": body,
                "publication_date": "2025-03-10 08:00:00",
                "tags": "mắc ca, khởi nghiệp",
                "exemplar_links": inline_formset([]),
                "movement_links": inline_formset([]),
            }
        )
        self.assertCanCreate(column, ArticlePage, data)
        article = ArticlePage.objects.get(slug="nu-giam-doc-hop-tac-xa-mac-ca")
        self.assertEqual(sorted(tag.name for tag in article.tags.all()), ["khởi nghiệp", "mắc ca"])
        self.assertEqual(article.body[0].block_type, "paragraph")
