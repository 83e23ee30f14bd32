"""wagtailmedia's chooser, served at its own address (broadcasts.wagtail_hooks) with the two strings its script
shows when an upload from the chooser fails in the admin's language: wagtailmedia writes them in English, outside
gettext ("Server Error", "Report this error to your webmaster…"). Wagtail's own choosers say the same in its
words, which the project's catalogue of Wagtail translates."""

import json

from django.utils.translation import gettext

from wagtailmedia.views import chooser as wagtailmedia_chooser


def chooser(request, media_type=None):
    response = wagtailmedia_chooser.chooser(request, media_type)
    if not response["Content-Type"].startswith("application/json"):
        return response
    step = json.loads(response.content)
    if "error_label" in step:
        step["error_label"] = gettext("Server Error")
        step["error_message"] = gettext(
            "Report this error to your website administrator with the following information:"
        )
        response.content = json.dumps(step)
    return response
