"""Where the registry, profiles and movements stand, and that editors create them through the admin."""

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exemplars.models import (
    AchievementField,
    ExemplarIndexPage,
    ExemplarPage,
    Locality,
    MovementIndexPage,
    MovementPage,
    Unit,
)
from exemplars.setup import ensure_shared_indexes
from newsroom.models import ArticlePage, ColumnPage, OutletHomePage
from newsroom.outlets import ensure_all_outlets


class PageTreeRulesTests(WagtailPageTestCase):
    def test_the_indexes_stand_on_an_outlet_home(self):
        self.assertAllowedParentPageTypes(ExemplarIndexPage, {OutletHomePage})
        self.assertAllowedParentPageTypes(MovementIndexPage, {OutletHomePage})
        self.assertCanNotCreateAt(Page, ExemplarIndexPage)
        self.assertCanNotCreateAt(ColumnPage, MovementIndexPage)

    def test_profiles_live_in_the_registry_and_movements_in_their_index(self):
        self.assertAllowedParentPageTypes(ExemplarPage, {ExemplarIndexPage})
        self.assertAllowedParentPageTypes(MovementPage, {MovementIndexPage})
        self.assertAllowedSubpageTypes(ExemplarIndexPage, {ExemplarPage})
        self.assertAllowedSubpageTypes(MovementIndexPage, {MovementPage})
        self.assertAllowedSubpageTypes(ExemplarPage, set())
        self.assertAllowedSubpageTypes(MovementPage, set())
        self.assertCanNotCreateAt(ColumnPage, ExemplarPage)
        self.assertCanNotCreateAt(ExemplarIndexPage, ArticlePage)


class SharedIndexTests(WagtailPageTestCase):
    def setUp(self):
        self.homes = ensure_all_outlets()
        self.indexes = ensure_shared_indexes(self.homes)

    def test_each_outlet_has_one_index_of_each_kind_and_only_the_portal_holds_the_originals(self):
        for index_class, canonical in self.indexes.items():
            self.assertEqual(canonical.get_parent().specific.outlet, "portal")
            for home in self.homes.values():
                index = index_class.objects.child_of(home).get()
                self.assertEqual(index.alias_of_id is None, index.pk == canonical.pk)
                self.assertEqual(index.title, canonical.title)

    def test_setting_up_twice_changes_nothing(self):
        count = Page.objects.count()
        self.assertEqual(ensure_shared_indexes(self.homes), self.indexes)
        self.assertEqual(Page.objects.count(), count)

    def test_profiles_and_movements_cannot_be_created_under_an_alias(self):
        for index_class, child_class in (
            (ExemplarIndexPage, ExemplarPage),
            (MovementIndexPage, MovementPage),
        ):
            alias = index_class.objects.child_of(self.homes["newspaper"]).get()
            self.assertFalse(child_class.can_create_at(alias))
            self.assertTrue(child_class.can_create_at(self.indexes[index_class]))


class AdminCreationTests(WagtailPageTestCase):
    def setUp(self):
        self.indexes = ensure_shared_indexes(ensure_all_outlets())
        self.unit = Unit.objects.create(
            name="Trường Tiểu học Yang Mao",
            kind=Unit.Kind.SCHOOL,
            locality=Locality.objects.get(name="Xã Yang Mao"),
        )
        self.client.force_login(self.create_test_user())

    def test_an_editor_creates_a_profile_with_fields_and_awards(self):
        fields = AchievementField.objects.filter(code__in=["cong-tac", "hoc-tap"])
        data = nested_form_data(
            {
                "title": "Lê Quang Vinh",
                "slug": "le-quang-vinh",
                "subject_kind": "individual",
                "position": "Giáo viên",
                "unit": self.unit.pk,
                "summary": "Dạy tiếng Việt cho trẻ em đồng bào.",
                "achievements": streamfield([("paragraph", rich_text("<p>Mười năm bám bản.</p>"))]),
                "awards": inline_formset(
                    [
                        {
                            "title": "Chiến sĩ thi đua cấp tỉnh",
                            "decision_number": "1234/QĐ-UBND",
                            "issuing_authority": "UBND tỉnh Đắk Lắk",
                            "date": "2024-11-20",
                        }
                    ]
                ),
                "year": 2024,
                "tags": "giáo dục",
            }
        )
        data["achievement_fields"] = [field.pk for field in fields]
        self.assertCanCreate(self.indexes[ExemplarIndexPage], ExemplarPage, data)
        profile = ExemplarPage.objects.get(slug="le-quang-vinh")
        self.assertEqual(
            set(profile.achievement_fields.values_list("code", flat=True)), {"cong-tac", "hoc-tap"}
        )
        self.assertEqual([award.decision_number for award in profile.awards.all()], ["1234/QĐ-UBND"])


@pytest.mark.django_db
def test_the_data_migration_seeds_the_fields_of_the_plan_and_the_localities():
    assert AchievementField.objects.count() == 8
    # The 15 districts of 2024-2025, and the 102 communes and wards of 1 July 2025 (test_localities).
    assert Locality.objects.count() == 15 + 102
    assert list(Locality.objects.values_list("name", flat=True))[:2] == ["Huyện Buôn Đôn", "Huyện Cư Kuin"]
