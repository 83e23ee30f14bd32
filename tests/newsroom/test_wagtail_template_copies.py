"""Two of Wagtail's admin templates are copied whole into templates/wagtailadmin/, to translate the submit button
of their search forms, which Wagtail 8 writes in English (`value="Search"`, read out by screen readers). Each
copy must stay Wagtail's template with only that change: after a Wagtail upgrade this fails until the copy is
taken again, or dropped once Wagtail translates the button itself."""

from pathlib import Path

import pytest

from django.conf import settings

import wagtail.admin

WAGTAIL_TEMPLATES = Path(wagtail.admin.__file__).parent / "templates" / "wagtailadmin"
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "wagtailadmin"
ENGLISH_BUTTON = '<input type="submit" value="Search" class="button" />'
TRANSLATED_BUTTON = '<input type="submit" value="{% trans "Search" %}" class="button" />'


@pytest.mark.parametrize("name", ["home.html", "shared/header.html"])
def test_the_copy_is_wagtails_template_with_the_button_translated(name):
    original = (WAGTAIL_TEMPLATES / name).read_text(encoding="utf-8")

    assert ENGLISH_BUTTON in original
    assert (OUR_TEMPLATES / name).read_text(encoding="utf-8") == original.replace(
        ENGLISH_BUTTON, TRANSLATED_BUTTON
    )
