"""Input the database cannot store, refused at the edge of every request: a NUL character, anywhere in the text.

PostgreSQL refuses NUL (U+0000) in any text value, and SQLite takes it: a NUL that reaches a query passes every
test on SQLite and answers 500 in production. Django's form fields refuse it, but query strings, cookies (the
session key is looked up before any view runs) and views that read request.GET or request.POST themselves
(Wagtail's tag autocomplete and choosers, our listing filters) hand it straight to the ORM. So one check here
covers them all: the path, every cookie, every query-string and form field's name and value, the name of every
upload field. File contents are not text, and pass.

No other character is refused by a UTF-8 database, save a lone surrogate, which cannot come out of a request:
Django decodes the query string, form fields and cookies with errors="replace" (U+FFFD) and re-percent-encodes
a path that is not UTF-8.

The public gets the 400 page (templates/400.html, in Vietnamese), or {"error": ...} from a JSON API; the admin a
plain, short message in the user's admin language.
"""

from itertools import chain

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

NUL = "\x00"
# The project's JSON APIs (newsroom/urls.py): their clients read {"error": ...}, not a page.
JSON_API_PREFIX = "/api/"
PUBLIC_API_REFUSAL = "Yêu cầu có ký tự NUL, không thể tiếp nhận."
# Set on a request whose form fields were refused while it ran (see check_form_fields_when_read).
REFUSED_FORM_ATTRIBUTE = "unstorable_form_fields"


class UnstorableInput(BadRequest):
    """A request field holds a character the database refuses."""


def holds_nul(texts):
    return any(NUL in text for text in texts)


class UnstorableInputMiddleware:
    """Answers 400 to a request whose path, cookies, query string or form fields hold a NUL.

    Place it after AuthenticationMiddleware (the admin's refusal speaks the user's language); the path, cookies
    and query string are checked before the rest of the stack runs, the form fields when first read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_nul(cookie_texts(request)):
            # The session behind that cookie cannot be looked up: the refusal speaks the default language.
            return refusal(request, with_user_language=False)
        if holds_nul(url_texts(request)):
            return refusal(request)
        check_form_fields_when_read(request)
        response = self.get_response(request)
        if getattr(request, REFUSED_FORM_ATTRIBUTE, False):
            return refusal(request)
        return response


def cookie_texts(request):
    return chain.from_iterable(request.COOKIES.items())


def url_texts(request):
    return chain([request.path_info], multi_value_texts(request.GET))


def multi_value_texts(values):
    return chain.from_iterable((key, *values.getlist(key)) for key in values)


def check_form_fields_when_read(request):
    """Check the form fields right after Django parses the body, on the first read of request.POST or FILES.

    The body is parsed when someone reads it (CsrfViewMiddleware, then the view), never here: a view may
    refuse a body unread (the contest page refuses an oversized one by its Content-Length). Django offers no
    hook after parsing, so the request's own loader is wrapped; tests/core/test_unstorable_input.py fails
    if Django stops calling it.
    """
    load_post_and_files = request._load_post_and_files

    def load_and_check():
        load_post_and_files()
        if holds_nul(chain(multi_value_texts(request._post), request._files.keys())):
            refuse_form_fields(request)

    request._load_post_and_files = load_and_check


def refuse_form_fields(request):
    # Nothing after this sees the refused fields, even code that catches the exception and reads on; close()
    # closes (and so deletes) the uploads' temporary files.
    request.close()
    request._post, request._files = QueryDict(), MultiValueDict()
    setattr(request, REFUSED_FORM_ATTRIBUTE, True)
    raise UnstorableInput("A form field holds a NUL character.")


def refusal(request, with_user_language=True):
    if request.path_info.startswith(reverse("wagtailadmin_home")):
        return admin_refusal(request, with_user_language)
    if request.path_info.startswith(JSON_API_PREFIX):
        return JsonResponse({"error": PUBLIC_API_REFUSAL}, status=400)
    return HttpResponseBadRequest(render_to_string("400.html"))


def admin_refusal(request, with_user_language):
    language = admin_language(request) if with_user_language else settings.LANGUAGE_CODE
    with translation.override(language):
        message = gettext(
            "This request contains a NUL character, which cannot be saved. Remove it and try again."
        )
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def admin_language(request):
    profile = getattr(request.user, "wagtail_userprofile", None) if request.user.is_authenticated else None
    return profile.get_preferred_language() if profile else settings.LANGUAGE_CODE
