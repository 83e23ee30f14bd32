"""`manage.py setup` gives every outlet a tip form, once."""

import pytest

from wagtail import hooks

from newsroom.setup import SETUP_STEPS_HOOK
from tips.models import TipPage
from tips.setup import set_up_tip_pages

pytestmark = pytest.mark.django_db


def test_every_outlet_gets_one_tip_form_and_setup_again_adds_none(outlets):
    assert set_up_tip_pages in hooks.get_hooks(SETUP_STEPS_HOOK)
    set_up_tip_pages(outlets)
    set_up_tip_pages(outlets)
    assert sorted(page.outlet for page in TipPage.objects.all()) == ["broadcast", "newspaper", "portal"]
    assert all(page.live for page in TipPage.objects.all())


def test_a_form_an_editor_moved_or_retitled_is_kept(outlets):
    portal = outlets["portal"]
    portal.add_child(instance=TipPage(title="Gửi tin người tốt", slug="gui-tin"))
    set_up_tip_pages(outlets)
    assert list(TipPage.objects.descendant_of(portal).values_list("slug", flat=True)) == ["gui-tin"]
